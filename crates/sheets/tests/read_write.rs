//! Real files through the public API: workbooks built with rust_xlsxwriter, CSV bytes in the
//! encodings and dialects people's files come in, and round trips through the writers.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use vaski_sheets::{read_table, write_csv, write_xlsx, Row, SheetError, Table};

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

fn row(number: usize, values: &[&str]) -> Row {
    Row {
        number,
        cells: strings(values),
    }
}

fn workbook_bytes(build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>) -> Vec<u8> {
    let mut workbook = Workbook::new();
    build(&mut workbook).expect("workbook is built");
    workbook.save_to_buffer().expect("workbook is saved")
}

fn read(bytes: &[u8]) -> Table {
    read_table(bytes).expect("the file is read")
}

// --- XLSX -------------------------------------------------------------------------------

#[test]
fn an_xlsx_workbook_is_read_with_trimmed_cells_and_true_row_numbers() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "Nimi ")?;
        sheet.write_string(0, 1, " Kunta")?;
        sheet.write_string(1, 0, "  Forssan Hitsaamo Oy ")?;
        sheet.write_string(1, 1, "Forssa")?;
        sheet.write_string(3, 0, "Ypäjän Talli")?;
        sheet.write_string(3, 1, "Ypäjä")?;
        Ok(())
    });
    let table = read(&bytes);
    assert_eq!(table.headers, strings(&["Nimi", "Kunta"]));
    assert_eq!(
        table.rows,
        vec![
            row(2, &["Forssan Hitsaamo Oy", "Forssa"]),
            row(4, &["Ypäjän Talli", "Ypäjä"]),
        ]
    );
}

#[test]
fn numbers_dates_and_booleans_in_a_workbook_read_as_the_user_typed_them() {
    let bytes = workbook_bytes(|wb| {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let finnish_date = Format::new().set_num_format("d.m.yyyy");
        let sheet = wb.add_worksheet();
        for (column, header) in ["Y", "Puhelin", "Osuus", "Alkaen", "Päättyy", "Aktiivinen"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, column as u16, *header)?;
        }
        sheet.write_number(1, 0, 1_234_567.0)?;
        sheet.write_number(1, 1, 358_401_234_567.0)?;
        sheet.write_number(1, 2, 0.25)?;
        sheet.write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(2025, 3, 31)?, &date)?;
        sheet.write_datetime_with_format(
            1,
            4,
            ExcelDateTime::from_ymd(2026, 12, 1)?,
            &finnish_date,
        )?;
        sheet.write_boolean(1, 5, true)?;
        Ok(())
    });
    let table = read(&bytes);
    assert_eq!(
        table.rows,
        vec![row(
            2,
            &[
                "1234567",
                "358401234567",
                "0.25",
                "2025-03-31",
                "2026-12-01",
                "true"
            ]
        )]
    );
}

#[test]
fn a_table_that_starts_lower_in_the_sheet_keeps_the_sheets_row_numbers() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(2, 0, "Nimi")?;
        sheet.write_string(3, 0, "Hitsaamo")?;
        Ok(())
    });
    let table = read(&bytes);
    assert_eq!(table.headers, strings(&["Nimi"]));
    assert_eq!(table.rows, vec![row(4, &["Hitsaamo"])]);
}

#[test]
fn only_the_first_worksheet_is_read() {
    let bytes = workbook_bytes(|wb| {
        wb.add_worksheet().write_string(0, 0, "Ensimmäinen")?;
        wb.add_worksheet().write_string(0, 0, "Toinen")?;
        Ok(())
    });
    assert_eq!(read(&bytes).headers, strings(&["Ensimmäinen"]));
}

#[test]
fn a_workbook_with_an_empty_first_sheet_has_no_header() {
    let bytes = workbook_bytes(|wb| {
        wb.add_worksheet();
        Ok(())
    });
    assert_eq!(read_table(&bytes), Err(SheetError::Empty));
}

#[test]
fn a_zip_archive_that_is_not_a_workbook_is_refused_as_a_bad_workbook() {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend([0x14, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert!(matches!(read_table(&bytes), Err(SheetError::Xlsx(_))));
}

// --- CSV --------------------------------------------------------------------------------

#[test]
fn utf8_csv_with_semicolons_is_read() {
    let table = read("Nimi;Kunta\nForssan Hitsaamo Oy;Forssa\nYpäjän Talli;Ypäjä\n".as_bytes());
    assert_eq!(table.headers, strings(&["Nimi", "Kunta"]));
    assert_eq!(
        table.rows,
        vec![
            row(2, &["Forssan Hitsaamo Oy", "Forssa"]),
            row(3, &["Ypäjän Talli", "Ypäjä"])
        ]
    );
}

#[test]
fn utf8_csv_with_a_bom_and_commas_is_read() {
    let table = read("\u{FEFF}Name,Municipality\r\nÅbo Akademi,Turku\r\n".as_bytes());
    assert_eq!(table.headers, strings(&["Name", "Municipality"]));
    assert_eq!(table.rows, vec![row(2, &["Åbo Akademi", "Turku"])]);
}

#[test]
fn windows_1252_csv_from_finnish_excel_is_read() {
    let bytes = b"Nimi;Kunta;Muistiinpanot\r\nYp\xE4j\xE4n Talli;Yp\xE4j\xE4;\xC5\xE4\xF6 \x80\r\n";
    let table = read(bytes);
    assert_eq!(table.headers, strings(&["Nimi", "Kunta", "Muistiinpanot"]));
    assert_eq!(
        table.rows,
        vec![row(2, &["Ypäjän Talli", "Ypäjä", "Åäö €"])]
    );
}

#[test]
fn tab_separated_text_is_read() {
    let table = read(b"Nimi\tKunta\nHitsaamo\tForssa\n");
    assert_eq!(table.rows, vec![row(2, &["Hitsaamo", "Forssa"])]);
}

#[test]
fn a_quoted_field_may_hold_the_separator_a_quote_and_a_line_break() {
    let text =
        "Nimi;Muistiinpanot\n\"Pelti; Putki Oy\";\"Sanoi \"\"ehkä\"\"\ntoinen rivi\"\nSeuraava;x\n";
    let table = read(text.as_bytes());
    assert_eq!(
        table.rows,
        vec![
            row(2, &["Pelti; Putki Oy", "Sanoi \"ehkä\"\ntoinen rivi"]),
            row(3, &["Seuraava", "x"]),
        ]
    );
}

#[test]
fn empty_lines_are_skipped_but_counted_in_row_numbers() {
    let table = read(b"\nNimi;Kunta\n\n;\nHitsaamo;Forssa\n\n");
    assert_eq!(table.headers, strings(&["Nimi", "Kunta"]));
    assert_eq!(table.rows, vec![row(5, &["Hitsaamo", "Forssa"])]);
}

#[test]
fn short_rows_are_padded_and_empty_extra_cells_dropped() {
    let table = read(b"Nimi;Kunta\nA\nB;Forssa;;;\n");
    assert_eq!(
        table.rows,
        vec![row(2, &["A", ""]), row(3, &["B", "Forssa"])]
    );
}

#[test]
fn a_quoted_field_that_never_ends_is_reported_with_its_row() {
    let result = read_table(b"Nimi;Kunta\nA;Forssa\n\"B;Ypaja\nC;Loppi\n");
    assert!(
        matches!(result, Err(SheetError::Csv { line: 3, .. })),
        "{result:?}"
    );
}

#[test]
fn an_empty_file_has_no_header() {
    assert_eq!(read_table(b""), Err(SheetError::Empty));
    assert_eq!(read_table(b"\r\n;;\r\n"), Err(SheetError::Empty));
}

// --- Not spreadsheets -------------------------------------------------------------------

#[test]
fn a_png_image_is_not_a_spreadsheet() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x20\x00\x00\x00\x20\x08\x06";
    assert_eq!(read_table(png), Err(SheetError::NotASpreadsheet));
}

#[test]
fn random_binary_is_not_a_spreadsheet() {
    let mut state: u32 = 0x9E37_79B9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    assert_eq!(read_table(&bytes), Err(SheetError::NotASpreadsheet));
}

#[test]
fn utf16_text_is_an_unreadable_encoding() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Nimi\tKunta\r\nA\tB\r\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    assert_eq!(
        read_table(&bytes),
        Err(SheetError::UnreadableEncoding { line: 1 })
    );
}

// --- Round trips ------------------------------------------------------------------------

fn sample() -> (Vec<&'static str>, Vec<Vec<String>>) {
    let headers = vec!["Nimi", "Y-tunnus", "Puhelin", "Muistiinpanot", "Kunta"];
    let rows = vec![
        strings(&[
            "Forssan Hitsaamo Oy",
            "0112038-9",
            "+358 40 123 4567",
            "Hyvä kumppani; \"luotettava\"\ntoinen rivi",
            "Forssa",
        ]),
        strings(&["Ypäjän Talli", "", "040 123", "", "Ypäjä"]),
    ];
    (headers, rows)
}

fn expected_table(headers: &[&str], rows: &[Vec<String>]) -> Table {
    Table {
        headers: strings(headers),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: i + 2,
                cells: cells.clone(),
            })
            .collect(),
    }
}

#[test]
fn csv_written_for_excel_reads_back_the_same() {
    let (headers, rows) = sample();
    let bytes = write_csv(&headers, &rows);
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNimi;Y-tunnus;"));
    assert!(bytes.ends_with(b"\r\n"));
    assert_eq!(read(&bytes), expected_table(&headers, &rows));
}

#[test]
fn a_written_csv_value_that_looks_like_a_formula_reads_back_as_text_with_an_apostrophe() {
    let bytes = write_csv(&["Nimi"], &[strings(&["=1+2"])]);
    assert_eq!(read(&bytes).rows, vec![row(2, &["'=1+2"])]);
}

#[test]
fn xlsx_written_reads_back_the_same() {
    let (headers, rows) = sample();
    let bytes = write_xlsx("Kumppanit", &headers, &rows).expect("written");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    assert_eq!(read(&bytes), expected_table(&headers, &rows));
}

#[test]
fn xlsx_values_that_look_like_formulas_stay_text() {
    let bytes = write_xlsx("Lista", &["Nimi"], &[strings(&["=1+2"])]).expect("written");
    assert_eq!(read(&bytes).rows, vec![row(2, &["=1+2"])]);
}

#[test]
fn an_export_with_an_invalid_sheet_name_is_still_written() {
    let bytes = write_xlsx("Kumppanit [1/2025]?", &["Nimi"], &[]).expect("written");
    assert_eq!(read(&bytes).headers, strings(&["Nimi"]));
}

#[test]
fn a_cell_longer_than_excel_allows_is_a_write_error() {
    let too_long = "x".repeat(40_000);
    let result = write_xlsx("Lista", &["Nimi"], &[vec![too_long]]);
    assert!(matches!(result, Err(SheetError::Write(_))), "{result:?}");
}
