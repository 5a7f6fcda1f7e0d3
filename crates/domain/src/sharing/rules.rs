//! The booking rules an owner sets for a resource, and the check of one booking against them.
//!
//! A rule left out sets no limit. Durations are whole minutes as the owner types them; the
//! checks work on instants, except the slot grid, which is Finnish wall-clock time: a 30-minute
//! slot means bookings start and end at :00 or :30 in Helsinki, summer and winter alike.

use super::resource::{Approval, BookerKind, BookingStatus, Eligibility};
use super::zone::helsinki;
use super::Interval;
use crate::network::organisation::FieldErrors;
use crate::text::Invalid;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The longest duration any rule may name (two years), so that a stray digit is caught and
/// instants computed from the rules stay far from the end of time.
pub const MAX_MINUTES: i64 = 2 * 366 * 24 * 60;

/// The rules as an owner sets them, every duration in minutes; `None` means no limit. This is
/// the shape forms, JSON and the database hold; [`BookingRules::new`] validates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleSettings {
    /// Bookings start and end on this grid of Helsinki wall-clock time.
    pub slot_minutes: Option<i64>,
    pub min_duration_minutes: Option<i64>,
    pub max_duration_minutes: Option<i64>,
    /// How long before its start a booking must be made at the latest.
    pub min_notice_minutes: Option<i64>,
    /// How far from now a booking may start at the most.
    pub max_ahead_minutes: Option<i64>,
    /// Set-up time the resource is held before each booking.
    pub buffer_before_minutes: i64,
    /// Cleaning or cool-down time the resource is held after each booking.
    pub buffer_after_minutes: i64,
    pub approval: Approval,
    pub eligibility: Eligibility,
    /// Cancelling is free until this many hours before the start.
    pub cancellation_free_hours: Option<i64>,
}

/// The cautious defaults of a new resource: no limits, no buffers, the owner approves, and only
/// the owner's own institution may book until the owner opens it up.
impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            slot_minutes: None,
            min_duration_minutes: None,
            max_duration_minutes: None,
            min_notice_minutes: None,
            max_ahead_minutes: None,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            approval: Approval::Owner,
            eligibility: Eligibility::OwnInstitution,
            cancellation_free_hours: None,
        }
    }
}

/// Validated booking rules of one resource; the default is [`RuleSettings::default`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BookingRules {
    settings: RuleSettings,
}

/// Why one booking does not meet the rules. Each carries the limit it broke, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "breach", rename_all = "snake_case")]
pub enum RuleBreach {
    InThePast,
    TooShort { min: SignedDuration },
    TooLong { max: SignedDuration },
    TooSoon { min_notice: SignedDuration },
    TooFarAhead { max_ahead: SignedDuration },
    NotOnSlot { slot_minutes: u32 },
}

impl RuleBreach {
    /// The message-catalogue key; the limit is the message's argument.
    pub fn message_key(&self) -> &'static str {
        match self {
            RuleBreach::InThePast => "booking-in-the-past",
            RuleBreach::TooShort { .. } => "booking-too-short",
            RuleBreach::TooLong { .. } => "booking-too-long",
            RuleBreach::TooSoon { .. } => "booking-too-soon",
            RuleBreach::TooFarAhead { .. } => "booking-too-far-ahead",
            RuleBreach::NotOnSlot { .. } => "booking-not-on-slot",
        }
    }

    /// The broken limit in whole minutes, for messages ("at least {minutes} min").
    pub fn limit_minutes(&self) -> Option<i64> {
        match self {
            RuleBreach::InThePast => None,
            RuleBreach::TooShort { min: d }
            | RuleBreach::TooLong { max: d }
            | RuleBreach::TooSoon { min_notice: d }
            | RuleBreach::TooFarAhead { max_ahead: d } => Some(d.as_mins()),
            RuleBreach::NotOnSlot { slot_minutes } => Some(i64::from(*slot_minutes)),
        }
    }
}

impl BookingRules {
    /// Checks every setting and reports every problem at once, by field name: negative
    /// durations, zero where it would make the resource unbookable (slot, maximum duration,
    /// how far ahead), a slot that does not tile the day, a minimum above the maximum, a notice
    /// longer than the booking horizon, and durations that cannot fall on the slot grid.
    pub fn new(settings: RuleSettings) -> Result<BookingRules, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut field = |name: &'static str, result: Result<(), Invalid>| {
            if let Err(e) = result {
                errors.insert(name, e.key);
            }
        };
        let s = &settings;
        field("slot_minutes", optional(s.slot_minutes, slot));
        field(
            "min_duration_minutes",
            optional(s.min_duration_minutes, zero_or_more),
        );
        field(
            "max_duration_minutes",
            optional(s.max_duration_minutes, more_than_zero),
        );
        field(
            "min_notice_minutes",
            optional(s.min_notice_minutes, zero_or_more),
        );
        field(
            "max_ahead_minutes",
            optional(s.max_ahead_minutes, more_than_zero),
        );
        field(
            "buffer_before_minutes",
            zero_or_more(s.buffer_before_minutes),
        );
        field("buffer_after_minutes", zero_or_more(s.buffer_after_minutes));
        field(
            "cancellation_free_hours",
            optional(s.cancellation_free_hours, |h| {
                zero_or_more(h.saturating_mul(60))
            }),
        );
        if errors.is_empty() {
            check_together(s, &mut errors);
        }
        if errors.is_empty() {
            Ok(BookingRules { settings })
        } else {
            Err(errors)
        }
    }

    /// The settings as given, for storing and for filling a form.
    pub fn settings(&self) -> RuleSettings {
        self.settings
    }

    pub fn slot_minutes(&self) -> Option<u32> {
        self.settings
            .slot_minutes
            .and_then(|m| u32::try_from(m).ok())
    }

    pub fn min_duration(&self) -> Option<SignedDuration> {
        self.settings.min_duration_minutes.map(minutes)
    }

    pub fn max_duration(&self) -> Option<SignedDuration> {
        self.settings.max_duration_minutes.map(minutes)
    }

    pub fn min_notice(&self) -> Option<SignedDuration> {
        self.settings.min_notice_minutes.map(minutes)
    }

    pub fn max_ahead(&self) -> Option<SignedDuration> {
        self.settings.max_ahead_minutes.map(minutes)
    }

    pub fn buffer_before(&self) -> SignedDuration {
        minutes(self.settings.buffer_before_minutes)
    }

    pub fn buffer_after(&self) -> SignedDuration {
        minutes(self.settings.buffer_after_minutes)
    }

    pub fn approval(&self) -> Approval {
        self.settings.approval
    }

    pub fn eligibility(&self) -> Eligibility {
        self.settings.eligibility
    }

    pub fn cancellation_free_hours(&self) -> Option<u32> {
        self.settings
            .cancellation_free_hours
            .and_then(|h| u32::try_from(h).ok())
    }

    /// Whether a booker of this kind may book the resource at all.
    pub fn admits(&self, booker: BookerKind) -> bool {
        self.settings.eligibility.admits(booker)
    }

    /// The status a new booking starts in: confirmed at once, or requested for the owner.
    pub fn initial_status(&self) -> BookingStatus {
        BookingStatus::initial(self.settings.approval)
    }

    /// The span a booking holds the resource for: the booking with its set-up before and its
    /// cleaning after. This is the interval the clash rules compare.
    pub fn occupied(&self, booking: &Interval) -> Interval {
        booking.widened(self.buffer_before(), self.buffer_after())
    }

    /// Every rule the booking breaks, empty when it may be made `now`. A booking in the past
    /// reports only that, not also its missing notice. How far ahead is judged by the start:
    /// a booking may begin up to `max_ahead` from now, however long it then lasts.
    pub fn check(&self, booking: &Interval, now: Timestamp) -> Vec<RuleBreach> {
        let mut breaches = Vec::new();
        let duration = booking.duration();
        if booking.start() < now {
            breaches.push(RuleBreach::InThePast);
        } else if let Some(min_notice) = self.min_notice() {
            if booking.start() < later(now, min_notice) {
                breaches.push(RuleBreach::TooSoon { min_notice });
            }
        }
        if let Some(max_ahead) = self.max_ahead() {
            if booking.start() > later(now, max_ahead) {
                breaches.push(RuleBreach::TooFarAhead { max_ahead });
            }
        }
        if let Some(min) = self.min_duration() {
            if duration < min {
                breaches.push(RuleBreach::TooShort { min });
            }
        }
        if let Some(max) = self.max_duration() {
            if duration > max {
                breaches.push(RuleBreach::TooLong { max });
            }
        }
        if let Some(slot_minutes) = self.slot_minutes() {
            if !on_slot(booking.start(), slot_minutes) || !on_slot(booking.end(), slot_minutes) {
                breaches.push(RuleBreach::NotOnSlot { slot_minutes });
            }
        }
        breaches
    }

    /// Whether cancelling now costs nothing: always when no term is set, otherwise until
    /// `cancellation_free_hours` before the start, that very instant included.
    pub fn cancellation_is_free(&self, booking_start: Timestamp, now: Timestamp) -> bool {
        match self.settings.cancellation_free_hours {
            None => true,
            Some(hours) => later(now, SignedDuration::from_hours(hours)) <= booking_start,
        }
    }
}

/// Whether an instant lies on the slot grid of Helsinki wall-clock time: whole minutes, and the
/// minutes since local midnight a multiple of the slot.
pub fn on_slot(t: Timestamp, slot_minutes: u32) -> bool {
    if slot_minutes == 0 {
        return true;
    }
    let local = t.to_zoned(helsinki().clone());
    let minute_of_day = i32::from(local.hour()) * 60 + i32::from(local.minute());
    local.second() == 0
        && local.subsec_nanosecond() == 0
        && minute_of_day % i32::try_from(slot_minutes).unwrap_or(i32::MAX) == 0
}

/// `t + d`, held at the ends of time instead of overflowing.
pub(crate) fn later(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.saturating_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// `t - d`, held at the ends of time instead of overflowing.
pub(crate) fn earlier(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.saturating_sub(d).unwrap_or(if d.is_negative() {
        Timestamp::MAX
    } else {
        Timestamp::MIN
    })
}

fn minutes(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn optional(value: Option<i64>, rule: impl Fn(i64) -> Result<(), Invalid>) -> Result<(), Invalid> {
    value.map_or(Ok(()), rule)
}

fn zero_or_more(m: i64) -> Result<(), Invalid> {
    if m < 0 {
        Err(Invalid::new("error-negative"))
    } else if m > MAX_MINUTES {
        Err(Invalid::new("error-too-large"))
    } else {
        Ok(())
    }
}

fn more_than_zero(m: i64) -> Result<(), Invalid> {
    if m == 0 {
        Err(Invalid::new("error-zero"))
    } else {
        zero_or_more(m)
    }
}

/// A slot must tile the day so that the grid is the same every day: a divisor of an hour
/// (5, 10, 15, 20, 30, 60 minutes …) or a whole number of hours dividing 24 (2 h, 4 h, 8 h, a day).
fn slot(m: i64) -> Result<(), Invalid> {
    let tiles_an_hour = m > 0 && 60 % m == 0;
    let tiles_a_day = m > 0 && m % 60 == 0 && (24 * 60) % m == 0;
    if tiles_an_hour || tiles_a_day {
        Ok(())
    } else {
        Err(Invalid::new("error-slot-minutes"))
    }
}

/// The rules that concern two settings at once; run only when each is valid alone.
fn check_together(s: &RuleSettings, errors: &mut FieldErrors) {
    if let (Some(min), Some(max)) = (s.min_duration_minutes, s.max_duration_minutes) {
        if min > max {
            errors.insert("max_duration_minutes", "error-min-above-max");
        }
    }
    if let (Some(notice), Some(ahead)) = (s.min_notice_minutes, s.max_ahead_minutes) {
        if notice > ahead {
            errors.insert("max_ahead_minutes", "error-notice-beyond-horizon");
        }
    }
    if let Some(slot) = s.slot_minutes {
        for (name, value) in [
            ("min_duration_minutes", s.min_duration_minutes),
            ("max_duration_minutes", s.max_duration_minutes),
        ] {
            if value.is_some_and(|m| m % slot != 0) {
                errors.insert(name, "error-duration-off-slot");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// An instant of Helsinki wall-clock time in 2026.
    fn local(month: i8, day: i8, hour: i8, minute: i8) -> Timestamp {
        date(2026, month, day)
            .at(hour, minute, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("a Helsinki time")
            .timestamp()
    }

    fn span(a: Timestamp, b: Timestamp) -> Interval {
        Interval::new(a, b).expect("a valid span")
    }

    fn rules(settings: RuleSettings) -> BookingRules {
        BookingRules::new(settings).expect("valid rules")
    }

    #[test]
    fn rules_left_out_set_no_limit() {
        let r = BookingRules::default();
        let now = local(3, 2, 12, 0);
        let odd = span(local(3, 2, 12, 7), local(12, 1, 0, 0));
        assert_eq!(r.check(&odd, now), []);
        assert!(r.cancellation_is_free(local(3, 2, 12, 7), now));
    }

    #[test]
    fn negative_and_senseless_zero_settings_are_refused_field_by_field() {
        let errors = BookingRules::new(RuleSettings {
            slot_minutes: Some(0),
            max_duration_minutes: Some(0),
            max_ahead_minutes: Some(0),
            min_notice_minutes: Some(-1),
            buffer_after_minutes: -15,
            cancellation_free_hours: Some(-24),
            ..RuleSettings::default()
        })
        .expect_err("invalid");
        assert_eq!(errors.get("slot_minutes"), Some(&"error-slot-minutes"));
        assert_eq!(errors.get("max_duration_minutes"), Some(&"error-zero"));
        assert_eq!(errors.get("max_ahead_minutes"), Some(&"error-zero"));
        assert_eq!(errors.get("min_notice_minutes"), Some(&"error-negative"));
        assert_eq!(errors.get("buffer_after_minutes"), Some(&"error-negative"));
        assert_eq!(
            errors.get("cancellation_free_hours"),
            Some(&"error-negative")
        );
    }

    #[test]
    fn zero_is_accepted_where_it_means_none() {
        let r = rules(RuleSettings {
            min_duration_minutes: Some(0),
            min_notice_minutes: Some(0),
            cancellation_free_hours: Some(0),
            ..RuleSettings::default()
        });
        assert_eq!(r.min_notice(), Some(SignedDuration::ZERO));
    }

    #[test]
    fn a_minimum_above_the_maximum_is_refused() {
        let errors = BookingRules::new(RuleSettings {
            min_duration_minutes: Some(120),
            max_duration_minutes: Some(60),
            ..RuleSettings::default()
        })
        .expect_err("invalid");
        assert_eq!(
            errors.get("max_duration_minutes"),
            Some(&"error-min-above-max")
        );
    }

    #[test]
    fn a_notice_longer_than_the_horizon_is_refused() {
        let errors = BookingRules::new(RuleSettings {
            min_notice_minutes: Some(3 * 24 * 60),
            max_ahead_minutes: Some(24 * 60),
            ..RuleSettings::default()
        })
        .expect_err("invalid");
        assert_eq!(
            errors.get("max_ahead_minutes"),
            Some(&"error-notice-beyond-horizon")
        );
    }

    #[test]
    fn a_slot_must_tile_the_day_and_durations_must_fall_on_it() {
        for ok in [5, 15, 30, 60, 120, 240, 480, 1440] {
            assert!(BookingRules::new(RuleSettings {
                slot_minutes: Some(ok),
                ..RuleSettings::default()
            })
            .is_ok());
        }
        for bad in [7, 45, 90, 300, 2880] {
            assert!(BookingRules::new(RuleSettings {
                slot_minutes: Some(bad),
                ..RuleSettings::default()
            })
            .is_err());
        }
        let errors = BookingRules::new(RuleSettings {
            slot_minutes: Some(30),
            min_duration_minutes: Some(45),
            ..RuleSettings::default()
        })
        .expect_err("invalid");
        assert_eq!(
            errors.get("min_duration_minutes"),
            Some(&"error-duration-off-slot")
        );
    }

    #[test]
    fn settings_beyond_two_years_are_refused_as_too_large() {
        let errors = BookingRules::new(RuleSettings {
            max_ahead_minutes: Some(MAX_MINUTES + 1),
            ..RuleSettings::default()
        })
        .expect_err("invalid");
        assert_eq!(errors.get("max_ahead_minutes"), Some(&"error-too-large"));
    }

    #[test]
    fn a_booking_that_has_begun_is_in_the_past_and_nothing_else() {
        let r = rules(RuleSettings {
            min_notice_minutes: Some(24 * 60),
            ..RuleSettings::default()
        });
        let now = local(3, 2, 12, 0);
        let b = span(local(3, 2, 11, 0), local(3, 2, 13, 0));
        assert_eq!(r.check(&b, now), [RuleBreach::InThePast]);
    }

    #[test]
    fn bookings_too_short_too_long_too_soon_and_too_far_ahead_are_named() {
        let r = rules(RuleSettings {
            min_duration_minutes: Some(60),
            max_duration_minutes: Some(240),
            min_notice_minutes: Some(24 * 60),
            max_ahead_minutes: Some(30 * 24 * 60),
            ..RuleSettings::default()
        });
        let now = local(3, 2, 12, 0);
        let short_and_soon = span(local(3, 2, 14, 0), local(3, 2, 14, 30));
        assert_eq!(
            r.check(&short_and_soon, now),
            [
                RuleBreach::TooSoon {
                    min_notice: SignedDuration::from_hours(24)
                },
                RuleBreach::TooShort {
                    min: SignedDuration::from_hours(1)
                },
            ]
        );
        let long_and_far = span(local(5, 4, 8, 0), local(5, 4, 16, 0));
        assert_eq!(
            r.check(&long_and_far, now),
            [
                RuleBreach::TooFarAhead {
                    max_ahead: SignedDuration::from_hours(30 * 24)
                },
                RuleBreach::TooLong {
                    max: SignedDuration::from_hours(4)
                },
            ]
        );
        let fine = span(local(3, 10, 8, 0), local(3, 10, 12, 0));
        assert_eq!(r.check(&fine, now), []);
    }

    #[test]
    fn limits_are_inclusive() {
        let r = rules(RuleSettings {
            min_duration_minutes: Some(60),
            max_duration_minutes: Some(60),
            min_notice_minutes: Some(60),
            max_ahead_minutes: Some(120),
            ..RuleSettings::default()
        });
        let now = local(3, 2, 12, 0);
        assert_eq!(
            r.check(&span(local(3, 2, 13, 0), local(3, 2, 14, 0)), now),
            []
        );
        assert_eq!(
            r.check(&span(local(3, 2, 14, 0), local(3, 2, 15, 0)), now),
            []
        );
    }

    #[test]
    fn a_thirty_minute_slot_means_the_half_and_full_hours_of_helsinki_time() {
        let r = rules(RuleSettings {
            slot_minutes: Some(30),
            ..RuleSettings::default()
        });
        let now = local(1, 1, 0, 0);
        // Winter (UTC+2) and summer (UTC+3) alike.
        assert_eq!(
            r.check(&span(local(1, 15, 8, 30), local(1, 15, 10, 0)), now),
            []
        );
        assert_eq!(
            r.check(&span(local(7, 15, 8, 30), local(7, 15, 10, 0)), now),
            []
        );
        assert_eq!(
            r.check(&span(local(7, 15, 8, 15), local(7, 15, 10, 0)), now),
            [RuleBreach::NotOnSlot { slot_minutes: 30 }]
        );
        assert_eq!(
            r.check(&span(local(7, 15, 8, 0), local(7, 15, 9, 59)), now),
            [RuleBreach::NotOnSlot { slot_minutes: 30 }]
        );
    }

    #[test]
    fn an_hour_long_slot_grid_is_counted_from_local_midnight() {
        // 4-hour slots: 00, 04, 08, 12, 16, 20 Helsinki time, whatever the UTC offset.
        assert!(on_slot(local(7, 15, 8, 0), 240));
        assert!(on_slot(local(1, 15, 16, 0), 240));
        assert!(!on_slot(local(7, 15, 10, 0), 240));
        assert!(!on_slot(
            local(7, 15, 8, 0) + SignedDuration::from_secs(1),
            240
        ));
    }

    #[test]
    fn cancelling_is_free_until_the_term_and_not_after() {
        let r = rules(RuleSettings {
            cancellation_free_hours: Some(48),
            ..RuleSettings::default()
        });
        let start = local(3, 10, 8, 0);
        assert!(r.cancellation_is_free(start, local(3, 8, 8, 0)));
        assert!(!r.cancellation_is_free(start, local(3, 8, 8, 1)));
    }

    #[test]
    fn a_booking_occupies_its_buffers_too() {
        let r = rules(RuleSettings {
            buffer_before_minutes: 30,
            buffer_after_minutes: 15,
            ..RuleSettings::default()
        });
        let b = span(local(3, 10, 8, 0), local(3, 10, 12, 0));
        assert_eq!(
            r.occupied(&b),
            span(local(3, 10, 7, 30), local(3, 10, 12, 15))
        );
    }

    #[test]
    fn settings_round_trip_through_the_rules() {
        let s = RuleSettings {
            slot_minutes: Some(15),
            max_ahead_minutes: Some(90 * 24 * 60),
            approval: Approval::Automatic,
            eligibility: Eligibility::RegisteredPartners,
            ..RuleSettings::default()
        };
        assert_eq!(rules(s).settings(), s);
        assert!(rules(s).admits(BookerKind::Company));
        assert_eq!(rules(s).initial_status(), BookingStatus::Confirmed);
    }
}
