//! Finnish public holidays (arkipyhät ja juhlapyhät), computed for any year, so that a resource
//! that is closed on public holidays needs no yearly list kept up to date by hand.
//!
//! The current rules (in force since 1992) are applied to every year: between 1973 and 1991
//! Epiphany and Ascension Day were moved to Saturdays, and before 1955 Midsummer and All
//! Saints' Day had fixed dates. Bookings are made for the present and the future, so the
//! historical rules are not modelled. Easter follows the Gregorian computus.

use crate::text::Invalid;
use crate::vocabulary::vocabulary;
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

vocabulary! {
    /// One of the fifteen Finnish public holidays, in calendar order.
    HolidayKind, "holiday", "error-holiday" {
        NewYearsDay => "new_years_day",
        Epiphany => "epiphany",
        GoodFriday => "good_friday",
        EasterSunday => "easter_sunday",
        EasterMonday => "easter_monday",
        MayDay => "may_day",
        AscensionDay => "ascension_day",
        Whitsun => "whitsun",
        MidsummerEve => "midsummer_eve",
        MidsummerDay => "midsummer_day",
        AllSaintsDay => "all_saints_day",
        IndependenceDay => "independence_day",
        ChristmasEve => "christmas_eve",
        ChristmasDay => "christmas_day",
        StStephensDay => "st_stephens_day",
    }
}

/// A public holiday on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub date: Date,
    pub kind: HolidayKind,
}

/// The public holidays of `year`, sorted by date. Two holidays may share a date (May Day and
/// Ascension Day in 2008); the fixed-date one comes first. A year outside the civil calendar's
/// range (-9999..=9999) has none.
pub fn holidays(year: i16) -> Vec<Holiday> {
    let Some(easter) = easter_sunday(year) else {
        return Vec::new();
    };
    let midsummer_eve = day(year, 6, 19).and_then(|d| on_or_after(d, Weekday::Friday));
    let all_saints = day(year, 10, 31).and_then(|d| on_or_after(d, Weekday::Saturday));
    let mut found: Vec<Holiday> = [
        (day(year, 1, 1), HolidayKind::NewYearsDay),
        (day(year, 1, 6), HolidayKind::Epiphany),
        (days_after(easter, -2), HolidayKind::GoodFriday),
        (Some(easter), HolidayKind::EasterSunday),
        (days_after(easter, 1), HolidayKind::EasterMonday),
        (day(year, 5, 1), HolidayKind::MayDay),
        (days_after(easter, 39), HolidayKind::AscensionDay),
        (days_after(easter, 49), HolidayKind::Whitsun),
        (midsummer_eve, HolidayKind::MidsummerEve),
        (
            midsummer_eve.and_then(|d| days_after(d, 1)),
            HolidayKind::MidsummerDay,
        ),
        (all_saints, HolidayKind::AllSaintsDay),
        (day(year, 12, 6), HolidayKind::IndependenceDay),
        (day(year, 12, 24), HolidayKind::ChristmasEve),
        (day(year, 12, 25), HolidayKind::ChristmasDay),
        (day(year, 12, 26), HolidayKind::StStephensDay),
    ]
    .into_iter()
    .filter_map(|(date, kind)| Some(Holiday { date: date?, kind }))
    .collect();
    // A stable sort keeps the order above for holidays that share a date.
    found.sort_by_key(|h| h.date);
    found
}

/// The public holiday on `date`, if it is one (the first of [`holidays`] on that date).
pub fn holiday_on(date: Date) -> Option<HolidayKind> {
    holidays(date.year())
        .into_iter()
        .find(|h| h.date == date)
        .map(|h| h.kind)
}

/// Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
/// Euclidean division keeps the arithmetic defined for every year the calendar holds.
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = i8::try_from(n.div_euclid(31)).ok()?;
    let day_of_month = i8::try_from(n.rem_euclid(31) + 1).ok()?;
    day(year, month, day_of_month)
}

fn day(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

fn days_after(date: Date, days: i64) -> Option<Date> {
    date.checked_add(days.days()).ok()
}

/// The first `weekday` on or after `date`: the movable midsummer and All Saints' Day fall on
/// the first Friday or Saturday of a seven-day window.
fn on_or_after(date: Date, weekday: Weekday) -> Option<Date> {
    days_after(date, i64::from(weekday.since(date.weekday())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn date_of(year: i16, kind: HolidayKind) -> Date {
        holidays(year)
            .into_iter()
            .find(|h| h.kind == kind)
            .expect("every year has every holiday")
            .date
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
    }

    #[test]
    fn easter_2024_is_on_the_31st_of_march() {
        assert_eq!(date_of(2024, HolidayKind::EasterSunday), date(2024, 3, 31));
    }

    #[test]
    fn easter_reaches_both_ends_of_its_range() {
        assert_eq!(easter_sunday(1818), Some(date(1818, 3, 22)));
        assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22)));
        assert_eq!(easter_sunday(1943), Some(date(1943, 4, 25)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    }

    #[test]
    fn midsummer_eve_is_the_friday_of_its_week() {
        assert_eq!(date_of(2025, HolidayKind::MidsummerEve), date(2025, 6, 20));
        assert_eq!(date_of(2026, HolidayKind::MidsummerEve), date(2026, 6, 19));
        assert_eq!(date_of(2026, HolidayKind::MidsummerDay), date(2026, 6, 20));
    }

    #[test]
    fn all_saints_day_is_the_saturday_of_its_week() {
        assert_eq!(date_of(2025, HolidayKind::AllSaintsDay), date(2025, 11, 1));
        assert_eq!(date_of(2026, HolidayKind::AllSaintsDay), date(2026, 10, 31));
    }

    #[test]
    fn the_holidays_of_2026_are_the_fifteen_known_days_in_order() {
        let found: Vec<(Date, &str)> = holidays(2026)
            .into_iter()
            .map(|h| (h.date, h.kind.code()))
            .collect();
        assert_eq!(
            found,
            vec![
                (date(2026, 1, 1), "new_years_day"),
                (date(2026, 1, 6), "epiphany"),
                (date(2026, 4, 3), "good_friday"),
                (date(2026, 4, 5), "easter_sunday"),
                (date(2026, 4, 6), "easter_monday"),
                (date(2026, 5, 1), "may_day"),
                (date(2026, 5, 14), "ascension_day"),
                (date(2026, 5, 24), "whitsun"),
                (date(2026, 6, 19), "midsummer_eve"),
                (date(2026, 6, 20), "midsummer_day"),
                (date(2026, 10, 31), "all_saints_day"),
                (date(2026, 12, 6), "independence_day"),
                (date(2026, 12, 24), "christmas_eve"),
                (date(2026, 12, 25), "christmas_day"),
                (date(2026, 12, 26), "st_stephens_day"),
            ]
        );
    }

    #[test]
    fn a_date_is_a_holiday_only_on_its_day() {
        assert_eq!(holiday_on(date(2026, 4, 3)), Some(HolidayKind::GoodFriday));
        assert_eq!(holiday_on(date(2026, 4, 2)), None);
        assert_eq!(
            holiday_on(date(2025, 12, 6)),
            Some(HolidayKind::IndependenceDay)
        );
    }

    #[test]
    fn may_day_is_named_when_ascension_day_falls_on_it() {
        assert_eq!(date_of(2008, HolidayKind::AscensionDay), date(2008, 5, 1));
        assert_eq!(holiday_on(date(2008, 5, 1)), Some(HolidayKind::MayDay));
        assert_eq!(holidays(2008).len(), 15);
    }

    #[test]
    fn each_holiday_has_a_code_and_a_message_key() {
        assert_eq!(HolidayKind::GoodFriday.code(), "good_friday");
        assert_eq!(HolidayKind::GoodFriday.message_key(), "holiday-good_friday");
        assert_eq!(HolidayKind::parse("whitsun"), Ok(HolidayKind::Whitsun));
        assert_eq!(HolidayKind::ALL.len(), 15);
    }

    #[test]
    fn a_year_beyond_the_calendar_has_no_holidays() {
        assert!(holidays(10_000).is_empty());
        assert_eq!(holidays(9999).len(), 15);
    }

    proptest! {
        #[test]
        fn every_year_has_fifteen_holidays_in_date_order(year in 1583i16..=9999) {
            let found = holidays(year);
            prop_assert_eq!(found.len(), 15);
            prop_assert!(found.windows(2).all(|w| w[0].date <= w[1].date));
            prop_assert!(found.iter().all(|h| h.date.year() == year));
        }

        #[test]
        fn good_friday_is_a_friday_two_days_before_easter_sunday(year in 1583i16..=9999) {
            let easter = date_of(year, HolidayKind::EasterSunday);
            let good_friday = date_of(year, HolidayKind::GoodFriday);
            prop_assert_eq!(easter.weekday(), Weekday::Sunday);
            prop_assert_eq!(good_friday.weekday(), Weekday::Friday);
            prop_assert_eq!(days_after(good_friday, 2), Some(easter));
            prop_assert!(date(year, 3, 22) <= easter && easter <= date(year, 4, 25));
        }

        #[test]
        fn midsummer_day_is_a_saturday_between_the_20th_and_26th_of_june(year in 1583i16..=9999) {
            let midsummer = date_of(year, HolidayKind::MidsummerDay);
            prop_assert_eq!(midsummer.weekday(), Weekday::Saturday);
            prop_assert!(date(year, 6, 20) <= midsummer && midsummer <= date(year, 6, 26));
            let eve = date_of(year, HolidayKind::MidsummerEve);
            prop_assert_eq!(days_after(eve, 1), Some(midsummer));
        }

        #[test]
        fn all_saints_day_is_a_saturday_between_the_31st_of_october_and_6th_of_november(
            year in 1583i16..=9999
        ) {
            let all_saints = date_of(year, HolidayKind::AllSaintsDay);
            prop_assert_eq!(all_saints.weekday(), Weekday::Saturday);
            prop_assert!(date(year, 10, 31) <= all_saints && all_saints <= date(year, 11, 6));
        }

        #[test]
        fn ascension_day_is_a_thursday_and_whitsun_a_sunday(year in 1583i16..=9999) {
            prop_assert_eq!(date_of(year, HolidayKind::AscensionDay).weekday(), Weekday::Thursday);
            prop_assert_eq!(date_of(year, HolidayKind::Whitsun).weekday(), Weekday::Sunday);
        }
    }
}
