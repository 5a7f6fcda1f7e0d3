//! Times of the sharing API. Read: RFC 3339 with an offset (`2026-11-10T08:00:00+02:00` or
//! `...Z`), since a time without one is ambiguous once a year; where a day is meant, a date is
//! the start of that day in Helsinki. Written: RFC 3339 with Helsinki's offset of that moment,
//! so that a client shows the wall-clock time people booked by without a time-zone database.

use jiff::civil::{Date, DateTime};
use jiff::Timestamp;
use time::OffsetDateTime;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::text::Invalid;

/// An instant as RFC 3339 with Helsinki's offset: `2026-11-10T08:00:00+02:00`.
pub fn helsinki_text(t: Timestamp) -> String {
    t.display_with_offset(helsinki().to_offset(t)).to_string()
}

/// A stored time as [`helsinki_text`] writes it.
pub fn stored_text(t: OffsetDateTime) -> String {
    match Timestamp::from_second(t.unix_timestamp()) {
        Ok(ts) => helsinki_text(ts),
        // Outside jiff's years -9999..=9999: nothing stored is, but say it in UTC rather than
        // fail the answer.
        Err(_) => super::output::timestamp(t),
    }
}

/// The Helsinki wall-clock time of a stored time, without an offset.
pub fn stored_local_text(t: OffsetDateTime) -> String {
    match Timestamp::from_second(t.unix_timestamp()) {
        Ok(ts) => local_text(helsinki().to_datetime(ts)),
        Err(_) => super::output::timestamp(t),
    }
}

/// A Helsinki wall-clock time without an offset: `2027-03-28T03:30:00`.
pub fn local_text(dt: DateTime) -> String {
    dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// An instant given as RFC 3339 with an offset.
pub fn parse_instant(text: &str) -> Result<Timestamp, Invalid> {
    let t = text.trim();
    if !t.contains(['T', 't', ' ']) {
        return Err(Invalid::new("api-error-timestamp"));
    }
    t.parse::<Timestamp>()
        .map_err(|_| Invalid::new("api-error-timestamp"))
}

/// An instant, or a date meaning the start of that day in Helsinki: for the bounds of a period.
pub fn parse_instant_or_date(text: &str) -> Result<Timestamp, Invalid> {
    let t = text.trim();
    if t.contains(['T', 't', ' ']) {
        return parse_instant(t);
    }
    let date: Date = t.parse().map_err(|_| Invalid::new("api-error-timestamp"))?;
    start_of_day(date).ok_or(Invalid::new("api-error-timestamp"))
}

/// The first instant of a Helsinki day (midnight, or the moment after a skipped midnight).
fn start_of_day(date: Date) -> Option<Timestamp> {
    helsinki()
        .to_zoned(date.to_datetime(jiff::civil::Time::midnight()))
        .ok()
        .map(|z| z.timestamp())
}

/// An excluded date or local date-time of a series: `2026-12-24` (that day's occurrence) or
/// `2026-12-24T08:00:00` (the occurrence starting then, Helsinki time). A time with an offset
/// is taken as the Helsinki wall-clock time of that instant.
pub fn parse_exclusion(
    text: &str,
) -> Result<vaski_domain::sharing::recurrence::Exclusion, Invalid> {
    use vaski_domain::sharing::recurrence::Exclusion;
    let t = text.trim();
    let bad = || Invalid::new("api-error-exdate");
    if !t.contains(['T', 't', ' ']) {
        return t.parse::<Date>().map(Exclusion::Day).map_err(|_| bad());
    }
    if let Ok(instant) = t.parse::<Timestamp>() {
        return Ok(Exclusion::At(helsinki().to_datetime(instant)));
    }
    t.parse::<DateTime>().map(Exclusion::At).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn times_are_written_with_helsinki_s_offset_of_the_day() {
        let winter: Timestamp = "2026-11-10T06:00:00Z".parse().expect("instant");
        assert_eq!(helsinki_text(winter), "2026-11-10T08:00:00+02:00");
        let summer: Timestamp = "2026-06-10T05:00:00Z".parse().expect("instant");
        assert_eq!(helsinki_text(summer), "2026-06-10T08:00:00+03:00");
    }

    #[test]
    fn a_time_without_an_offset_is_refused() {
        assert!(parse_instant("2026-11-10T08:00:00").is_err());
        assert!(parse_instant("2026-11-10").is_err());
        assert_eq!(
            parse_instant("2026-11-10T08:00:00+02:00").map(helsinki_text),
            Ok("2026-11-10T08:00:00+02:00".to_string())
        );
    }

    #[test]
    fn a_date_bound_is_the_start_of_the_helsinki_day() {
        assert_eq!(
            parse_instant_or_date("2026-11-10").map(helsinki_text),
            Ok("2026-11-10T00:00:00+02:00".to_string())
        );
    }

    #[test]
    fn exclusions_are_dates_or_local_times() {
        use vaski_domain::sharing::recurrence::Exclusion;
        assert_eq!(
            parse_exclusion("2026-12-24"),
            Ok(Exclusion::Day(date(2026, 12, 24)))
        );
        assert_eq!(
            parse_exclusion("2026-12-24T08:00:00"),
            Ok(Exclusion::At(date(2026, 12, 24).at(8, 0, 0, 0)))
        );
        assert_eq!(
            parse_exclusion("2026-12-24T06:00:00Z"),
            Ok(Exclusion::At(date(2026, 12, 24).at(8, 0, 0, 0)))
        );
        assert!(parse_exclusion("jouluaatto").is_err());
    }
}
