//! The first worksheet of an XLSX workbook to a table, every cell as the text a user would
//! recognise: numbers without a needless `.0`, dates as ISO `YYYY-MM-DD`.
//!
//! Dates are read in the 1900 date system of Windows Excel; workbooks in the old 1904 system
//! of Mac Excel 2008 and earlier would show dates four years early (calamine only tells the
//! two apart with its `dates` feature, which would bring in chrono).

use crate::{build_table, SheetError, Table};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// Reads the first worksheet of an XLSX workbook. Row numbers are the sheet's own; columns
/// start at the first one that has a value anywhere in the sheet.
pub(crate) fn read_xlsx(bytes: &[u8]) -> Result<Table, SheetError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| SheetError::Xlsx(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(SheetError::Empty)?
        .map_err(|e| SheetError::Xlsx(e.to_string()))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell_text).collect()));
    build_table(rows)
}

/// A cell as text.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date_text(d.as_f64()).unwrap_or_else(|| number_text(d.as_f64())),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// The largest integer an `f64` holds exactly.
const MAX_EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// A number as its shortest text: whole numbers without a fraction (`1234567`, not
/// `1234567.0`), others as the shortest decimal that reads back to the same number.
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < MAX_EXACT_INTEGER {
        // Exact: the value is whole and within the range an i64 holds.
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Days from 1899-12-30, day 0 of Excel's 1900 date system, to 1970-01-01.
const EXCEL_DAYS_BEFORE_UNIX_EPOCH: i64 = 25_569;
/// The first serial after Excel's fictitious 29 February 1900.
const EXCEL_FIRST_REAL_LEAP_SERIAL: f64 = 60.0;
/// Serial of 9999-12-31, the last date Excel knows, plus one.
const EXCEL_SERIAL_LIMIT: f64 = 2_958_466.0;
const SECONDS_PER_DAY: i64 = 86_400;

/// An Excel serial date as ISO text: `YYYY-MM-DD`, with ` HH:MM[:SS]` when it has a time of
/// day, or only `HH:MM[:SS]` for a time without a date. `None` outside Excel's date range.
fn excel_date_text(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(0.0..EXCEL_SERIAL_LIMIT).contains(&serial) {
        return None;
    }
    // Within range, so the rounded second count fits an i64.
    let seconds = (serial * SECONDS_PER_DAY as f64).round() as i64;
    let mut days = seconds / SECONDS_PER_DAY;
    let time = time_text(seconds % SECONDS_PER_DAY);
    if days == 0 {
        return Some(time.unwrap_or_else(|| "00:00".to_string()));
    }
    if serial < EXCEL_FIRST_REAL_LEAP_SERIAL {
        // Excel counts a 29 February 1900 that never was; before it, serials are a day behind.
        days += 1;
    }
    let (year, month, day) = civil_from_days(days - EXCEL_DAYS_BEFORE_UNIX_EPOCH);
    let date = format!("{year:04}-{month:02}-{day:02}");
    Some(match time {
        Some(time) => format!("{date} {time}"),
        None => date,
    })
}

/// `HH:MM`, or `HH:MM:SS` when there are seconds; `None` at midnight.
fn time_text(seconds: i64) -> Option<String> {
    if seconds == 0 {
        return None;
    }
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    Some(if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    })
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_no_fraction_and_others_are_shortest() {
        assert_eq!(number_text(1_234_567.0), "1234567");
        assert_eq!(number_text(358_401_234_567.0), "358401234567");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.1), "0.1");
        assert_eq!(number_text(2.5), "2.5");
    }

    #[test]
    fn excel_serials_become_iso_dates() {
        assert_eq!(excel_date_text(45_747.0).as_deref(), Some("2025-03-31"));
        assert_eq!(excel_date_text(25_569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(excel_date_text(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(excel_date_text(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(excel_date_text(2_958_465.0).as_deref(), Some("9999-12-31"));
    }

    #[test]
    fn a_time_of_day_is_kept() {
        assert_eq!(
            excel_date_text(45_747.5).as_deref(),
            Some("2025-03-31 12:00")
        );
        assert_eq!(excel_date_text(0.75).as_deref(), Some("18:00"));
    }

    #[test]
    fn serials_outside_excels_range_are_not_dates() {
        assert_eq!(excel_date_text(-1.0), None);
        assert_eq!(excel_date_text(f64::NAN), None);
        assert_eq!(excel_date_text(3_000_000.0), None);
    }
}
