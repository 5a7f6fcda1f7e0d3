//! What the shared-use pages have in common: times in Helsinki written the way each language
//! writes them (`19.11.2026 klo 8.00–12.00`, `19.11.2026 kl. 8.00–12.00`,
//! `19 Nov 2026 8:00–12:00`), dates and clock times read from forms as Helsinki wall-clock
//! time, ISO weeks and months for the calendar views, durations and prices in words, and the
//! reasons a booking is refused, in words.

use crate::i18n::{catalogues, Tr};
use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::{Date, DateTime, ISOWeekDate, Time, Weekday};
use jiff::tz::AmbiguousOffset;
use jiff::{SignedDuration, Timestamp};
use time::OffsetDateTime;
use vaski_domain::sharing::zone::helsinki;
use vaski_domain::sharing::Interval;
use vaski_domain::Language;

/// A message with several named arguments.
pub fn message(t: &Tr, key: &str, args: &[(&str, String)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(name.to_string(), FluentValue::from(value.clone()));
    }
    catalogues().message(t.lang, key, Some(&fluent))
}

/// A message with a count (for plurals) and other named arguments.
pub fn counted(t: &Tr, key: &str, count: i64, args: &[(&str, String)]) -> String {
    let mut fluent = FluentArgs::new();
    fluent.set("count", FluentValue::from(count));
    for (name, value) in args {
        fluent.set(name.to_string(), FluentValue::from(value.clone()));
    }
    catalogues().message(t.lang, key, Some(&fluent))
}

/// Helsinki wall-clock time of an instant.
pub fn local(t: Timestamp) -> DateTime {
    helsinki().to_datetime(t)
}

/// A stored instant as the sharing domain's.
pub fn instant(t: OffsetDateTime) -> Timestamp {
    Timestamp::from_second(t.unix_timestamp()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Today in Helsinki.
pub fn today() -> Date {
    local(Timestamp::now()).date()
}

/// A Helsinki wall-clock time on the time line: a time shown twice (autumn) is the first one,
/// a time the clock skips (spring) does not exist.
pub fn place(dt: DateTime) -> Option<Timestamp> {
    match helsinki().to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(dt).ok(),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(dt).ok(),
        AmbiguousOffset::Gap { .. } => None,
    }
}

/// The start of a Helsinki day on the time line.
pub fn start_of(d: Date) -> Timestamp {
    place(d.to_datetime(Time::midnight()))
        .or_else(|| {
            helsinki()
                .to_ambiguous_timestamp(d.to_datetime(Time::midnight()))
                .compatible()
                .ok()
        })
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

pub fn next_day(d: Date) -> Date {
    d.tomorrow().unwrap_or(d)
}

pub fn previous_day(d: Date) -> Date {
    d.yesterday().unwrap_or(d)
}

pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// A `time::Date` (as the store keeps dates) as a civil date.
pub fn civil(d: time::Date) -> Option<Date> {
    Date::new(
        i16::try_from(d.year()).ok()?,
        i8::try_from(u8::from(d.month())).ok()?,
        i8::try_from(d.day()).ok()?,
    )
    .ok()
}

/// A civil date as the store keeps dates.
pub fn stored(d: Date) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(d.month()).ok()?).ok()?;
    time::Date::from_calendar_date(i32::from(d.year()), month, u8::try_from(d.day()).ok()?).ok()
}

pub fn weekday_short(t: &Tr, w: Weekday) -> String {
    t.t(&format!("weekday-short-{}", w.to_monday_one_offset()))
}

pub fn weekday_name(t: &Tr, w: Weekday) -> String {
    t.t(&format!("weekday-{}", w.to_monday_one_offset()))
}

fn month_abbreviation(t: &Tr, month: i8) -> String {
    t.t(&format!("month-{month}")).chars().take(3).collect()
}

/// `19.11.2026`; in English `19 Nov 2026`.
pub fn date(t: &Tr, d: Date) -> String {
    match t.lang {
        Language::En => format!(
            "{} {} {}",
            d.day(),
            month_abbreviation(t, d.month()),
            d.year()
        ),
        _ => format!("{}.{}.{}", d.day(), d.month(), d.year()),
    }
}

/// `19.11.`; in English `19 Nov`.
pub fn date_short(t: &Tr, d: Date) -> String {
    match t.lang {
        Language::En => format!("{} {}", d.day(), month_abbreviation(t, d.month())),
        _ => format!("{}.{}.", d.day(), d.month()),
    }
}

/// `ti 17.11.`; in English `Tue 17 Nov`.
pub fn day_heading(t: &Tr, d: Date) -> String {
    format!("{} {}", weekday_short(t, d.weekday()), date_short(t, d))
}

/// `8.00`; in English `8:00`.
pub fn clock(t: &Tr, time: Time) -> String {
    clock_hm(t, time.hour(), time.minute())
}

fn clock_hm(t: &Tr, hour: i8, minute: i8) -> String {
    match t.lang {
        Language::En => format!("{hour}:{minute:02}"),
        _ => format!("{hour}.{minute:02}"),
    }
}

/// The word before a clock time: `klo`, `kl.`, nothing in English.
fn at(t: &Tr) -> &'static str {
    match t.lang {
        Language::Fi => "klo ",
        Language::Sv => "kl. ",
        Language::En => "",
    }
}

/// The clock time an interval ends at, on the day it started: midnight after it is `24.00`.
fn end_clock(t: &Tr, start: DateTime, end: DateTime) -> Option<String> {
    if end.date() == start.date() {
        Some(clock(t, end.time()))
    } else if end.time() == Time::midnight() && end.date() == next_day(start.date()) {
        Some(clock_hm(t, 24, 0))
    } else {
        None
    }
}

/// `17.11.2026 klo 8.00`.
pub fn moment(t: &Tr, at_time: Timestamp) -> String {
    let l = local(at_time);
    with_date(t, l, &date(t, l.date()))
}

/// `8.00–12.00`, or the whole span with dates when it runs over midnight.
pub fn times(t: &Tr, start: Timestamp, end: Timestamp) -> String {
    let (s, e) = (local(start), local(end));
    match end_clock(t, s, e) {
        Some(end) => format!("{}–{end}", clock(t, s.time())),
        None => format!(
            "{} – {}",
            clock(t, s.time()),
            with_date(t, e, &date_short(t, e.date()))
        ),
    }
}

fn with_date(t: &Tr, dt: DateTime, date_text: &str) -> String {
    format!("{date_text} {}{}", at(t), clock(t, dt.time()))
}

fn span_with(t: &Tr, start: Timestamp, end: Timestamp, date_of: impl Fn(Date) -> String) -> String {
    let (s, e) = (local(start), local(end));
    match end_clock(t, s, e) {
        Some(end) => format!(
            "{} {}{}–{end}",
            date_of(s.date()),
            at(t),
            clock(t, s.time())
        ),
        None => format!(
            "{} – {}",
            with_date(t, s, &date_of(s.date())),
            with_date(t, e, &date_of(e.date()))
        ),
    }
}

/// `19.11.2026 klo 8.00–12.00`.
pub fn span(t: &Tr, start: Timestamp, end: Timestamp) -> String {
    span_with(t, start, end, |d| date(t, d))
}

/// `to 19.11.2026 klo 8.00–12.00`.
pub fn span_weekday(t: &Tr, start: Timestamp, end: Timestamp) -> String {
    span_with(t, start, end, |d| {
        format!("{} {}", weekday_short(t, d.weekday()), date(t, d))
    })
}

/// `19.11. klo 8.00–12.00`.
pub fn span_short(t: &Tr, start: Timestamp, end: Timestamp) -> String {
    span_with(t, start, end, |d| date_short(t, d))
}

pub fn stored_span(t: &Tr, start: OffsetDateTime, end: OffsetDateTime) -> String {
    span_weekday(t, instant(start), instant(end))
}

/// `2026-11-19`, the value of a date field.
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `08:00`, the value of a time field.
pub fn hhmm(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// A date as typed: `2026-11-19` (a date field) or `19.11.2026`.
pub fn parse_date(text: &str) -> Result<Date, &'static str> {
    if text.trim().is_empty() {
        return Err("error-required");
    }
    match vaski_domain::text::parse_date(text) {
        Ok(Some(d)) => civil(d).ok_or("error-date"),
        Ok(None) => Err("error-required"),
        Err(e) => Err(e.key),
    }
}

/// A clock time as typed: `8`, `8.30`, `08:30`.
pub fn parse_clock(text: &str) -> Result<Time, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Err("error-required");
    }
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None => (t, "0"),
    };
    let hour: i8 = h.trim().parse().map_err(|_| "error-clock")?;
    let minute: i8 = m.trim().parse().map_err(|_| "error-clock")?;
    Time::new(hour, minute, 0, 0).map_err(|_| "error-clock")
}

/// Hours as typed (`4`, `1,5`, `0.25`) in whole minutes.
pub fn parse_hours(text: &str) -> Option<i64> {
    let t = text.trim().replace(',', ".");
    let hours: f64 = t.parse().ok()?;
    if !hours.is_finite() || !(0.0..=1e6).contains(&hours) {
        return None;
    }
    let minutes = hours * 60.0;
    ((minutes - minutes.round()).abs() < 1e-6).then_some(minutes.round() as i64)
}

/// Minutes as hours for a form field: `240` is `4`, `90` is `1,5` (`1.5` in English).
pub fn hours_text(t: &Tr, minutes: i64) -> String {
    if minutes % 60 == 0 {
        return (minutes / 60).to_string();
    }
    let text = format!("{}", minutes as f64 / 60.0);
    let text = if text.len() > 6 {
        format!("{:.2}", minutes as f64 / 60.0)
    } else {
        text
    };
    match t.lang {
        Language::En => text,
        _ => text.replace('.', ","),
    }
}

/// A length of time in words: `4 h`, `1 h 30 min`, `2 vrk`.
pub fn duration(t: &Tr, minutes: i64) -> String {
    let day = 24 * 60;
    if minutes >= day && minutes % day == 0 {
        return t.n("duration-days", minutes / day);
    }
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => t.n("duration-minutes", m),
        (h, 0) => t.n("duration-hours", h),
        (h, m) => format!(
            "{} {}",
            t.n("duration-hours", h),
            t.n("duration-minutes", m)
        ),
    }
}

/// Cents as euros: `45,00 €`; in English `€45.00`.
pub fn euros(t: &Tr, cents: i64) -> String {
    let (whole, part) = (cents / 100, (cents % 100).abs());
    let whole = group_thousands(
        whole,
        if t.lang == Language::En {
            ','
        } else {
            '\u{a0}'
        },
    );
    match t.lang {
        Language::En => format!("€{whole}.{part:02}"),
        _ => format!("{whole},{part:02}\u{a0}€"),
    }
}

fn group_thousands(n: i64, sep: char) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Euros as a form field shows them: `45`, `45,50`.
pub fn euros_field(t: &Tr, cents: Option<i64>) -> String {
    let Some(cents) = cents else {
        return String::new();
    };
    if cents % 100 == 0 {
        return (cents / 100).to_string();
    }
    let sep = if t.lang == Language::En { '.' } else { ',' };
    format!("{}{sep}{:02}", cents / 100, cents % 100)
}

/// An ISO week: `2026-W47`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub monday: Date,
}

impl Week {
    pub fn of(d: Date) -> Week {
        let mut monday = d;
        while monday.weekday() != Weekday::Monday {
            monday = previous_day(monday);
        }
        Week { monday }
    }

    pub fn parse(text: &str) -> Option<Week> {
        let (year, week) = text.trim().split_once(['W', 'w'])?;
        let year: i16 = year.trim_end_matches('-').parse().ok()?;
        let week: i8 = week.parse().ok()?;
        let d = ISOWeekDate::new(year, week, Weekday::Monday).ok()?;
        Some(Week { monday: d.date() })
    }

    pub fn code(&self) -> String {
        let w = self.monday.iso_week_date();
        format!("{:04}-W{:02}", w.year(), w.week())
    }

    pub fn number(&self) -> i8 {
        self.monday.iso_week_date().week()
    }

    pub fn days(&self) -> Vec<Date> {
        (0..7).map(|n| add_days(self.monday, n)).collect()
    }

    pub fn sunday(&self) -> Date {
        add_days(self.monday, 6)
    }

    pub fn previous(&self) -> Week {
        Week {
            monday: add_days(self.monday, -7),
        }
    }

    pub fn next(&self) -> Week {
        Week {
            monday: add_days(self.monday, 7),
        }
    }
}

/// A calendar month: `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub first: Date,
}

impl Month {
    pub fn of(d: Date) -> Month {
        Month {
            first: d.first_of_month(),
        }
    }

    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        let d = Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?;
        Some(Month { first: d })
    }

    pub fn code(&self) -> String {
        format!("{:04}-{:02}", self.first.year(), self.first.month())
    }

    pub fn last(&self) -> Date {
        self.first.last_of_month()
    }

    pub fn previous(&self) -> Month {
        Month::of(previous_day(self.first))
    }

    pub fn next(&self) -> Month {
        Month::of(next_day(self.last()))
    }

    /// `marraskuu 2026`.
    pub fn title(&self, t: &Tr) -> String {
        format!(
            "{} {}",
            t.t(&format!("month-{}", self.first.month())),
            self.first.year()
        )
    }

    /// The weeks that show the month, Monday first.
    pub fn weeks(&self) -> Vec<Week> {
        let mut weeks = vec![Week::of(self.first)];
        while let Some(last) = weeks.last().copied() {
            if last.sunday() >= self.last() {
                break;
            }
            weeks.push(last.next());
        }
        weeks
    }
}

/// Spans cut out of `from`: what remains of sorted, non-overlapping `from` once `cut` is taken
/// out. Both lists sorted by start.
pub fn subtract(from: &[Interval], cut: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    for f in from {
        let mut start = f.start();
        for c in cut.iter().filter(|c| c.overlaps(f)) {
            if c.start() > start {
                out.extend(Interval::new(start, c.start()));
            }
            start = start.max(c.end());
        }
        if start < f.end() {
            out.extend(Interval::new(start, f.end()));
        }
    }
    out
}

/// Minutes since the local midnight of `day` at which `t` falls, held inside the day.
pub fn minute_of_day(day: Date, t: Timestamp) -> i64 {
    let start = start_of(day);
    let end = start_of(next_day(day));
    let t = t.clamp(start, end);
    t.duration_since(start).as_mins()
}

/// One day's length in minutes (23 or 25 hours on the daylight-saving days).
pub fn day_minutes(day: Date) -> i64 {
    start_of(next_day(day))
        .duration_since(start_of(day))
        .as_mins()
}

pub fn minutes(d: SignedDuration) -> i64 {
    d.as_mins()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    fn at(day: Date, h: i8, m: i8) -> Timestamp {
        place(day.at(h, m, 0, 0)).expect("a Helsinki time")
    }

    #[test]
    fn a_span_is_written_the_way_each_language_writes_it() {
        let day = d(2026, 11, 19);
        let (s, e) = (at(day, 8, 0), at(day, 12, 0));
        assert_eq!(
            span(&Tr::new(Language::Fi), s, e),
            "19.11.2026 klo 8.00–12.00"
        );
        assert_eq!(
            span(&Tr::new(Language::Sv), s, e),
            "19.11.2026 kl. 8.00–12.00"
        );
        assert_eq!(span(&Tr::new(Language::En), s, e), "19 Nov 2026 8:00–12:00");
        assert_eq!(
            span_weekday(&Tr::new(Language::Fi), s, e),
            "to 19.11.2026 klo 8.00–12.00"
        );
        assert_eq!(
            span_short(&Tr::new(Language::Fi), s, e),
            "19.11. klo 8.00–12.00"
        );
    }

    #[test]
    fn a_span_to_midnight_ends_at_24_and_a_longer_one_names_both_days() {
        let fi = Tr::new(Language::Fi);
        let day = d(2026, 11, 19);
        let midnight = at(d(2026, 11, 20), 0, 0);
        assert_eq!(
            span(&fi, at(day, 16, 0), midnight),
            "19.11.2026 klo 16.00–24.00"
        );
        assert_eq!(
            span(&fi, at(day, 16, 0), at(d(2026, 11, 20), 8, 0)),
            "19.11.2026 klo 16.00 – 20.11.2026 klo 8.00"
        );
    }

    #[test]
    fn weeks_and_months_are_read_and_written() {
        let w = Week::parse("2026-W47").expect("a week");
        assert_eq!(w.monday, d(2026, 11, 16));
        assert_eq!(w.code(), "2026-W47");
        assert_eq!(Week::of(d(2026, 11, 19)), w);
        assert_eq!(w.next().code(), "2026-W48");
        let m = Month::parse("2026-11").expect("a month");
        assert_eq!(m.weeks().len(), 6, "November 2026 starts on a Sunday");
        assert_eq!(m.next().code(), "2026-12");
        assert_eq!(m.previous().code(), "2026-10");
    }

    #[test]
    fn clock_times_and_hours_are_read_as_people_type_them() {
        assert_eq!(parse_clock("8"), Ok(Time::constant(8, 0, 0, 0)));
        assert_eq!(parse_clock("8.30"), Ok(Time::constant(8, 30, 0, 0)));
        assert_eq!(parse_clock("08:30"), Ok(Time::constant(8, 30, 0, 0)));
        assert!(parse_clock("25:00").is_err());
        assert_eq!(parse_hours("4"), Some(240));
        assert_eq!(parse_hours("1,5"), Some(90));
        assert_eq!(parse_hours("abc"), None);
        assert_eq!(hours_text(&Tr::new(Language::Fi), 90), "1,5");
    }

    #[test]
    fn prices_are_written_in_euros() {
        assert_eq!(euros(&Tr::new(Language::Fi), 4500), "45,00\u{a0}€");
        assert_eq!(euros(&Tr::new(Language::En), 123_456), "€1,234.56");
        assert_eq!(euros_field(&Tr::new(Language::Fi), Some(4550)), "45,50");
    }
}
