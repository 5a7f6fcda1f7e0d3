//! Repeating bookings: the subset of RFC 5545 recurrence rules (`RRULE`) the product offers,
//! parsed, written back for the iCalendar feed, and expanded in Europe/Helsinki wall-clock time.
//!
//! The `rrule` crate is not used: it expands wrongly across daylight-saving changes
//! (fmeringdal/rust-rrule#109). Here a rule is expanded in civil (floating) time and each
//! occurrence is then placed on the time line by the explicit rules below.
//!
//! # What is supported
//!
//! `FREQ=DAILY|WEEKLY|MONTHLY`, `INTERVAL`, `BYDAY` (`MO,TH`; for `MONTHLY` also ordinals such
//! as `2TU` and `-1FR`), `BYMONTHDAY` (also negative: `-1` is the last day; a month without
//! the day is skipped), `COUNT` or `UNTIL` (`YYYYMMDD`, local `YYYYMMDDTHHMMSS`, or UTC with a
//! trailing `Z`, compared as an instant), and `WKST=MO` (the default, so it is not kept).
//! A leading `RRULE:` is accepted and names are case-insensitive. Anything else is refused
//! with a [`RuleError`] naming the part. [`Rule::to_rrule_string`] writes `UNTIL` in the form it
//! was read; RFC 5545 wants a UTC `UNTIL` beside a `DTSTART` with a `TZID`, so rules meant for
//! strict iCalendar clients are best stored with one.
//!
//! # How a rule is expanded
//!
//! * **DTSTART is the first occurrence** and counts toward `COUNT`, as RFC 5545 says, even
//!   when it does not match the rule; later occurrences come from the rule.
//! * **Wall-clock time.** Every occurrence starts at DTSTART's time of day and lasts the given
//!   duration on the wall clock, so a weekly 08:00–12:00 stays 08:00–12:00 in Helsinki across
//!   the daylight-saving changes (its UTC time moves by an hour).
//! * **A start that does not exist** (the spring-forward gap, e.g. 2026-03-29 03:30) means
//!   there is no such occurrence: RFC 5545 §3.3.10 says it is ignored and not counted toward
//!   `COUNT`. It is still reported, as [`Unbookable::NonexistentStart`], so that the user is
//!   told why the series has a hole rather than finding it silently missing.
//! * **An end that does not exist** while the start does: the occurrence exists (it counts
//!   toward `COUNT`, as an iCalendar client counts it) but cannot be booked; it is reported as
//!   [`Unbookable::NonexistentEnd`]. A feed should give such occurrences an `EXDATE`.
//! * **A local time that happens twice** (the autumn fall-back, e.g. 2026-10-25 03:30) is the
//!   earlier instant, the first time the clock shows it, as RFC 5545 §3.3.5 says.
//! * **EXDATE** removes occurrences after counting, as in RFC 5545: `COUNT=6` with one
//!   excluded date books five. An excluded date matches the occurrence's local start date; an
//!   excluded date-time matches its local start exactly.
//! * **Bounded.** A rule needs `COUNT` or `UNTIL` (`error-rrule-unbounded`); an expansion with
//!   more than `cap` reported occurrences is refused (`error-rrule-too-many`), and so is one
//!   that would have to look more than [`HORIZON_YEARS`] years past DTSTART
//!   (`error-rrule-too-far`), which also stops rules that can never match again.

use super::zone::helsinki;
use super::Interval;
use crate::text::Invalid;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{AmbiguousOffset, Offset};
use jiff::{SignedDuration, Span, Timestamp, ToSpan};
use std::fmt;

/// How many occurrences one series may have unless the caller says otherwise.
pub const DEFAULT_MAX_OCCURRENCES: usize = 500;

/// How far past DTSTART an expansion looks before it gives up (`error-rrule-too-far`).
pub const HORIZON_YEARS: i16 = 100;

/// Why a rule was refused: a message-catalogue key and the part of the rule at fault
/// (e.g. `BYHOUR=9`; empty when no single part is).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {part}")]
pub struct RuleError {
    pub key: &'static str,
    pub part: String,
}

impl RuleError {
    fn new(key: &'static str, part: &str) -> RuleError {
        RuleError {
            key,
            part: part.to_string(),
        }
    }
}

impl From<RuleError> for Invalid {
    fn from(error: RuleError) -> Invalid {
        Invalid::new(error.key)
    }
}

const SYNTAX: &str = "error-rrule-syntax";
const UNKNOWN_PART: &str = "error-rrule-unknown-part";
const UNSUPPORTED: &str = "error-rrule-unsupported";
const DUPLICATE: &str = "error-rrule-duplicate";
const FREQUENCY_MISSING: &str = "error-rrule-frequency-missing";
const NUMBER: &str = "error-rrule-number";
const WEEKDAY: &str = "error-rrule-weekday";
const UNTIL: &str = "error-rrule-until";
const COUNT_AND_UNTIL: &str = "error-rrule-count-and-until";
const UNBOUNDED: &str = "error-rrule-unbounded";
const UNTIL_BEFORE_START: &str = "error-rrule-until-before-start";
const TOO_MANY: &str = "error-rrule-too-many";
const TOO_FAR: &str = "error-rrule-too-far";

/// The parts RFC 5545 defines that the product does not offer: refused as unsupported rather
/// than unknown, so that the message can say so.
const RFC_PARTS_NOT_OFFERED: &[&str] = &[
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
}

impl Frequency {
    fn parse(value: &str, part: &str) -> Result<Frequency, RuleError> {
        match value {
            "DAILY" => Ok(Frequency::Daily),
            "WEEKLY" => Ok(Frequency::Weekly),
            "MONTHLY" => Ok(Frequency::Monthly),
            "YEARLY" | "HOURLY" | "MINUTELY" | "SECONDLY" => Err(RuleError::new(UNSUPPORTED, part)),
            _ => Err(RuleError::new(SYNTAX, part)),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
        }
    }
}

/// One `BYDAY` value: a weekday, and for monthly rules optionally which one of the month
/// (`2` the second, `-1` the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekdayNum {
    pub nth: Option<i8>,
    pub weekday: Weekday,
}

impl WeekdayNum {
    fn parse(text: &str, part: &str) -> Result<WeekdayNum, RuleError> {
        let split = text.len().saturating_sub(2);
        let (number, code) = text
            .split_at_checked(split)
            .ok_or_else(|| RuleError::new(WEEKDAY, part))?;
        let weekday = weekday_from_code(code).ok_or_else(|| RuleError::new(WEEKDAY, part))?;
        let nth = match number {
            "" => None,
            _ => Some(ordinal(number, part)?),
        };
        Ok(WeekdayNum { nth, weekday })
    }

    /// Whether `date` is this weekday (and, with an ordinal, the right one of its month).
    fn matches(&self, date: Date) -> bool {
        match self.nth {
            None => date.weekday() == self.weekday,
            Some(n) => date.nth_weekday_of_month(n, self.weekday).ok() == Some(date),
        }
    }

    /// Monday first, then by ordinal: the order the values are kept and written in.
    fn sort_key(&self) -> (i8, i8) {
        (self.weekday.to_monday_zero_offset(), self.nth.unwrap_or(0))
    }
}

impl fmt::Display for WeekdayNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.nth {
            write!(f, "{n}")?;
        }
        f.write_str(weekday_code(self.weekday))
    }
}

const WEEKDAY_CODES: [(&str, Weekday); 7] = [
    ("MO", Weekday::Monday),
    ("TU", Weekday::Tuesday),
    ("WE", Weekday::Wednesday),
    ("TH", Weekday::Thursday),
    ("FR", Weekday::Friday),
    ("SA", Weekday::Saturday),
    ("SU", Weekday::Sunday),
];

fn weekday_from_code(code: &str) -> Option<Weekday> {
    WEEKDAY_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, w)| *w)
}

fn weekday_code(weekday: Weekday) -> &'static str {
    WEEKDAY_CODES
        .iter()
        .find(|(_, w)| *w == weekday)
        .map_or("", |(c, _)| c)
}

/// A `BYDAY` ordinal: a month has at most five of any weekday.
fn ordinal(text: &str, part: &str) -> Result<i8, RuleError> {
    signed(text, 5, part)
}

/// A `BYMONTHDAY` value: 1..=31 from the start of the month, -31..=-1 from its end.
fn month_day(text: &str, part: &str) -> Result<i8, RuleError> {
    signed(text, 31, part)
}

/// `n`, `+n` or `-n` with `n` in `1..=max`.
fn signed(text: &str, max: i8, part: &str) -> Result<i8, RuleError> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let n: i8 = number(digits, part)?;
    if !(1..=max).contains(&n) {
        return Err(RuleError::new(NUMBER, part));
    }
    Ok(sign * n)
}

/// Unsigned decimal digits only: no signs, spaces or exponents slip through `str::parse`.
fn number<T: std::str::FromStr>(digits: &str, part: &str) -> Result<T, RuleError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RuleError::new(NUMBER, part));
    }
    digits.parse().map_err(|_| RuleError::new(NUMBER, part))
}

/// Where a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum End {
    /// After this many occurrences, DTSTART included.
    Count(u32),
    Until(Until),
}

/// The last moment an occurrence may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Until {
    /// Occurrences starting on this local date or before.
    Date(Date),
    /// Occurrences starting at this local wall-clock time or before.
    Local(DateTime),
    /// Occurrences starting at this instant or before.
    Utc(Timestamp),
}

impl Until {
    fn parse(value: &str, part: &str) -> Result<Until, RuleError> {
        let bad = || RuleError::new(UNTIL, part);
        let (text, utc) = match value.strip_suffix('Z') {
            Some(rest) => (rest, true),
            None => (value, false),
        };
        let (date_text, time_text) = match text.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (text, None),
        };
        let date = compact_date(date_text).ok_or_else(bad)?;
        match (time_text, utc) {
            (None, false) => Ok(Until::Date(date)),
            (None, true) => Err(bad()),
            (Some(t), _) => {
                let local = date.to_datetime(compact_time(t).ok_or_else(bad)?);
                if !utc {
                    return Ok(Until::Local(local));
                }
                let instant = Offset::UTC.to_timestamp(local).map_err(|_| bad())?;
                Ok(Until::Utc(instant))
            }
        }
    }

    /// The last local date an occurrence may start on: scanning stops after it.
    fn last_local_date(&self) -> Date {
        match self {
            Until::Date(d) => *d,
            Until::Local(dt) => dt.date(),
            Until::Utc(ts) => helsinki().to_datetime(*ts).date(),
        }
    }

    /// Whether the series ends before an occurrence starting at `local` (placed at `instant`,
    /// if that exists). An instant limit is compared as an instant; a start in the
    /// spring-forward gap has no instant and is compared on the wall clock.
    fn ends_before(&self, local: DateTime, instant: Option<Timestamp>) -> bool {
        match (self, instant) {
            (Until::Date(d), _) => local.date() > *d,
            (Until::Local(dt), _) => local > *dt,
            (Until::Utc(ts), Some(at)) => at > *ts,
            (Until::Utc(ts), None) => local > helsinki().to_datetime(*ts),
        }
    }
}

impl fmt::Display for Until {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Until::Date(d) => write!(f, "{}", d.strftime("%Y%m%d")),
            Until::Local(dt) => write!(f, "{}", dt.strftime("%Y%m%dT%H%M%S")),
            Until::Utc(ts) => write!(f, "{}", ts.strftime("%Y%m%dT%H%M%SZ")),
        }
    }
}

fn compact_date(text: &str) -> Option<Date> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = text[0..4].parse().ok()?;
    let month = text[4..6].parse().ok()?;
    let day = text[6..8].parse().ok()?;
    Date::new(year, month, day).ok()
}

fn compact_time(text: &str) -> Option<Time> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hour = text[0..2].parse().ok()?;
    let minute = text[2..4].parse().ok()?;
    let second = text[4..6].parse().ok()?;
    Time::new(hour, minute, second, 0).ok()
}

/// A parsed recurrence rule. Equal rules write the same text: `BYDAY` and `BYMONTHDAY` are
/// kept sorted without repeats, and `INTERVAL=1` and `WKST=MO` are the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    frequency: Frequency,
    interval: u32,
    by_day: Vec<WeekdayNum>,
    by_month_day: Vec<i8>,
    end: End,
}

impl Rule {
    /// Parses an `RRULE` value, with or without the `RRULE:` prefix.
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        let body = without_prefix(text.trim());
        if body.is_empty() {
            return Err(RuleError::new(SYNTAX, ""));
        }
        let mut draft = Draft::default();
        for part in body.split(';') {
            draft.take(part)?;
        }
        draft.finish()
    }

    /// The rule as an `RRULE` value (without the `RRULE:` prefix), for the iCalendar feed.
    pub fn to_rrule_string(&self) -> String {
        let mut parts = vec![format!("FREQ={}", self.frequency.code())];
        if self.interval != 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.by_day.is_empty() {
            parts.push(format!("BYDAY={}", joined(&self.by_day)));
        }
        if !self.by_month_day.is_empty() {
            parts.push(format!("BYMONTHDAY={}", joined(&self.by_month_day)));
        }
        parts.push(end_part(&self.end));
        parts.join(";")
    }

    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    pub fn interval(&self) -> u32 {
        self.interval
    }

    pub fn by_day(&self) -> &[WeekdayNum] {
        &self.by_day
    }

    pub fn by_month_day(&self) -> &[i8] {
        &self.by_month_day
    }

    pub fn end(&self) -> End {
        self.end
    }

    /// Whether the rule picks `date` within its period. Without `BYDAY` and `BYMONTHDAY` a
    /// weekly rule repeats DTSTART's weekday and a monthly one its day of the month; with them,
    /// a day must match both lists that are given.
    fn selects(&self, date: Date, first: Date) -> bool {
        if self.by_day.is_empty() && self.by_month_day.is_empty() {
            return match self.frequency {
                Frequency::Daily => true,
                Frequency::Weekly => date.weekday() == first.weekday(),
                Frequency::Monthly => date.day() == first.day(),
            };
        }
        let day_ok = self.by_day.is_empty() || self.by_day.iter().any(|w| w.matches(date));
        let month_day_ok = self.by_month_day.is_empty()
            || self.by_month_day.iter().any(|&n| is_month_day(date, n));
        day_ok && month_day_ok
    }

    /// The first day of the `k`th period after the one DTSTART is in (weeks start on Monday).
    /// `None` past the end of the calendar.
    fn period_start(&self, first: Date, k: i64) -> Option<Date> {
        let steps = k.checked_mul(i64::from(self.interval))?;
        let (start, span) = match self.frequency {
            Frequency::Daily => (first, Span::new().try_days(steps)),
            Frequency::Weekly => (monday_of(first)?, Span::new().try_weeks(steps)),
            Frequency::Monthly => (first.first_of_month(), Span::new().try_months(steps)),
        };
        start.checked_add(span.ok()?).ok()
    }

    /// The days of the period that starts on `start`, in order.
    fn period_days(&self, start: Date) -> impl Iterator<Item = Date> {
        let length = match self.frequency {
            Frequency::Daily => 1,
            Frequency::Weekly => 7,
            Frequency::Monthly => start.days_in_month(),
        };
        (0..i64::from(length)).filter_map(move |i| start.checked_add(i.days()).ok())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rrule_string())
    }
}

/// The value of an `RRULE:` property line, or the text itself.
fn without_prefix(text: &str) -> &str {
    match text.get(..6) {
        Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &text[6..],
        _ => text,
    }
}

fn joined<T: fmt::Display>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn end_part(end: &End) -> String {
    match end {
        End::Count(n) => format!("COUNT={n}"),
        End::Until(until) => format!("UNTIL={until}"),
    }
}

fn monday_of(date: Date) -> Option<Date> {
    let since_monday = date.weekday().to_monday_zero_offset();
    date.checked_sub(i64::from(since_monday).days()).ok()
}

/// Whether `date` is day `n` of its month, counting from the end when `n` is negative.
fn is_month_day(date: Date, n: i8) -> bool {
    let day = if n > 0 {
        n
    } else {
        date.days_in_month() + n + 1
    };
    date.day() == day
}

/// The parts of a rule as they are read, before they are checked together.
#[derive(Default)]
struct Draft {
    frequency: Option<Frequency>,
    interval: Option<u32>,
    by_day: Option<Vec<WeekdayNum>>,
    by_month_day: Option<Vec<i8>>,
    count: Option<u32>,
    until: Option<Until>,
    week_start: bool,
    by_day_part: String,
    by_month_day_part: String,
}

impl Draft {
    fn take(&mut self, part: &str) -> Result<(), RuleError> {
        let (name, value) = part
            .split_once('=')
            .filter(|(n, v)| !n.is_empty() && !v.is_empty())
            .ok_or_else(|| RuleError::new(SYNTAX, part))?;
        // Names and values are case-insensitive (RFC 5545 §3.1); the part is quoted as written.
        let (name, value) = (name.to_ascii_uppercase(), value.to_ascii_uppercase());
        let value = value.as_str();
        match name.as_str() {
            "FREQ" => set(&mut self.frequency, Frequency::parse(value, part)?, part),
            "INTERVAL" => set(&mut self.interval, positive(value, part)?, part),
            "COUNT" => set(&mut self.count, positive(value, part)?, part),
            "UNTIL" => set(&mut self.until, Until::parse(value, part)?, part),
            "BYDAY" => {
                self.by_day_part = part.to_string();
                set(
                    &mut self.by_day,
                    list(value, part, WeekdayNum::parse)?,
                    part,
                )
            }
            "BYMONTHDAY" => {
                self.by_month_day_part = part.to_string();
                set(&mut self.by_month_day, list(value, part, month_day)?, part)
            }
            "WKST" => self.take_week_start(value, part),
            name if RFC_PARTS_NOT_OFFERED.contains(&name) => Err(RuleError::new(UNSUPPORTED, part)),
            _ => Err(RuleError::new(UNKNOWN_PART, part)),
        }
    }

    /// Weeks always start on Monday here, which is also the RFC 5545 default; any other
    /// start would change which weeks `INTERVAL` skips, so it is refused rather than ignored.
    fn take_week_start(&mut self, value: &str, part: &str) -> Result<(), RuleError> {
        if self.week_start {
            return Err(RuleError::new(DUPLICATE, part));
        }
        self.week_start = true;
        match weekday_from_code(value) {
            Some(Weekday::Monday) => Ok(()),
            Some(_) => Err(RuleError::new(UNSUPPORTED, part)),
            None => Err(RuleError::new(WEEKDAY, part)),
        }
    }

    fn finish(self) -> Result<Rule, RuleError> {
        let frequency = self
            .frequency
            .ok_or_else(|| RuleError::new(FREQUENCY_MISSING, ""))?;
        let end = match (self.count, self.until) {
            (Some(_), Some(_)) => return Err(RuleError::new(COUNT_AND_UNTIL, "")),
            (None, None) => return Err(RuleError::new(UNBOUNDED, "")),
            (Some(n), None) => End::Count(n),
            (None, Some(until)) => End::Until(until),
        };
        let mut by_day = self.by_day.unwrap_or_default();
        let mut by_month_day = self.by_month_day.unwrap_or_default();
        let has_ordinal = by_day.iter().any(|w| w.nth.is_some());
        if has_ordinal && frequency != Frequency::Monthly {
            return Err(RuleError::new(UNSUPPORTED, &self.by_day_part));
        }
        if !by_month_day.is_empty() && frequency == Frequency::Weekly {
            return Err(RuleError::new(UNSUPPORTED, &self.by_month_day_part));
        }
        by_day.sort_by_key(WeekdayNum::sort_key);
        by_day.dedup();
        by_month_day.sort_unstable();
        by_month_day.dedup();
        Ok(Rule {
            frequency,
            interval: self.interval.unwrap_or(1),
            by_day,
            by_month_day,
            end,
        })
    }
}

fn set<T>(slot: &mut Option<T>, value: T, part: &str) -> Result<(), RuleError> {
    if slot.is_some() {
        return Err(RuleError::new(DUPLICATE, part));
    }
    *slot = Some(value);
    Ok(())
}

fn positive(value: &str, part: &str) -> Result<u32, RuleError> {
    match number(value, part)? {
        0 => Err(RuleError::new(NUMBER, part)),
        n => Ok(n),
    }
}

fn list<T>(
    value: &str,
    part: &str,
    item: impl Fn(&str, &str) -> Result<T, RuleError>,
) -> Result<Vec<T>, RuleError> {
    value.split(',').map(|v| item(v, part)).collect()
}

/// A date or date-time excluded from a series (`EXDATE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exclusion {
    /// Removes the occurrence starting on this local date.
    Day(Date),
    /// Removes the occurrence starting at exactly this local time.
    At(DateTime),
}

impl Exclusion {
    fn removes(&self, local_start: DateTime) -> bool {
        match self {
            Exclusion::Day(d) => local_start.date() == *d,
            Exclusion::At(dt) => local_start == *dt,
        }
    }
}

/// Why an occurrence cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unbookable {
    /// Its local start falls in the spring-forward gap; it is not counted toward `COUNT`.
    NonexistentStart,
    /// Its local end falls in the spring-forward gap; it is counted toward `COUNT`.
    NonexistentEnd,
}

impl Unbookable {
    pub fn message_key(self) -> &'static str {
        match self {
            Unbookable::NonexistentStart => "error-occurrence-nonexistent-start",
            Unbookable::NonexistentEnd => "error-occurrence-nonexistent-end",
        }
    }
}

/// One occurrence of a series: its wall-clock times and where it lies on the time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurrence {
    pub local_start: DateTime,
    pub local_end: DateTime,
    pub slot: Result<Interval, Unbookable>,
}

/// The occurrences of a series, in order of their local start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub occurrences: Vec<Occurrence>,
}

impl Expansion {
    /// The spans that can be booked.
    pub fn bookable(&self) -> impl Iterator<Item = Interval> + '_ {
        self.occurrences.iter().filter_map(|o| o.slot.ok())
    }

    /// The occurrences that cannot be booked, to be listed with their reason.
    pub fn unbookable(&self) -> impl Iterator<Item = &Occurrence> + '_ {
        self.occurrences.iter().filter(|o| o.slot.is_err())
    }
}

/// Expands `rule` from `first_start` (DTSTART, Helsinki wall-clock time), each occurrence
/// lasting `duration` on the wall clock, leaving out `exclusions`, refusing more than `cap`
/// occurrences. The rules are in the module documentation.
pub fn expand(
    rule: &Rule,
    first_start: DateTime,
    duration: SignedDuration,
    exclusions: &[Exclusion],
    cap: usize,
) -> Result<Expansion, RuleError> {
    if duration <= SignedDuration::ZERO {
        return Err(RuleError::new("error-start-after-end", ""));
    }
    if let End::Until(until) = rule.end {
        if until.ends_before(first_start, place(first_start)?.instant()) {
            return Err(RuleError::new(UNTIL_BEFORE_START, &end_part(&rule.end)));
        }
    }
    let mut run = Run {
        rule,
        duration,
        exclusions,
        cap,
        counted: 0,
        occurrences: Vec::new(),
    };
    if run.offer(first_start)? == Flow::Done {
        return Ok(run.finish());
    }
    run.scan(first_start)
}

/// Whether the expansion goes on after an occurrence.
#[derive(Debug, PartialEq, Eq)]
enum Flow {
    More,
    Done,
}

/// A local time placed on the time line.
#[derive(Debug, Clone, Copy)]
enum Placed {
    At(Timestamp),
    /// Skipped by the spring-forward change: the clock never shows it.
    InGap,
}

impl Placed {
    fn instant(self) -> Option<Timestamp> {
        match self {
            Placed::At(t) => Some(t),
            Placed::InGap => None,
        }
    }
}

/// Places a Helsinki wall-clock time: a time shown twice is the earlier instant.
fn place(local: DateTime) -> Result<Placed, RuleError> {
    let offset = match helsinki().to_ambiguous_timestamp(local).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset,
        AmbiguousOffset::Fold { before, .. } => before,
        AmbiguousOffset::Gap { .. } => return Ok(Placed::InGap),
    };
    offset
        .to_timestamp(local)
        .map(Placed::At)
        .map_err(|_| RuleError::new(TOO_FAR, ""))
}

/// The state of one expansion.
struct Run<'a> {
    rule: &'a Rule,
    duration: SignedDuration,
    exclusions: &'a [Exclusion],
    cap: usize,
    /// Occurrences counted toward `COUNT`, excluded ones included.
    counted: u32,
    occurrences: Vec<Occurrence>,
}

impl Run<'_> {
    /// Walks the rule's periods after DTSTART until the series ends. Running out of periods
    /// (the horizon, or the end of the calendar) before the end is `error-rrule-too-far`,
    /// unless `UNTIL` has been passed.
    fn scan(mut self, first_start: DateTime) -> Result<Expansion, RuleError> {
        let first = first_start.date();
        let horizon = first.saturating_add(HORIZON_YEARS.years());
        let until = match self.rule.end {
            End::Until(until) => Some(until.last_local_date()),
            End::Count(_) => None,
        };
        let last = until.map_or(horizon, |u| u.min(horizon));
        for k in 0.. {
            let Some(period) = self.rule.period_start(first, k).filter(|p| *p <= last) else {
                break;
            };
            for day in self.rule.period_days(period) {
                let start = day.to_datetime(first_start.time());
                if start <= first_start || !self.rule.selects(day, first) {
                    continue;
                }
                if self.offer(start)? == Flow::Done {
                    return Ok(self.finish());
                }
            }
        }
        match until {
            Some(u) if u <= horizon => Ok(self.finish()),
            _ => Err(RuleError::new(TOO_FAR, &end_part(&self.rule.end))),
        }
    }

    /// Takes the occurrence the rule generates at `local_start`.
    fn offer(&mut self, local_start: DateTime) -> Result<Flow, RuleError> {
        let start = place(local_start)?;
        if let End::Until(until) = self.rule.end {
            if until.ends_before(local_start, start.instant()) {
                return Ok(Flow::Done);
            }
        }
        let local_end = local_start
            .checked_add(self.duration)
            .map_err(|_| RuleError::new(TOO_FAR, ""))?;
        let slot = slot(start, place(local_end)?)?;
        if !self.exclusions.iter().any(|e| e.removes(local_start)) {
            self.push(Occurrence {
                local_start,
                local_end,
                slot,
            })?;
        }
        if slot != Err(Unbookable::NonexistentStart) {
            self.counted = self.counted.saturating_add(1);
        }
        Ok(match self.rule.end {
            End::Count(n) if self.counted >= n => Flow::Done,
            _ => Flow::More,
        })
    }

    fn push(&mut self, occurrence: Occurrence) -> Result<(), RuleError> {
        if self.occurrences.len() >= self.cap {
            return Err(RuleError::new(TOO_MANY, &end_part(&self.rule.end)));
        }
        self.occurrences.push(occurrence);
        Ok(())
    }

    fn finish(self) -> Expansion {
        Expansion {
            occurrences: self.occurrences,
        }
    }
}

/// Where an occurrence lies, or why it cannot be booked.
fn slot(start: Placed, end: Placed) -> Result<Result<Interval, Unbookable>, RuleError> {
    match (start, end) {
        (Placed::InGap, _) => Ok(Err(Unbookable::NonexistentStart)),
        (Placed::At(_), Placed::InGap) => Ok(Err(Unbookable::NonexistentEnd)),
        // Placing wall-clock times keeps their order, so a positive duration gives a span.
        (Placed::At(s), Placed::At(e)) => Interval::new(s, e)
            .map(Ok)
            .map_err(|e| RuleError::new(e.key, "")),
    }
}

/// The new start and end time of day of a moved occurrence (or of every moved occurrence of a
/// series), as Helsinki wall-clock times: the end after the start on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallClock {
    starts: Time,
    ends: Time,
}

impl WallClock {
    /// Times of one day, the end after the start (`error-start-after-end`).
    pub fn new(starts: Time, ends: Time) -> Result<WallClock, Invalid> {
        if starts >= ends {
            return Err(Invalid::new("error-start-after-end"));
        }
        Ok(WallClock { starts, ends })
    }

    pub fn starts(&self) -> Time {
        self.starts
    }

    pub fn ends(&self) -> Time {
        self.ends
    }

    /// The span these times make on a Helsinki date, placed as the series expansion places an
    /// occurrence: a time the clock shows twice is the earlier instant, one it skips cannot be
    /// booked. So a move to 8–12 is 8–12 on each occurrence's own date, whatever the offset.
    pub fn on(&self, day: Date) -> Result<Interval, Unbookable> {
        let start = placed_instant(day.to_datetime(self.starts), Unbookable::NonexistentStart)?;
        let end = placed_instant(day.to_datetime(self.ends), Unbookable::NonexistentEnd)?;
        // Two times of one day, the end later, cannot be out of order even across a change.
        Interval::new(start, end).map_err(|_| Unbookable::NonexistentEnd)
    }
}

/// A wall-clock time's instant, or `missing` when no clock shows it (the spring-forward gap, or
/// a date beyond what the time line holds).
fn placed_instant(local: DateTime, missing: Unbookable) -> Result<Timestamp, Unbookable> {
    match place(local) {
        Ok(Placed::At(t)) => Ok(t),
        Ok(Placed::InGap) | Err(_) => Err(missing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn rule(text: &str) -> Rule {
        Rule::parse(text).expect("a valid rule")
    }

    fn hours(n: i64) -> SignedDuration {
        SignedDuration::from_hours(n)
    }

    fn series(text: &str, first: DateTime, duration: SignedDuration) -> Expansion {
        expand(&rule(text), first, duration, &[], DEFAULT_MAX_OCCURRENCES).expect("expands")
    }

    fn starts(expansion: &Expansion) -> Vec<DateTime> {
        expansion
            .occurrences
            .iter()
            .map(|o| o.local_start)
            .collect()
    }

    fn utc(text: &str) -> Timestamp {
        text.parse().expect("an instant")
    }

    fn refusal(text: &str) -> (&'static str, String) {
        let e = Rule::parse(text).expect_err("refused");
        (e.key, e.part)
    }

    #[test]
    fn every_second_thursday_until_the_end_of_term() {
        let term = series(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20261218",
            date(2026, 8, 13).at(14, 0, 0, 0),
            hours(2),
        );
        let days: Vec<Date> = starts(&term).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 8, 13),
                date(2026, 8, 27),
                date(2026, 9, 10),
                date(2026, 9, 24),
                date(2026, 10, 8),
                date(2026, 10, 22),
                date(2026, 11, 5),
                date(2026, 11, 19),
                date(2026, 12, 3),
                date(2026, 12, 17),
            ]
        );
        assert_eq!(term.bookable().count(), 10);
    }

    #[test]
    fn the_second_tuesday_of_six_months() {
        let s = series(
            "FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
            date(2026, 1, 13).at(9, 0, 0, 0),
            hours(3),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 1, 13),
                date(2026, 2, 10),
                date(2026, 3, 10),
                date(2026, 4, 14),
                date(2026, 5, 12),
                date(2026, 6, 9),
            ]
        );
    }

    #[test]
    fn the_last_friday_of_the_month_counts_from_the_end() {
        let s = series(
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4",
            date(2026, 1, 30).at(12, 0, 0, 0),
            hours(1),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 1, 30),
                date(2026, 2, 27),
                date(2026, 3, 27),
                date(2026, 4, 24),
            ]
        );
    }

    #[test]
    fn the_31st_of_the_month_skips_the_months_without_one() {
        let s = series(
            "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3",
            date(2026, 1, 31).at(10, 0, 0, 0),
            hours(1),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]
        );
    }

    #[test]
    fn the_last_day_of_the_month_is_minus_one() {
        let s = series(
            "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4",
            date(2026, 1, 31).at(10, 0, 0, 0),
            hours(1),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30),
            ]
        );
    }

    #[test]
    fn excluded_dates_are_left_out_but_still_counted() {
        let exclusions = [
            Exclusion::Day(date(2026, 5, 5)),
            Exclusion::At(date(2026, 5, 7).at(8, 0, 0, 0)),
            Exclusion::At(date(2026, 5, 8).at(9, 0, 0, 0)),
        ];
        let s = expand(
            &rule("FREQ=DAILY;COUNT=5"),
            date(2026, 5, 4).at(8, 0, 0, 0),
            hours(4),
            &exclusions,
            DEFAULT_MAX_OCCURRENCES,
        )
        .expect("expands");
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![date(2026, 5, 4), date(2026, 5, 6), date(2026, 5, 8)]
        );
    }

    #[test]
    fn dtstart_itself_can_be_excluded() {
        let s = expand(
            &rule("FREQ=DAILY;COUNT=2"),
            date(2026, 5, 4).at(8, 0, 0, 0),
            hours(1),
            &[Exclusion::Day(date(2026, 5, 4))],
            DEFAULT_MAX_OCCURRENCES,
        )
        .expect("expands");
        assert_eq!(starts(&s), vec![date(2026, 5, 5).at(8, 0, 0, 0)]);
    }

    #[test]
    fn a_weekly_eight_to_twelve_keeps_local_time_across_the_spring_change() {
        let s = series(
            "FREQ=WEEKLY;BYDAY=MO;COUNT=2",
            date(2026, 3, 23).at(8, 0, 0, 0),
            hours(4),
        );
        let spans: Vec<Interval> = s.bookable().collect();
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].start(), utc("2026-03-23T06:00:00Z"));
        assert_eq!(spans[0].end(), utc("2026-03-23T10:00:00Z"));
        assert_eq!(spans[1].start(), utc("2026-03-30T05:00:00Z"));
        assert_eq!(spans[1].end(), utc("2026-03-30T09:00:00Z"));
        assert!(s
            .occurrences
            .iter()
            .all(|o| o.local_start.time() == Time::constant(8, 0, 0, 0)));
    }

    #[test]
    fn a_weekly_eight_to_twelve_keeps_local_time_across_the_autumn_change() {
        let s = series(
            "FREQ=WEEKLY;COUNT=2",
            date(2026, 10, 19).at(8, 0, 0, 0),
            hours(4),
        );
        let spans: Vec<Interval> = s.bookable().collect();
        assert_eq!(spans[0].start(), utc("2026-10-19T05:00:00Z"));
        assert_eq!(spans[1].start(), utc("2026-10-26T06:00:00Z"));
    }

    #[test]
    fn a_start_in_the_spring_gap_is_reported_and_not_counted() {
        let s = series(
            "FREQ=DAILY;COUNT=3",
            date(2026, 3, 28).at(3, 30, 0, 0),
            hours(1),
        );
        let outcome: Vec<(Date, Result<(), Unbookable>)> = s
            .occurrences
            .iter()
            .map(|o| (o.local_start.date(), o.slot.map(|_| ())))
            .collect();
        assert_eq!(
            outcome,
            vec![
                (date(2026, 3, 28), Ok(())),
                (date(2026, 3, 29), Err(Unbookable::NonexistentStart)),
                (date(2026, 3, 30), Ok(())),
                (date(2026, 3, 31), Ok(())),
            ]
        );
        assert_eq!(s.unbookable().count(), 1);
    }

    #[test]
    fn an_end_in_the_spring_gap_is_reported_and_counted() {
        let s = series(
            "FREQ=DAILY;COUNT=3",
            date(2026, 3, 28).at(2, 0, 0, 0),
            SignedDuration::from_mins(90),
        );
        let slots: Vec<Result<(), Unbookable>> =
            s.occurrences.iter().map(|o| o.slot.map(|_| ())).collect();
        assert_eq!(slots, vec![Ok(()), Err(Unbookable::NonexistentEnd), Ok(())]);
        assert_eq!(
            s.occurrences[1].local_end,
            date(2026, 3, 29).at(3, 30, 0, 0)
        );
    }

    #[test]
    fn a_time_shown_twice_in_autumn_is_the_first_one() {
        let s = series(
            "FREQ=DAILY;COUNT=2",
            date(2026, 10, 24).at(3, 30, 0, 0),
            hours(1),
        );
        let second = s.bookable().nth(1).expect("a second occurrence");
        assert_eq!(second.start(), utc("2026-10-25T00:30:00Z"));
        // 04:30 is after the fold, at +02: the wall-clock hour lasts two real hours.
        assert_eq!(second.end(), utc("2026-10-25T02:30:00Z"));
    }

    #[test]
    fn an_instant_until_is_compared_as_an_instant() {
        let first = date(2026, 1, 1).at(8, 0, 0, 0);
        let on_time = series("FREQ=DAILY;UNTIL=20260105T060000Z", first, hours(1));
        let early = series("FREQ=DAILY;UNTIL=20260105T055959Z", first, hours(1));
        assert_eq!(on_time.occurrences.len(), 5);
        assert_eq!(early.occurrences.len(), 4);
    }

    #[test]
    fn a_local_until_is_compared_on_the_wall_clock() {
        let first = date(2026, 1, 1).at(8, 0, 0, 0);
        let s = series("FREQ=DAILY;UNTIL=20260103T080000", first, hours(1));
        assert_eq!(s.occurrences.len(), 3);
    }

    #[test]
    fn dtstart_is_the_first_occurrence_even_off_the_rule() {
        // 2026-05-04 is a Monday; the rule says Thursdays.
        let s = series(
            "FREQ=WEEKLY;BYDAY=TH;COUNT=3",
            date(2026, 5, 4).at(8, 0, 0, 0),
            hours(1),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![date(2026, 5, 4), date(2026, 5, 7), date(2026, 5, 14)]
        );
    }

    #[test]
    fn a_weekly_rule_on_two_days_keeps_their_order_within_the_week() {
        let s = series(
            "FREQ=WEEKLY;BYDAY=TH,MO;COUNT=4",
            date(2026, 5, 4).at(8, 0, 0, 0),
            hours(1),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 5, 4),
                date(2026, 5, 7),
                date(2026, 5, 11),
                date(2026, 5, 14),
            ]
        );
    }

    #[test]
    fn a_daily_rule_can_be_limited_to_weekdays() {
        let s = series(
            "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6",
            date(2026, 5, 7).at(8, 0, 0, 0),
            hours(1),
        );
        let days: Vec<Date> = starts(&s).iter().map(|s| s.date()).collect();
        assert_eq!(
            days,
            vec![
                date(2026, 5, 7),
                date(2026, 5, 8),
                date(2026, 5, 11),
                date(2026, 5, 12),
                date(2026, 5, 13),
                date(2026, 5, 14),
            ]
        );
    }

    #[test]
    fn more_occurrences_than_the_cap_are_refused() {
        let first = date(2026, 1, 1).at(8, 0, 0, 0);
        let at_cap = expand(&rule("FREQ=DAILY;COUNT=500"), first, hours(1), &[], 500);
        assert_eq!(at_cap.expect("500 is allowed").occurrences.len(), 500);
        let over = expand(&rule("FREQ=DAILY;COUNT=501"), first, hours(1), &[], 500)
            .expect_err("501 is too many");
        assert_eq!(over.key, "error-rrule-too-many");
        assert_eq!(over.part, "COUNT=501");
        let until = expand(
            &rule("FREQ=DAILY;UNTIL=20301231"),
            first,
            hours(1),
            &[],
            500,
        );
        assert_eq!(until.expect_err("too many").key, "error-rrule-too-many");
    }

    #[test]
    fn a_rule_that_never_matches_again_is_too_far() {
        let first = date(2026, 2, 10).at(8, 0, 0, 0);
        let never = expand(
            &rule("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;COUNT=2"),
            first,
            hours(1),
            &[],
            DEFAULT_MAX_OCCURRENCES,
        );
        assert_eq!(never.expect_err("never").key, "error-rrule-too-far");
    }

    #[test]
    fn an_until_past_the_horizon_is_too_far() {
        let e = expand(
            &rule("FREQ=MONTHLY;INTERVAL=12;UNTIL=22000101"),
            date(2026, 2, 10).at(8, 0, 0, 0),
            hours(1),
            &[],
            DEFAULT_MAX_OCCURRENCES,
        )
        .expect_err("too far");
        assert_eq!(
            (e.key, e.part.as_str()),
            ("error-rrule-too-far", "UNTIL=22000101")
        );
    }

    #[test]
    fn an_until_rule_that_never_matches_again_has_only_dtstart() {
        let s = series(
            "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=30;UNTIL=20301231",
            date(2026, 2, 10).at(8, 0, 0, 0),
            hours(1),
        );
        assert_eq!(starts(&s), vec![date(2026, 2, 10).at(8, 0, 0, 0)]);
    }

    #[test]
    fn an_until_before_dtstart_is_refused() {
        let e = expand(
            &rule("FREQ=DAILY;UNTIL=20260101"),
            date(2026, 2, 10).at(8, 0, 0, 0),
            hours(1),
            &[],
            DEFAULT_MAX_OCCURRENCES,
        )
        .expect_err("refused");
        assert_eq!(e.key, "error-rrule-until-before-start");
    }

    #[test]
    fn an_occurrence_must_last_some_time() {
        let e = expand(
            &rule("FREQ=DAILY;COUNT=2"),
            date(2026, 2, 10).at(8, 0, 0, 0),
            SignedDuration::ZERO,
            &[],
            DEFAULT_MAX_OCCURRENCES,
        )
        .expect_err("refused");
        assert_eq!(e.key, "error-start-after-end");
    }

    #[test]
    fn a_rule_is_written_back_in_its_canonical_form() {
        let r = rule("RRULE:freq=weekly;byday=th,mo;interval=2;wkst=MO;until=20261218");
        assert_eq!(
            r.to_rrule_string(),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20261218"
        );
        assert_eq!(
            rule("FREQ=MONTHLY;BYDAY=+2TU,-1FR;COUNT=6").to_string(),
            "FREQ=MONTHLY;BYDAY=2TU,-1FR;COUNT=6"
        );
        assert_eq!(
            rule("FREQ=DAILY;INTERVAL=1;UNTIL=20261218T153000Z").to_string(),
            "FREQ=DAILY;UNTIL=20261218T153000Z"
        );
    }

    #[test]
    fn an_until_is_written_with_the_digits_it_was_read_with() {
        for text in [
            "FREQ=DAILY;UNTIL=09990101",
            "FREQ=DAILY;UNTIL=09990101T000000",
            "FREQ=DAILY;UNTIL=20270328T013000Z",
        ] {
            assert_eq!(rule(text).to_rrule_string(), text);
        }
    }

    #[test]
    fn the_prefix_and_names_are_read_in_any_case_and_quoted_as_written() {
        assert_eq!(rule("rrule:Freq=Daily;Count=1"), rule("FREQ=DAILY;COUNT=1"));
        assert_eq!(
            refusal("freq=daily;count=1;byhour=9"),
            ("error-rrule-unsupported", "byhour=9".to_string())
        );
    }

    #[test]
    fn an_unbounded_rule_is_refused() {
        assert_eq!(refusal("FREQ=WEEKLY;BYDAY=MO").0, "error-rrule-unbounded");
    }

    #[test]
    fn each_unsupported_or_broken_part_is_named() {
        #[rustfmt::skip]
        let cases = [
            ("", "error-rrule-syntax", ""),
            ("FREQ=WEEKLY;;COUNT=2", "error-rrule-syntax", ""),
            ("FREQ=WEEKLY;COUNT", "error-rrule-syntax", "COUNT"),
            ("FREQ=FORTNIGHTLY;COUNT=2", "error-rrule-syntax", "FREQ=FORTNIGHTLY"),
            ("FREQ=YEARLY;COUNT=2", "error-rrule-unsupported", "FREQ=YEARLY"),
            ("FREQ=DAILY;BYHOUR=9;COUNT=2", "error-rrule-unsupported", "BYHOUR=9"),
            ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;COUNT=2", "error-rrule-unsupported", "BYSETPOS=2"),
            ("FREQ=WEEKLY;WKST=SU;COUNT=2", "error-rrule-unsupported", "WKST=SU"),
            ("FREQ=WEEKLY;BYDAY=2TU;COUNT=2", "error-rrule-unsupported", "BYDAY=2TU"),
            ("FREQ=WEEKLY;BYMONTHDAY=1;COUNT=2", "error-rrule-unsupported", "BYMONTHDAY=1"),
            ("FREQ=WEEKLY;COLOUR=RED;COUNT=2", "error-rrule-unknown-part", "COLOUR=RED"),
            ("FREQ=WEEKLY;FREQ=DAILY;COUNT=2", "error-rrule-duplicate", "FREQ=DAILY"),
            ("COUNT=2", "error-rrule-frequency-missing", ""),
            ("FREQ=DAILY;COUNT=2;UNTIL=20261218", "error-rrule-count-and-until", ""),
            ("FREQ=DAILY;COUNT=0", "error-rrule-number", "COUNT=0"),
            ("FREQ=DAILY;COUNT=-3", "error-rrule-number", "COUNT=-3"),
            ("FREQ=DAILY;INTERVAL=x;COUNT=3", "error-rrule-number", "INTERVAL=x"),
            ("FREQ=DAILY;COUNT=99999999999", "error-rrule-number", "COUNT=99999999999"),
            ("FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3", "error-rrule-number", "BYMONTHDAY=32"),
            ("FREQ=MONTHLY;BYMONTHDAY=0;COUNT=3", "error-rrule-number", "BYMONTHDAY=0"),
            ("FREQ=MONTHLY;BYDAY=6TU;COUNT=3", "error-rrule-number", "BYDAY=6TU"),
            ("FREQ=WEEKLY;BYDAY=MO,XX;COUNT=3", "error-rrule-weekday", "BYDAY=MO,XX"),
            ("FREQ=DAILY;UNTIL=20260231", "error-rrule-until", "UNTIL=20260231"),
            ("FREQ=DAILY;UNTIL=2026-12-18", "error-rrule-until", "UNTIL=2026-12-18"),
            ("FREQ=DAILY;UNTIL=20261218Z", "error-rrule-until", "UNTIL=20261218Z"),
            ("FREQ=DAILY;UNTIL=20261218T250000", "error-rrule-until", "UNTIL=20261218T250000"),
        ];
        for (text, key, part) in cases {
            assert_eq!(refusal(text), (key, part.to_string()), "{text}");
        }
    }

    #[test]
    fn a_refusal_becomes_an_invalid_with_the_same_key() {
        let e = Rule::parse("FREQ=YEARLY;COUNT=2").expect_err("refused");
        assert_eq!(Invalid::from(e), Invalid::new("error-rrule-unsupported"));
    }

    fn weekday_code_strategy() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
    }

    /// Rule texts of every supported shape: the `BYDAY` and `BYMONTHDAY` each frequency takes.
    fn rule_text(end: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        let freq = prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY"]);
        let days =
            prop::collection::vec((prop::option::of(-5i8..=5), weekday_code_strategy()), 0..3);
        let month_days = prop::collection::vec(
            prop::sample::select(vec![1i8, 2, 15, 28, 29, 30, 31, -1, -2]),
            0..3,
        );
        (freq, 1u32..4, days, month_days, end).prop_map(
            |(freq, interval, days, month_days, end)| {
                let mut parts = vec![format!("FREQ={freq}"), format!("INTERVAL={interval}")];
                let days: Vec<String> = days
                    .into_iter()
                    .map(|(n, code)| match n {
                        Some(n) if n != 0 && freq == "MONTHLY" => format!("{n}{code}"),
                        _ => code.to_string(),
                    })
                    .collect();
                if !days.is_empty() {
                    parts.push(format!("BYDAY={}", days.join(",")));
                }
                if !month_days.is_empty() && freq != "WEEKLY" {
                    let month_days: Vec<String> =
                        month_days.iter().map(ToString::to_string).collect();
                    parts.push(format!("BYMONTHDAY={}", month_days.join(",")));
                }
                parts.push(end);
                parts.join(";")
            },
        )
    }

    fn local_start() -> impl Strategy<Value = DateTime> {
        // Around both daylight-saving changes, at times that land in the gap and the fold too.
        let day = prop::sample::select(vec![
            date(2026, 1, 30),
            date(2026, 3, 25),
            date(2026, 10, 20),
            date(2027, 2, 28),
        ]);
        let hour = prop::sample::select(vec![0i8, 2, 3, 8, 21, 23]);
        (day, hour, prop::sample::select(vec![0i8, 30])).prop_map(|(d, h, m)| d.at(h, m, 0, 0))
    }

    fn count_end() -> impl Strategy<Value = String> {
        (1u32..30).prop_map(|n| format!("COUNT={n}"))
    }

    fn any_end() -> impl Strategy<Value = String> {
        prop_oneof![
            count_end(),
            Just("UNTIL=20270101".to_string()),
            Just("UNTIL=20261231T235959".to_string()),
            Just("UNTIL=20261231T220000Z".to_string()),
        ]
    }

    proptest! {
        #[test]
        fn a_rule_reads_back_what_it_writes(text in rule_text(any_end())) {
            let parsed = rule(&text);
            prop_assert_eq!(Rule::parse(&parsed.to_rrule_string()), Ok(parsed));
        }

        #[test]
        fn occurrences_keep_dtstarts_time_of_day_in_strictly_increasing_order(
            text in rule_text(count_end()),
            first in local_start(),
            minutes in 15i64..600,
        ) {
            let r = rule(&text);
            let duration = SignedDuration::from_mins(minutes);
            let Ok(s) = expand(&r, first, duration, &[], DEFAULT_MAX_OCCURRENCES) else {
                // Some shapes never match again (BYMONTHDAY=31 with BYDAY=1MO); they are refused.
                return Ok(());
            };
            prop_assert!(s.occurrences.iter().all(|o| o.local_start.time() == first.time()));
            prop_assert!(s.occurrences.iter().all(|o| o.local_end == o.local_start + duration));
            prop_assert!(s.occurrences.windows(2).all(|w| w[0].local_start < w[1].local_start));
            let spans: Vec<Interval> = s.bookable().collect();
            prop_assert!(spans.windows(2).all(|w| w[0].start() < w[1].start()));
            prop_assert_eq!(s.occurrences.first().map(|o| o.local_start), Some(first));
        }

        #[test]
        fn count_is_the_number_of_occurrences_whose_start_exists(
            text in rule_text(count_end()),
            first in local_start(),
        ) {
            let r = rule(&text);
            let End::Count(n) = r.end() else { unreachable!("a COUNT rule") };
            let Ok(s) = expand(&r, first, hours(1), &[], DEFAULT_MAX_OCCURRENCES) else {
                return Ok(());
            };
            let counted = s
                .occurrences
                .iter()
                .filter(|o| o.slot != Err(Unbookable::NonexistentStart))
                .count();
            prop_assert_eq!(counted, n as usize);
            let in_gap = s.unbookable().filter(|o| o.slot == Err(Unbookable::NonexistentStart)).count();
            prop_assert_eq!(s.occurrences.len(), n as usize + in_gap);
        }
    }

    #[test]
    fn moved_times_keep_the_wall_clock_on_each_side_of_the_autumn_change() {
        let times = WallClock::new(Time::constant(9, 0, 0, 0), Time::constant(11, 30, 0, 0))
            .expect("valid times");
        let before = times.on(date(2026, 10, 22)).expect("a summer Thursday");
        let after = times.on(date(2026, 10, 29)).expect("a winter Thursday");
        assert_eq!(before.start(), utc("2026-10-22T06:00:00Z"));
        assert_eq!(after.start(), utc("2026-10-29T07:00:00Z"));
        assert_eq!(after.end(), utc("2026-10-29T09:30:00Z"));
    }

    #[test]
    fn a_moved_time_the_clock_skips_cannot_be_booked_and_the_end_must_follow_the_start() {
        let night = WallClock::new(Time::constant(3, 30, 0, 0), Time::constant(5, 0, 0, 0))
            .expect("valid times");
        assert_eq!(
            night.on(date(2026, 3, 29)),
            Err(Unbookable::NonexistentStart)
        );
        let early = WallClock::new(Time::constant(2, 0, 0, 0), Time::constant(3, 30, 0, 0))
            .expect("valid times");
        assert_eq!(early.on(date(2026, 3, 29)), Err(Unbookable::NonexistentEnd));
        assert!(WallClock::new(Time::constant(12, 0, 0, 0), Time::constant(8, 0, 0, 0)).is_err());
        assert!(WallClock::new(Time::constant(8, 0, 0, 0), Time::constant(8, 0, 0, 0)).is_err());
    }
}
