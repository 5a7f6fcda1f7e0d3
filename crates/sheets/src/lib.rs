//! Reading and writing the tables people keep: XLSX workbooks and CSV files in the dialects
//! Finnish offices produce (UTF-8 with or without a BOM, Windows-1252 from Excel, `;`, `,` or
//! tab as the separator). Everything here works on bytes in memory; the caller does the I/O.
//!
//! [`read_table`] turns an uploaded file into a [`Table`] of trimmed text cells whose row
//! numbers are the ones the user sees in Excel, so that an import can say "row 7, column
//! Y-tunnus". [`write_csv`] and [`write_xlsx`] produce exports that open in columns in a
//! Finnish Excel.
#![forbid(unsafe_code)]

mod csv_read;
mod decode;
mod write;
mod xlsx_read;

pub use write::{write_csv, write_xlsx, write_xlsx_cells, Cell};

/// A table read from a file: the header row and the data rows below it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The first non-empty row of the file, each cell trimmed. Columns that have no header
    /// but hold data further down get an empty header, so no value is lost.
    pub headers: Vec<String>,
    /// The non-empty rows after the header, in file order.
    pub rows: Vec<Row>,
}

/// One data row of a [`Table`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The row number as the user sees it in a spreadsheet program: the header is row 1 when
    /// it is the first row of the file, the first data row below it row 2. Skipped empty rows
    /// still count, so the numbers stay true to the file.
    pub number: usize,
    /// The cells, trimmed, exactly as many as there are headers.
    pub cells: Vec<String>,
}

/// Why a file could not be read or written as a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// Binary data that is neither an XLSX workbook nor text (an image, a PDF, ...).
    #[error("the file is neither an XLSX workbook nor a CSV text file")]
    NotASpreadsheet,
    /// Text in an encoding that cannot be read reliably (UTF-16, or UTF-8 mixed with another
    /// encoding); `line` is where it shows first.
    #[error("the text encoding of the file cannot be read (line {line}); save it as CSV UTF-8")]
    UnreadableEncoding {
        /// The 1-based line where the problem was found.
        line: usize,
    },
    /// The file has no non-empty row to serve as the header.
    #[error("the file has no header row")]
    Empty,
    /// A CSV record that cannot be parsed, such as a quoted field that never ends.
    #[error("malformed CSV at row {line}: {message}")]
    Csv {
        /// The 1-based row (as a spreadsheet program counts them) where the record starts.
        line: usize,
        /// What is wrong, in English, for logs.
        message: String,
    },
    /// A ZIP file that could not be read as an XLSX workbook.
    #[error("the workbook cannot be read: {0}")]
    Xlsx(String),
    /// Writing an XLSX workbook failed (a cell too long, too many rows, ...).
    #[error("the workbook cannot be written: {0}")]
    Write(String),
}

impl SheetError {
    /// The message-catalogue key the web layer shows for this error.
    pub fn key(&self) -> &'static str {
        match self {
            SheetError::NotASpreadsheet => "error-sheet-not-a-spreadsheet",
            SheetError::UnreadableEncoding { .. } => "error-sheet-encoding",
            SheetError::Empty => "error-sheet-empty",
            SheetError::Csv { .. } => "error-sheet-csv",
            SheetError::Xlsx(_) => "error-sheet-xlsx",
            SheetError::Write(_) => "error-sheet-write",
        }
    }
}

/// The magic number of a ZIP archive, which every XLSX workbook is.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Reads an uploaded file as a table: an XLSX workbook (its first worksheet) when the bytes
/// are a ZIP archive, otherwise CSV text whose encoding and separator are detected.
pub fn read_table(bytes: &[u8]) -> Result<Table, SheetError> {
    if bytes.starts_with(ZIP_MAGIC) {
        xlsx_read::read_xlsx(bytes)
    } else {
        let text = decode::decode(bytes)?;
        csv_read::read_csv(&text)
    }
}

/// Builds a table from numbered rows of raw cells: trims every cell, skips rows with no
/// content, takes the first remaining row as the header and makes every row as wide as the
/// widest content.
fn build_table(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Result<Table, SheetError> {
    let mut non_empty = rows
        .into_iter()
        .map(|(number, cells)| (number, trim_cells(cells)))
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    let (_, mut headers) = non_empty.next().ok_or(SheetError::Empty)?;
    let mut rows: Vec<Row> = non_empty
        .map(|(number, cells)| Row { number, cells })
        .collect();
    let width = rows
        .iter()
        .map(|r| content_width(&r.cells))
        .chain([content_width(&headers)])
        .max()
        .unwrap_or(0);
    headers.resize(width, String::new());
    for row in &mut rows {
        row.cells.resize(width, String::new());
    }
    Ok(Table { headers, rows })
}

/// Trims leading and trailing whitespace of every cell.
fn trim_cells(cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| {
            let t = c.trim();
            if t.len() == c.len() {
                c
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// The number of cells up to and including the last non-empty one.
fn content_width(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn empty_rows_are_skipped_but_numbers_stay_true() {
        let table = build_table([
            (1, cells(&["", ""])),
            (2, cells(&[" Nimi ", "Kunta"])),
            (3, cells(&["", " "])),
            (4, cells(&["Hitsaamo", "Forssa"])),
        ])
        .expect("table");
        assert_eq!(table.headers, cells(&["Nimi", "Kunta"]));
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].number, 4);
    }

    #[test]
    fn data_beyond_the_headers_gets_an_empty_header_and_short_rows_are_padded() {
        let table = build_table([
            (1, cells(&["Nimi", "", ""])),
            (2, cells(&["A", "", "x"])),
            (3, cells(&["B"])),
        ])
        .expect("table");
        assert_eq!(table.headers, cells(&["Nimi", "", ""]));
        assert_eq!(table.rows[1].cells, cells(&["B", "", ""]));
    }

    #[test]
    fn trailing_empty_columns_are_dropped() {
        let table = build_table([(1, cells(&["Nimi", "", ""])), (2, cells(&["A", "", ""]))])
            .expect("table");
        assert_eq!(table.headers, cells(&["Nimi"]));
        assert_eq!(table.rows[0].cells, cells(&["A"]));
    }

    #[test]
    fn a_file_with_nothing_in_it_has_no_header() {
        assert_eq!(
            build_table([(1, cells(&["", " "]))]),
            Err(SheetError::Empty)
        );
    }
}
