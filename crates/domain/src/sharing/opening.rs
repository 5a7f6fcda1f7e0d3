//! Opening hours of a shared resource: when it can be booked at all, and if not, why not.
//!
//! # The rules
//!
//! * **Wall-clock ranges.** A day's hours are ranges such as 08:00–16:00 in Helsinki time; a
//!   range may close at 24:00, the end of the day. Ranges of one day may touch but not
//!   overlap, and ranges that touch, also across midnight, make one open interval (Monday
//!   00:00–24:00 and Tuesday 00:00–08:00 are open without a break).
//! * **Most specific first.** A dated exception (closed, or special hours) decides its day;
//!   otherwise a public holiday closes the day if the schedule closes on public holidays;
//!   otherwise the weekly hours of the weekday apply. An exception thus can open a resource
//!   on a holiday.
//! * **Nothing is implied.** Empty weekly hours mean closed every day. A resource without
//!   opening hours is given [`Schedule::always_open`]: every day 00:00–24:00, holidays included.
//! * **Daylight saving** is handled through the zone: a day open 00:00–24:00 on 2026-03-29
//!   is 23 hours long and one on 2026-10-25 is 25. A range boundary the clock skips in spring
//!   (03:00–04:00) is placed at the moment of the jump, the clock having passed it; a boundary
//!   the clock shows twice in autumn is the first time it does, as for bookings.

use super::holidays::{holiday_on, HolidayKind};
use super::zone::helsinki;
use super::Interval;
use crate::text::Invalid;
use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::AmbiguousOffset;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeMap;
use std::fmt;

const BAD_TEXT: &str = "error-opening-hours";
const ORDER: &str = "error-opening-hours-order";
const OVERLAP: &str = "error-opening-hours-overlap";
const DUPLICATE_EXCEPTION: &str = "error-opening-exception-duplicate";

/// When a range closes: at a time of day, or at midnight at the end of the day (24:00).
/// `At` times sort before `Midnight`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Closing {
    At(Time),
    Midnight,
}

impl Closing {
    /// `HH:MM` (or `H.MM`), or `24:00` for the end of the day.
    pub fn parse(text: &str) -> Result<Closing, Invalid> {
        match clock(text)? {
            (24, 0) => Ok(Closing::Midnight),
            (hour, minute) => Ok(Closing::At(time_of(hour, minute)?)),
        }
    }

    /// Whether `time` is at or after this closing on the same day.
    fn is_at_or_before(self, time: Time) -> bool {
        match self {
            Closing::At(t) => t <= time,
            Closing::Midnight => false,
        }
    }
}

impl fmt::Display for Closing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Closing::At(t) => write!(f, "{}", t.strftime("%H:%M")),
            Closing::Midnight => f.write_str("24:00"),
        }
    }
}

/// A time of day that opens a range: `HH:MM` or `H.MM`.
pub fn parse_opening(text: &str) -> Result<Time, Invalid> {
    let (hour, minute) = clock(text)?;
    time_of(hour, minute)
}

/// Hours 0..=24 and minutes 0..=59 of `HH:MM`, `H:MM`, `HH.MM` or `H.MM`.
fn clock(text: &str) -> Result<(i8, i8), Invalid> {
    let bad = Invalid::new(BAD_TEXT);
    let (hour, minute) = text.trim().split_once([':', '.']).ok_or(bad.clone())?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hour) || hour.len() > 2 || !digits(minute) || minute.len() != 2 {
        return Err(bad);
    }
    let hour: i8 = hour.parse().map_err(|_| bad.clone())?;
    let minute: i8 = minute.parse().map_err(|_| bad.clone())?;
    if hour > 24 || minute > 59 || (hour == 24 && minute != 0) {
        return Err(bad);
    }
    Ok((hour, minute))
}

fn time_of(hour: i8, minute: i8) -> Result<Time, Invalid> {
    Time::new(hour, minute, 0, 0).map_err(|_| Invalid::new(BAD_TEXT))
}

/// One range of opening hours on a day, opening before it closes, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HoursRange {
    opens: Time,
    closes: Closing,
}

impl HoursRange {
    pub fn new(opens: Time, closes: Closing) -> Result<HoursRange, Invalid> {
        let whole_minutes = |t: Time| t.second() == 0 && t.subsec_nanosecond() == 0;
        if !whole_minutes(opens) || matches!(closes, Closing::At(t) if !whole_minutes(t)) {
            return Err(Invalid::new(BAD_TEXT));
        }
        if closes.is_at_or_before(opens) {
            return Err(Invalid::new(ORDER));
        }
        Ok(HoursRange { opens, closes })
    }

    /// `08:00-16:00`; an en dash and `8.00` are accepted too, and `24:00` closes at midnight.
    pub fn parse(text: &str) -> Result<HoursRange, Invalid> {
        let (opens, closes) = text.split_once(['-', '–']).ok_or(Invalid::new(BAD_TEXT))?;
        HoursRange::new(parse_opening(opens)?, Closing::parse(closes)?)
    }

    /// A range from minutes since local midnight, 1440 being 24:00: the stored form.
    pub fn from_minutes(opens: i64, closes: i64) -> Result<HoursRange, Invalid> {
        let time = |m: i64| -> Result<Time, Invalid> {
            let hour = i8::try_from(m / 60).map_err(|_| Invalid::new(BAD_TEXT))?;
            let minute = i8::try_from(m % 60).map_err(|_| Invalid::new(BAD_TEXT))?;
            if !(0..1440).contains(&m) {
                return Err(Invalid::new(BAD_TEXT));
            }
            time_of(hour, minute)
        };
        let closes = if closes == 1440 {
            Closing::Midnight
        } else {
            Closing::At(time(closes)?)
        };
        HoursRange::new(time(opens)?, closes)
    }

    /// Minutes since local midnight of the opening and the closing (1440 for 24:00).
    pub fn to_minutes(&self) -> (i64, i64) {
        let minutes = |t: Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
        let closes = match self.closes {
            Closing::At(t) => minutes(t),
            Closing::Midnight => 1440,
        };
        (minutes(self.opens), closes)
    }

    /// The whole day, 00:00–24:00.
    pub fn all_day() -> HoursRange {
        HoursRange {
            opens: Time::midnight(),
            closes: Closing::Midnight,
        }
    }

    pub fn opens(&self) -> Time {
        self.opens
    }

    pub fn closes(&self) -> Closing {
        self.closes
    }

    /// Whether this range closes after `other` opens, given that it does not open later.
    fn runs_into(&self, other: &HoursRange) -> bool {
        !self.closes.is_at_or_before(other.opens)
    }

    /// The range on `date`, placed on the time line; `None` when a daylight-saving change
    /// leaves nothing of it (a range wholly inside the spring-forward gap).
    fn on(&self, date: Date) -> Option<(Timestamp, Timestamp)> {
        let opens = place(date.to_datetime(self.opens))?;
        let closes = match self.closes {
            Closing::At(t) => place(date.to_datetime(t))?,
            Closing::Midnight => place(date.tomorrow().ok()?.to_datetime(Time::midnight()))?,
        };
        (opens < closes).then_some((opens, closes))
    }
}

impl fmt::Display for HoursRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.opens.strftime("%H:%M"), self.closes)
    }
}

/// The opening hours of one day: ranges in order, none overlapping. No ranges is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct DayHours(Vec<HoursRange>);

impl DayHours {
    /// Sorts the ranges and refuses overlapping ones (`error-opening-hours-overlap`).
    pub fn new(mut ranges: Vec<HoursRange>) -> Result<DayHours, Invalid> {
        ranges.sort_by_key(|r| (r.opens, r.closes));
        if ranges.windows(2).any(|w| w[0].runs_into(&w[1])) {
            return Err(Invalid::new(OVERLAP));
        }
        Ok(DayHours(ranges))
    }

    /// Ranges separated by commas, `08:00-12:00, 13:00-16:00`; empty text is closed.
    pub fn parse(text: &str) -> Result<DayHours, Invalid> {
        let ranges = text
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(HoursRange::parse)
            .collect::<Result<Vec<_>, _>>()?;
        DayHours::new(ranges)
    }

    pub fn closed() -> DayHours {
        DayHours(Vec::new())
    }

    pub fn all_day() -> DayHours {
        DayHours(vec![HoursRange::all_day()])
    }

    pub fn ranges(&self) -> &[HoursRange] {
        &self.0
    }

    pub fn is_closed(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ranges: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&ranges.join(", "))
    }
}

/// The hours of each weekday, Monday first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct WeeklyHours {
    days: [DayHours; 7],
}

impl WeeklyHours {
    /// Closed every day: hours are added with [`WeeklyHours::with`].
    pub fn closed() -> WeeklyHours {
        WeeklyHours::default()
    }

    pub fn every_day(hours: DayHours) -> WeeklyHours {
        WeeklyHours {
            days: std::array::from_fn(|_| hours.clone()),
        }
    }

    /// These hours with `weekday`'s replaced.
    pub fn with(mut self, weekday: Weekday, hours: DayHours) -> WeeklyHours {
        self.set(weekday, hours);
        self
    }

    pub fn set(&mut self, weekday: Weekday, hours: DayHours) {
        self.days[day_index(weekday)] = hours;
    }

    pub fn on(&self, weekday: Weekday) -> &DayHours {
        &self.days[day_index(weekday)]
    }
}

/// Monday 0 .. Sunday 6: ISO weekday 1..=7 less one.
fn day_index(weekday: Weekday) -> usize {
    weekday.to_monday_zero_offset().unsigned_abs().into()
}

/// What a dated exception does to its day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ExceptionHours {
    Closed,
    /// These hours instead of the weekly ones; no ranges is closed.
    Special(DayHours),
}

/// A day whose hours differ from the weekly ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Exception {
    pub date: Date,
    pub hours: ExceptionHours,
}

/// Why a span cannot be booked, for the refusal to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosedReason {
    PublicHoliday(HolidayKind),
    ClosedException,
    OutsideOpeningHours,
}

impl ClosedReason {
    /// The refusal's message-catalogue key; a holiday's name is `HolidayKind::message_key`.
    pub fn message_key(self) -> &'static str {
        match self {
            ClosedReason::PublicHoliday(_) => "error-closed-public-holiday",
            ClosedReason::ClosedException => "error-closed-exception",
            ClosedReason::OutsideOpeningHours => "error-outside-opening-hours",
        }
    }
}

/// The opening hours of a resource: weekly hours, dated exceptions, and whether it closes on
/// public holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    weekly: WeeklyHours,
    exceptions: BTreeMap<Date, ExceptionHours>,
    closed_on_public_holidays: bool,
}

/// What decides a day's hours.
enum DayRule<'a> {
    Hours(&'a DayHours),
    Holiday(HolidayKind),
    ClosedException,
}

impl Schedule {
    /// Refuses two exceptions on one date (`error-opening-exception-duplicate`).
    pub fn new(
        weekly: WeeklyHours,
        exceptions: Vec<Exception>,
        closed_on_public_holidays: bool,
    ) -> Result<Schedule, Invalid> {
        let mut by_date = BTreeMap::new();
        for e in exceptions {
            if by_date.insert(e.date, e.hours).is_some() {
                return Err(Invalid::new(DUPLICATE_EXCEPTION));
            }
        }
        Ok(Schedule {
            weekly,
            exceptions: by_date,
            closed_on_public_holidays,
        })
    }

    /// Open every day round the clock, public holidays included: for resources without hours.
    pub fn always_open() -> Schedule {
        Schedule {
            weekly: WeeklyHours::every_day(DayHours::all_day()),
            exceptions: BTreeMap::new(),
            closed_on_public_holidays: false,
        }
    }

    pub fn weekly(&self) -> &WeeklyHours {
        &self.weekly
    }

    /// The exceptions in date order.
    pub fn exceptions(&self) -> impl Iterator<Item = Exception> + '_ {
        self.exceptions.iter().map(|(date, hours)| Exception {
            date: *date,
            hours: hours.clone(),
        })
    }

    pub fn closed_on_public_holidays(&self) -> bool {
        self.closed_on_public_holidays
    }

    /// The hours that apply on `date` (none when it is closed), by the precedence above.
    pub fn hours_on(&self, date: Date) -> &[HoursRange] {
        match self.day_rule(date) {
            DayRule::Hours(hours) => hours.ranges(),
            DayRule::Holiday(_) | DayRule::ClosedException => &[],
        }
    }

    /// The open intervals from the start of `from` to the end of `to_inclusive`, in order,
    /// ranges that touch merged into one.
    pub fn open_intervals(&self, from: Date, to_inclusive: Date) -> Vec<Interval> {
        let spans = days(from, to_inclusive)
            .flat_map(|date| self.hours_on(date).iter().filter_map(move |r| r.on(date)));
        merge(spans)
            .into_iter()
            .filter_map(|(start, end)| Interval::new(start, end).ok())
            .collect()
    }

    /// Whether the resource is open for the whole of `interval`, without a break.
    pub fn is_open_for(&self, interval: &Interval) -> bool {
        let (first, last) = local_days(interval);
        self.open_intervals(first, last)
            .iter()
            .any(|open| open.contains(interval))
    }

    /// Why the resource is not open for the whole of `interval`, or `None` when it is. A public
    /// holiday or a closed exception on a day the interval touches is named first, the
    /// earliest such day; otherwise the interval is outside the opening hours.
    pub fn why_closed(&self, interval: &Interval) -> Option<ClosedReason> {
        if self.is_open_for(interval) {
            return None;
        }
        let (first, last) = local_days(interval);
        let closed_day = days(first, last).find_map(|date| match self.day_rule(date) {
            DayRule::Holiday(kind) => Some(ClosedReason::PublicHoliday(kind)),
            DayRule::ClosedException => Some(ClosedReason::ClosedException),
            DayRule::Hours(_) => None,
        });
        Some(closed_day.unwrap_or(ClosedReason::OutsideOpeningHours))
    }

    fn day_rule(&self, date: Date) -> DayRule<'_> {
        match self.exceptions.get(&date) {
            Some(ExceptionHours::Special(hours)) if !hours.is_closed() => DayRule::Hours(hours),
            Some(_) => DayRule::ClosedException,
            None => match holiday_on(date).filter(|_| self.closed_on_public_holidays) {
                Some(kind) => DayRule::Holiday(kind),
                None => DayRule::Hours(self.weekly.on(date.weekday())),
            },
        }
    }
}

/// The days from `from` to `to_inclusive`, none when `to_inclusive` is earlier.
fn days(from: Date, to_inclusive: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(from), |d| d.tomorrow().ok()).take_while(move |d| *d <= to_inclusive)
}

/// The Helsinki dates of the first and the last instant of `interval`.
fn local_days(interval: &Interval) -> (Date, Date) {
    let last_instant = interval.end() - SignedDuration::from_nanos(1);
    (
        helsinki().to_datetime(interval.start()).date(),
        helsinki().to_datetime(last_instant).date(),
    )
}

/// Joins spans, given in order of their start, that overlap or touch.
fn merge(spans: impl Iterator<Item = (Timestamp, Timestamp)>) -> Vec<(Timestamp, Timestamp)> {
    let mut merged: Vec<(Timestamp, Timestamp)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Places a range boundary in Helsinki. A time the clock skips is the moment of the jump (the
/// first instant after the gap's start); a time it shows twice is the first time.
fn place(local: DateTime) -> Option<Timestamp> {
    match helsinki().to_ambiguous_timestamp(local).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset.to_timestamp(local).ok(),
        AmbiguousOffset::Fold { before, .. } => before.to_timestamp(local).ok(),
        AmbiguousOffset::Gap { after, .. } => {
            // With the later offset the time lands before the jump; the next transition is it.
            let before_jump = after.to_timestamp(local).ok()?;
            helsinki()
                .following(before_jump)
                .next()
                .map(|t| t.timestamp())
        }
    }
}

#[cfg(test)]
mod minutes_tests {
    use super::*;

    #[test]
    fn a_range_round_trips_through_minutes_including_midnight() {
        let r = HoursRange::from_minutes(8 * 60, 1440).expect("valid");
        assert_eq!(r.to_string(), "08:00-24:00");
        assert_eq!(r.to_minutes(), (480, 1440));
        assert!(HoursRange::from_minutes(600, 540).is_err());
        assert!(HoursRange::from_minutes(-1, 60).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn day(text: &str) -> DayHours {
        DayHours::parse(text).expect("valid hours")
    }

    fn weekdays(text: &str) -> WeeklyHours {
        let hours = day(text);
        [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
        ]
        .into_iter()
        .fold(WeeklyHours::closed(), |w, d| w.with(d, hours.clone()))
    }

    /// A span of Helsinki wall-clock time.
    fn local(from: DateTime, to: DateTime) -> Interval {
        let at = |dt: DateTime| {
            dt.to_zoned(helsinki().clone())
                .expect("a Helsinki time")
                .timestamp()
        };
        Interval::new(at(from), at(to)).expect("a span")
    }

    fn utc(text: &str) -> Timestamp {
        text.parse().expect("an instant")
    }

    fn office() -> Schedule {
        Schedule::new(weekdays("08:00-16:00"), Vec::new(), true).expect("a schedule")
    }

    #[test]
    fn hours_are_read_in_the_ways_people_write_them() {
        assert_eq!(day("8:00-16:00"), day("08.00–16.00"));
        assert_eq!(
            day("13:00-16:00, 08:00-12:00").to_string(),
            "08:00-12:00, 13:00-16:00"
        );
        assert_eq!(day("18:00-24:00").ranges()[0].closes(), Closing::Midnight);
        assert!(day("").is_closed());
    }

    #[test]
    fn broken_hours_are_refused() {
        let refusal = |text: &str| DayHours::parse(text).expect_err("refused").key;
        assert_eq!(refusal("8-16"), "error-opening-hours");
        assert_eq!(refusal("08:00"), "error-opening-hours");
        assert_eq!(refusal("25:00-26:00"), "error-opening-hours");
        assert_eq!(refusal("24:00-24:00"), "error-opening-hours");
        assert_eq!(refusal("08:00-24:30"), "error-opening-hours");
        assert_eq!(refusal("08:60-10:00"), "error-opening-hours");
        assert_eq!(refusal("16:00-08:00"), "error-opening-hours-order");
        assert_eq!(refusal("08:00-08:00"), "error-opening-hours-order");
        assert_eq!(
            refusal("08:00-12:00, 11:00-14:00"),
            "error-opening-hours-overlap"
        );
        assert_eq!(
            refusal("08:00-24:00, 23:00-24:00"),
            "error-opening-hours-overlap"
        );
    }

    #[test]
    fn ranges_that_touch_are_allowed() {
        assert_eq!(day("08:00-12:00, 12:00-16:00").ranges().len(), 2);
    }

    #[test]
    fn two_exceptions_on_one_date_are_refused() {
        let twice = vec![
            Exception {
                date: date(2026, 5, 4),
                hours: ExceptionHours::Closed,
            },
            Exception {
                date: date(2026, 5, 4),
                hours: ExceptionHours::Special(day("10:00-12:00")),
            },
        ];
        let e = Schedule::new(WeeklyHours::closed(), twice, false).expect_err("refused");
        assert_eq!(e.key, "error-opening-exception-duplicate");
    }

    #[test]
    fn an_office_is_open_on_weekdays_in_winter_and_summer_time() {
        let week = office().open_intervals(date(2026, 3, 23), date(2026, 3, 31));
        let starts: Vec<Timestamp> = week.iter().map(Interval::start).collect();
        assert_eq!(
            starts,
            vec![
                utc("2026-03-23T06:00:00Z"),
                utc("2026-03-24T06:00:00Z"),
                utc("2026-03-25T06:00:00Z"),
                utc("2026-03-26T06:00:00Z"),
                utc("2026-03-27T06:00:00Z"),
                utc("2026-03-30T05:00:00Z"),
                utc("2026-03-31T05:00:00Z"),
            ]
        );
    }

    #[test]
    fn a_holiday_closed_resource_refuses_good_friday() {
        let booking = local(
            date(2026, 4, 3).at(9, 0, 0, 0),
            date(2026, 4, 3).at(11, 0, 0, 0),
        );
        assert!(!office().is_open_for(&booking));
        assert_eq!(
            office().why_closed(&booking),
            Some(ClosedReason::PublicHoliday(HolidayKind::GoodFriday))
        );
        assert_eq!(
            ClosedReason::PublicHoliday(HolidayKind::GoodFriday).message_key(),
            "error-closed-public-holiday"
        );
    }

    #[test]
    fn a_resource_open_on_holidays_takes_bookings_on_good_friday() {
        let open = Schedule::new(weekdays("08:00-16:00"), Vec::new(), false).expect("a schedule");
        let booking = local(
            date(2026, 4, 3).at(9, 0, 0, 0),
            date(2026, 4, 3).at(11, 0, 0, 0),
        );
        assert_eq!(open.why_closed(&booking), None);
    }

    #[test]
    fn a_booking_outside_the_hours_is_refused_as_such() {
        let early = local(
            date(2026, 4, 7).at(7, 0, 0, 0),
            date(2026, 4, 7).at(9, 0, 0, 0),
        );
        let inside = local(
            date(2026, 4, 7).at(8, 0, 0, 0),
            date(2026, 4, 7).at(16, 0, 0, 0),
        );
        assert_eq!(
            office().why_closed(&early),
            Some(ClosedReason::OutsideOpeningHours)
        );
        assert_eq!(office().why_closed(&inside), None);
        assert!(office().is_open_for(&inside));
    }

    #[test]
    fn a_booking_over_a_lunch_break_is_refused() {
        let schedule = Schedule::new(weekdays("08:00-12:00, 13:00-16:00"), Vec::new(), false)
            .expect("a schedule");
        let over_lunch = local(
            date(2026, 4, 7).at(11, 0, 0, 0),
            date(2026, 4, 7).at(14, 0, 0, 0),
        );
        assert_eq!(
            schedule.why_closed(&over_lunch),
            Some(ClosedReason::OutsideOpeningHours)
        );
    }

    #[test]
    fn a_closed_exception_is_named_and_special_hours_replace_the_weekly_ones() {
        let exceptions = vec![
            Exception {
                date: date(2026, 4, 8),
                hours: ExceptionHours::Closed,
            },
            Exception {
                date: date(2026, 4, 9),
                hours: ExceptionHours::Special(day("12:00-20:00")),
            },
            Exception {
                date: date(2026, 4, 6),
                hours: ExceptionHours::Special(day("10:00-14:00")),
            },
        ];
        let schedule =
            Schedule::new(weekdays("08:00-16:00"), exceptions, true).expect("a schedule");
        let on = |d: Date, from: i8, to: i8| local(d.at(from, 0, 0, 0), d.at(to, 0, 0, 0));
        assert_eq!(
            schedule.why_closed(&on(date(2026, 4, 8), 9, 10)),
            Some(ClosedReason::ClosedException)
        );
        assert_eq!(schedule.why_closed(&on(date(2026, 4, 9), 17, 19)), None);
        assert_eq!(
            schedule.why_closed(&on(date(2026, 4, 9), 9, 10)),
            Some(ClosedReason::OutsideOpeningHours)
        );
        // Easter Monday, opened by an exception.
        assert_eq!(schedule.why_closed(&on(date(2026, 4, 6), 10, 14)), None);
    }

    #[test]
    fn special_hours_without_ranges_are_a_closed_exception() {
        let exceptions = vec![Exception {
            date: date(2026, 4, 8),
            hours: ExceptionHours::Special(DayHours::closed()),
        }];
        let schedule =
            Schedule::new(weekdays("08:00-16:00"), exceptions, false).expect("a schedule");
        let booking = local(
            date(2026, 4, 8).at(9, 0, 0, 0),
            date(2026, 4, 8).at(10, 0, 0, 0),
        );
        assert_eq!(
            schedule.why_closed(&booking),
            Some(ClosedReason::ClosedException)
        );
    }

    #[test]
    fn hours_to_midnight_join_the_next_mornings_across_midnight() {
        let weekly = WeeklyHours::closed()
            .with(Weekday::Monday, day("00:00-24:00"))
            .with(Weekday::Tuesday, day("00:00-08:00"));
        let schedule = Schedule::new(weekly, Vec::new(), false).expect("a schedule");
        let open = schedule.open_intervals(date(2026, 5, 4), date(2026, 5, 10));
        assert_eq!(
            open,
            vec![local(
                date(2026, 5, 4).at(0, 0, 0, 0),
                date(2026, 5, 5).at(8, 0, 0, 0)
            )]
        );
        let overnight = local(
            date(2026, 5, 4).at(22, 0, 0, 0),
            date(2026, 5, 5).at(2, 0, 0, 0),
        );
        assert!(schedule.is_open_for(&overnight));
    }

    #[test]
    fn an_evening_range_to_midnight_ends_at_the_start_of_the_next_day() {
        let weekly = WeeklyHours::closed().with(Weekday::Friday, day("18:00-24:00"));
        let schedule = Schedule::new(weekly, Vec::new(), false).expect("a schedule");
        let open = schedule.open_intervals(date(2026, 5, 8), date(2026, 5, 8));
        assert_eq!(
            open,
            vec![local(
                date(2026, 5, 8).at(18, 0, 0, 0),
                date(2026, 5, 9).at(0, 0, 0, 0)
            )]
        );
        let past_midnight = local(
            date(2026, 5, 8).at(23, 0, 0, 0),
            date(2026, 5, 9).at(1, 0, 0, 0),
        );
        assert_eq!(
            schedule.why_closed(&past_midnight),
            Some(ClosedReason::OutsideOpeningHours)
        );
    }

    #[test]
    fn the_spring_forward_day_is_twenty_three_hours_long() {
        let schedule = Schedule::always_open();
        let open = schedule.open_intervals(date(2026, 3, 29), date(2026, 3, 29));
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].start(), utc("2026-03-28T22:00:00Z"));
        assert_eq!(open[0].duration(), SignedDuration::from_hours(23));
    }

    #[test]
    fn the_fall_back_day_is_twenty_five_hours_long() {
        let open = Schedule::always_open().open_intervals(date(2026, 10, 25), date(2026, 10, 25));
        assert_eq!(open[0].duration(), SignedDuration::from_hours(25));
    }

    #[test]
    fn a_boundary_the_clock_skips_is_the_moment_of_the_jump() {
        let weekly = WeeklyHours::every_day(day("03:30-06:00"));
        let schedule = Schedule::new(weekly, Vec::new(), false).expect("a schedule");
        let open = schedule.open_intervals(date(2026, 3, 29), date(2026, 3, 29));
        assert_eq!(open[0].start(), utc("2026-03-29T01:00:00Z"));
        assert_eq!(open[0].end(), utc("2026-03-29T03:00:00Z"));
        let inside_gap = WeeklyHours::every_day(day("03:10-03:50"));
        let none = Schedule::new(inside_gap, Vec::new(), false).expect("a schedule");
        assert!(none
            .open_intervals(date(2026, 3, 29), date(2026, 3, 29))
            .is_empty());
    }

    #[test]
    fn always_open_is_open_on_holidays_and_around_the_clock() {
        let christmas = local(
            date(2026, 12, 24).at(20, 0, 0, 0),
            date(2026, 12, 26).at(4, 0, 0, 0),
        );
        assert!(Schedule::always_open().is_open_for(&christmas));
    }

    #[test]
    fn empty_weekly_hours_are_closed_every_day() {
        let schedule = Schedule::new(WeeklyHours::closed(), Vec::new(), false).expect("a schedule");
        assert!(schedule
            .open_intervals(date(2026, 1, 1), date(2026, 12, 31))
            .is_empty());
    }

    #[test]
    fn an_empty_or_reversed_date_range_has_no_open_intervals() {
        assert!(Schedule::always_open()
            .open_intervals(date(2026, 5, 2), date(2026, 5, 1))
            .is_empty());
    }

    fn hours_strategy() -> impl Strategy<Value = DayHours> {
        prop::collection::vec((0i8..24, 1i8..=24), 0..4).prop_map(|pairs| {
            let mut ranges: Vec<HoursRange> = Vec::new();
            for (open, length) in pairs {
                let close = open + length;
                let closes = if close >= 24 {
                    Closing::Midnight
                } else {
                    Closing::At(Time::constant(close, 0, 0, 0))
                };
                if let Ok(r) = HoursRange::new(Time::constant(open, 0, 0, 0), closes) {
                    let mut candidate = ranges.clone();
                    candidate.push(r);
                    if DayHours::new(candidate.clone()).is_ok() {
                        ranges = candidate;
                    }
                }
            }
            DayHours::new(ranges).unwrap_or_default()
        })
    }

    proptest! {
        #[test]
        fn open_intervals_are_in_order_and_apart(
            week in prop::collection::vec(hours_strategy(), 7),
            start in prop::sample::select(vec![date(2026, 3, 23), date(2026, 10, 19), date(2026, 12, 21)]),
        ) {
            let weekly = week.into_iter().enumerate().fold(WeeklyHours::closed(), |w, (i, h)| {
                let weekday = Weekday::from_monday_zero_offset(i8::try_from(i).expect("a weekday"))
                    .expect("a weekday");
                w.with(weekday, h)
            });
            let schedule = Schedule::new(weekly, Vec::new(), true).expect("a schedule");
            let open = schedule.open_intervals(start, start + jiff::ToSpan::days(13));
            prop_assert!(open.windows(2).all(|w| w[0].end() < w[1].start()));
            for interval in &open {
                prop_assert!(schedule.is_open_for(interval));
                prop_assert_eq!(schedule.why_closed(interval), None);
            }
        }
    }
}
