//! Exports: CSV for Finnish Excel and XLSX workbooks, values written as text, or with
//! [`write_xlsx_cells`] figures as numbers.

use crate::SheetError;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, XlsxError};

const UTF8_BOM: &str = "\u{FEFF}";
/// Finnish Excel's list separator, so that a double-clicked file opens in columns.
const CSV_SEPARATOR: char = ';';
const CSV_LINE_END: &str = "\r\n";

/// Writes a CSV file that a Finnish Excel opens in columns with the letters right: UTF-8 with
/// a BOM, `;` between values, CRLF line ends, values quoted only when they contain the
/// separator, a quote or a line break.
///
/// Formula-injection guard: a value starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`, so that a spreadsheet shows it as text instead of running it as
/// a formula. Values that are plainly numbers or phone numbers (an optional leading `+` or
/// `-`, then only digits, spaces, `(`, `)`, `-`, `.` and `,`, such as `+358 40 123 4567` or
/// `-12,5`) are left as they are, since nothing in them can call a function.
pub fn write_csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from(UTF8_BOM);
    write_csv_line(&mut out, headers.iter().copied());
    for row in rows {
        write_csv_line(&mut out, row.iter().map(String::as_str));
    }
    out.into_bytes()
}

/// Appends one CSV line with its line end.
fn write_csv_line<'a>(out: &mut String, values: impl Iterator<Item = &'a str>) {
    for (i, value) in values.enumerate() {
        if i > 0 {
            out.push(CSV_SEPARATOR);
        }
        write_csv_value(out, &guard_formula(value));
    }
    out.push_str(CSV_LINE_END);
}

/// Appends one value, quoted (with quotes doubled) when it needs to be.
fn write_csv_value(out: &mut String, value: &str) {
    if value.contains([CSV_SEPARATOR, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Prefixes `'` to a value a spreadsheet would take as a formula; see [`write_csv`].
fn guard_formula(value: &str) -> std::borrow::Cow<'_, str> {
    let starts_like_formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_like_formula && !is_plain_number(value) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// An optional sign, then only digits and the punctuation of numbers and phone numbers, with
/// at least one digit.
fn is_plain_number(value: &str) -> bool {
    let body = value.strip_prefix(['+', '-']).unwrap_or(value);
    body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.' | ','))
}

/// The widest a column is made, in characters; longer values wrap or overflow.
const MAX_COLUMN_WIDTH: usize = 60;
/// The narrowest a column is made, in characters.
const MIN_COLUMN_WIDTH: usize = 8;
/// The most characters Excel keeps in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Writes an XLSX workbook of one worksheet: a bold, frozen header row, then the rows, every
/// value as a text cell (so business IDs, phone numbers and postcodes keep their leading
/// zeros, and no value is ever taken as a formula). Columns are as wide as their longest
/// value, within 8 to 60 characters. The sheet name is made valid for Excel: forbidden
/// characters become `_`, it is cut to 31 characters, and an empty name becomes `Sheet1`.
pub fn write_xlsx(
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, SheetError> {
    build_workbook(sheet_name, headers, rows)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| SheetError::Write(e.to_string()))
}

fn build_workbook(
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(valid_sheet_name(sheet_name))?;
    let bold = Format::new().set_bold();
    for (column, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, column_number(column)?, *header, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let row_number = RowNum::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (column, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(row_number, column_number(column)?, value)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for (column, width) in column_widths(headers, rows).into_iter().enumerate() {
        sheet.set_column_width(column_number(column)?, width as f64)?;
    }
    Ok(workbook)
}

/// A column index as Excel's column number type, or the limit error past Excel's 16 384.
fn column_number(column: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The width of each column in characters: the longest line of its values plus a margin,
/// kept between [`MIN_COLUMN_WIDTH`] and [`MAX_COLUMN_WIDTH`].
fn column_widths(headers: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    let mut widths = vec![0; columns];
    let all_rows = std::iter::once(headers.to_vec())
        .chain(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    for row in all_rows {
        for (width, value) in widths.iter_mut().zip(row) {
            let longest_line = value
                .lines()
                .map(|l| l.chars().take(MAX_CELL_CHARS).count())
                .max()
                .unwrap_or(0);
            *width = (*width).max(longest_line);
        }
    }
    widths
        .into_iter()
        .map(|w| (w + 2).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH))
        .collect()
}

/// Excel's rules for a worksheet name: 1 to 31 characters, none of `[ ] : * ? / \`, not
/// starting or ending with `'`, and not `History`.
fn valid_sheet_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cut: String = replaced
        .trim()
        .trim_matches('\'')
        .chars()
        .take(31)
        .collect();
    let cut = cut.trim_end_matches('\'').trim_end().to_string();
    if cut.is_empty() {
        "Sheet1".to_string()
    } else if cut.eq_ignore_ascii_case("history") {
        format!("{cut}_")
    } else {
        cut
    }
}

/// A cell of a workbook whose figures stay numbers: text, or a number shown with its format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A whole number (a count).
    Integer(i64),
    /// A number shown with two decimals (hours).
    Decimal(f64),
    /// Euro cents, written as euros and shown with two decimals (`45,90` in a Finnish Excel).
    Cents(i64),
}

impl Cell {
    /// The cell as text, for measuring the column.
    fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Decimal(x) => format!("{x:.2}"),
            Cell::Cents(c) => format!("{:.2}", *c as f64 / 100.0),
        }
    }
}

/// Number formats of [`Cell::Decimal`] and [`Cell::Cents`]: two decimals, thousands grouped.
const TWO_DECIMALS: &str = "#,##0.00";

/// Writes an XLSX workbook of one worksheet whose numbers are number cells (so that a
/// spreadsheet can sum them) with two decimals where they have them: a bold, frozen header row,
/// the rows, and an optional sum row in bold. Text cells are written as text, never as
/// formulas; columns are sized and the sheet named as in [`write_xlsx`].
pub fn write_xlsx_cells(
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
    total: Option<&[Cell]>,
) -> Result<Vec<u8>, SheetError> {
    build_typed_workbook(sheet_name, headers, rows, total)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|e| SheetError::Write(e.to_string()))
}

fn build_typed_workbook(
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<Cell>],
    total: Option<&[Cell]>,
) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(valid_sheet_name(sheet_name))?;
    let bold = Format::new().set_bold();
    let decimals = Format::new().set_num_format(TWO_DECIMALS);
    let bold_decimals = Format::new().set_bold().set_num_format(TWO_DECIMALS);
    let plain_format = Format::new();
    for (column, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, column_number(column)?, *header, &bold)?;
    }
    let all = rows
        .iter()
        .map(|r| (r.as_slice(), false))
        .chain(total.map(|t| (t, true)));
    for (i, (row, is_total)) in all.enumerate() {
        let row_number = RowNum::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        let (plain, with_decimals) = if is_total {
            (&bold, &bold_decimals)
        } else {
            (&plain_format, &decimals)
        };
        for (column, cell) in row.iter().enumerate() {
            let c = column_number(column)?;
            match cell {
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    sheet.write_string_with_format(row_number, c, t, plain)?;
                }
                Cell::Integer(n) => {
                    sheet.write_number_with_format(row_number, c, *n as f64, plain)?;
                }
                Cell::Decimal(x) => {
                    sheet.write_number_with_format(row_number, c, *x, with_decimals)?;
                }
                Cell::Cents(cents) => {
                    sheet.write_number_with_format(
                        row_number,
                        c,
                        *cents as f64 / 100.0,
                        with_decimals,
                    )?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let as_text: Vec<Vec<String>> = rows
        .iter()
        .map(Vec::as_slice)
        .chain(total)
        .map(|r| r.iter().map(Cell::display).collect())
        .collect();
    for (column, width) in column_widths(headers, &as_text).into_iter().enumerate() {
        sheet.set_column_width(column_number(column)?, width as f64)?;
    }
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_but_numbers_and_phones_are_not() {
        assert_eq!(guard_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard_formula("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(guard_formula("-2+3"), "'-2+3");
        assert_eq!(guard_formula("+358 40 123 4567"), "+358 40 123 4567");
        assert_eq!(guard_formula("-12,5"), "-12,5");
        assert_eq!(guard_formula("-"), "'-");
        assert_eq!(guard_formula("Hitsaamo Oy"), "Hitsaamo Oy");
    }

    #[test]
    fn csv_values_are_quoted_only_when_needed() {
        let bytes = write_csv(
            &["Nimi", "Muistiinpanot"],
            &[vec![
                "Oy \"Pelti\" Ab".into(),
                "rivi 1\nrivi 2; loppu".into(),
            ]],
        );
        let text = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(
            text,
            "\u{FEFF}Nimi;Muistiinpanot\r\n\"Oy \"\"Pelti\"\" Ab\";\"rivi 1\nrivi 2; loppu\"\r\n"
        );
    }

    #[test]
    fn sheet_names_are_made_valid_for_excel() {
        assert_eq!(valid_sheet_name("Kumppanit 1/2025"), "Kumppanit 1_2025");
        assert_eq!(valid_sheet_name(""), "Sheet1");
        assert_eq!(valid_sheet_name("'x'"), "x");
        assert_eq!(valid_sheet_name("History"), "History_");
        assert_eq!(valid_sheet_name(&"a".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn columns_are_as_wide_as_their_longest_line_within_limits() {
        let widths = column_widths(
            &["Nimi", "N"],
            &[vec!["Forssan Hitsaamo Oy".into(), "x".repeat(100)]],
        );
        assert_eq!(widths, vec![21, MAX_COLUMN_WIDTH]);
        assert_eq!(column_widths(&["a"], &[]), vec![MIN_COLUMN_WIDTH]);
    }

    #[test]
    fn figures_are_written_as_numbers_and_read_back_as_such() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = write_xlsx_cells(
            "Laskutusperuste 2026-10",
            &["Varaaja", "Varauksia", "Tunnit", "Hinta"],
            &[vec![
                Cell::Text("=Forssan Hitsaamo Oy".into()),
                Cell::Integer(3),
                Cell::Decimal(2.25),
                Cell::Cents(4590),
            ]],
            Some(&[
                Cell::Text("Yhteensä".into()),
                Cell::Integer(3),
                Cell::Decimal(2.25),
                Cell::Cents(4590),
            ]),
        )
        .expect("a workbook");
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("readable");
        let range = book
            .worksheet_range("Laskutusperuste 2026-10")
            .expect("the sheet");
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1],
            vec![
                Data::String("=Forssan Hitsaamo Oy".into()),
                Data::Float(3.0),
                Data::Float(2.25),
                Data::Float(45.9),
            ]
        );
        assert_eq!(rows[2][0], Data::String("Yhteensä".into()));
    }
}
