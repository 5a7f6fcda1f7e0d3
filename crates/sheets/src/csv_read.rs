//! CSV text to a table: the separator is detected from the header line, records are parsed by
//! the `csv` crate (RFC 4180 quoting, rows of any length), and each record gets the row number
//! a spreadsheet program would show for it, counting line breaks outside quoted fields.

use crate::{build_table, SheetError, Table};

/// The separators people's CSV files use, in order of preference when the header line has
/// as many of one as of another: Finnish Excel writes `;`, the rest of the world `,`.
const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// The separator assumed when the header line has none (a single-column file): a tab, the
/// least likely of the three to appear inside a value.
const SINGLE_COLUMN_SEPARATOR: u8 = b'\t';

/// Parses decoded CSV text into a table.
pub(crate) fn read_csv(text: &str) -> Result<Table, SheetError> {
    let delimiter = detect_delimiter(text);
    let row_starts = row_starts(text.as_bytes(), delimiter)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| csv_error(&e, &row_starts))?;
        let offset = record.position().map_or(0, |p| p.byte() as usize);
        let number = row_number(&row_starts, record_start(text.as_bytes(), offset));
        rows.push((number, record.iter().map(str::to_string).collect()));
    }
    build_table(rows)
}

/// The most frequent of `;`, `,` and tab on the first line that is not blank, outside quotes.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut in_quotes = false;
    let first_line = text.trim_start_matches([' ', '\r', '\n']);
    for b in first_line.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(i) = SEPARATORS.iter().position(|s| *s == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best: Option<(usize, u8)> = None;
    for (count, separator) in counts.into_iter().zip(SEPARATORS) {
        if count > 0 && best.is_none_or(|(most, _)| count > most) {
            best = Some((count, separator));
        }
    }
    best.map_or(SINGLE_COLUMN_SEPARATOR, |(_, separator)| separator)
}

/// Where a field stands while scanning, following the rules of the `csv` crate: a quote opens
/// a quoted field only at the start of a field, `""` inside one is a quote, and a lone quote
/// closes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Start,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// The byte offsets at which the file's rows start, as a spreadsheet program counts rows: a
/// new row after every line break (`\n`, `\r\n` or `\r`) outside a quoted field. A quoted field
/// still open at the end of the text is an error naming the row where it was opened, since
/// otherwise it would silently swallow the rest of the file.
fn row_starts(bytes: &[u8], delimiter: u8) -> Result<Vec<usize>, SheetError> {
    let mut starts = vec![0];
    let mut state = Field::Start;
    let mut opened_on_row = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if state == Field::QuoteInQuoted && b == b'"' {
            state = Field::Quoted;
        } else if state == Field::Quoted {
            if b == b'"' {
                state = Field::QuoteInQuoted;
            }
        } else if b == delimiter {
            state = Field::Start;
        } else if b == b'\n' || b == b'\r' {
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            starts.push(i + 1);
            state = Field::Start;
        } else if b == b'"' && state == Field::Start {
            state = Field::Quoted;
            opened_on_row = starts.len();
        } else {
            state = Field::Unquoted;
        }
        i += 1;
    }
    if state == Field::Quoted {
        return Err(SheetError::Csv {
            line: opened_on_row,
            message: "a quoted field is never closed".to_string(),
        });
    }
    Ok(starts)
}

/// Where a record really starts: the `csv` crate reports the position after the previous
/// record's first line-break byte, so the rest of a `\r\n` and any blank lines it skipped come
/// first. No record starts with a line break, so skipping them finds the record.
fn record_start(bytes: &[u8], position: usize) -> usize {
    let skipped = bytes
        .get(position..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    position + skipped
}

/// The 1-based row number of the record starting at a byte offset.
fn row_number(row_starts: &[usize], offset: usize) -> usize {
    row_starts.partition_point(|start| *start <= offset).max(1)
}

/// A parse error of the `csv` crate, located by row.
fn csv_error(e: &csv::Error, row_starts: &[usize]) -> SheetError {
    let line = e
        .position()
        .map_or(1, |p| row_number(row_starts, p.byte() as usize));
    SheetError::Csv {
        line,
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_separator_of_the_header_line_wins() {
        assert_eq!(detect_delimiter("Nimi;Kunta;Osoite\na,b,c,d,e"), b';');
        assert_eq!(detect_delimiter("Name,Municipality\n"), b',');
        assert_eq!(detect_delimiter("Nimi\tKunta\n"), b'\t');
        assert_eq!(detect_delimiter("\"Nimi;Kunta\",Osoite\n"), b',');
    }

    #[test]
    fn a_tie_prefers_the_semicolon_and_no_separator_means_one_column() {
        assert_eq!(detect_delimiter("Nimi;Osoite, katu\n"), b';');
        assert_eq!(detect_delimiter("Nimi\nA;B"), b'\t');
    }

    #[test]
    fn rows_are_counted_by_line_breaks_outside_quotes() {
        let text = "a;b\r\n\"x\ny\";c\n\nd;e";
        let starts = row_starts(text.as_bytes(), b';').expect("well-formed");
        assert_eq!(starts, vec![0, 5, 13, 14]);
        assert_eq!(row_number(&starts, 5), 2);
        assert_eq!(row_number(&starts, 14), 4);
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_a_plain_character() {
        assert!(row_starts(b"a;5\" screen\nb;c", b';').is_ok());
    }

    #[test]
    fn a_quoted_field_that_never_closes_names_its_row() {
        let err = row_starts(b"a;b\nc;d\n\"e;f\ng;h\n", b';');
        assert!(
            matches!(err, Err(SheetError::Csv { line: 3, .. })),
            "{err:?}"
        );
    }
}
