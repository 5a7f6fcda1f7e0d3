//! Free time: where a booking of a given length still fits, for the calendar people pick from.
//!
//! Two steps, each pure: [`busy_times`] turns the occupancies the store read into the spans a
//! request for some units of a resource cannot touch (the same rule as [`conflicts`]), and
//! [`free_slots`] cuts those, with the request's own buffers and the booking rules, out of the
//! opening hours.
//!
//! [`conflicts`]: super::clash::conflicts

use super::clash::{Hierarchy, Occupancy};
use super::rules::{earlier, later, on_slot, BookingRules};
use super::zone::helsinki;
use super::Interval;
use jiff::{RoundMode, SignedDuration, Timestamp, Unit, ZonedRound};

/// The spans a request for `units` of `resource_id` (of a pool of `capacity`, 1 for a plain
/// resource) may not overlap with its widened interval, sorted and merged: every occupancy of a
/// whole or a part of the resource, every occupancy of a plain resource itself, and the times a
/// pool holds more than `capacity - units`. Units outside `1..=capacity` make all time busy.
pub fn busy_times(
    resource_id: i64,
    capacity: u32,
    units: u32,
    existing: &[Occupancy],
    hierarchy: &Hierarchy,
) -> Vec<Interval> {
    if units == 0 || units > capacity {
        return Interval::new(Timestamp::MIN, Timestamp::MAX)
            .into_iter()
            .collect();
    }
    let is_pool = capacity > 1;
    let related = existing
        .iter()
        .filter(|o| hierarchy.are_related(o.resource_id, resource_id));
    let (same_pool, outright): (Vec<&Occupancy>, Vec<&Occupancy>) =
        related.partition(|o| is_pool && o.resource_id == resource_id);
    let mut busy: Vec<Interval> = outright.iter().map(|o| o.interval).collect();
    busy.extend(pool_full(&same_pool, capacity - units));
    merge(busy)
}

/// The spans where the pool holds more than `room` units, by a sweep over the starts and ends.
fn pool_full(same_pool: &[&Occupancy], room: u32) -> Vec<Interval> {
    let mut changes: Vec<(Timestamp, i64)> = Vec::new();
    for o in same_pool {
        changes.push((o.interval.start(), i64::from(o.units)));
        changes.push((o.interval.end(), -i64::from(o.units)));
    }
    changes.sort();
    let mut full = Vec::new();
    let mut held: i64 = 0;
    let mut full_since: Option<Timestamp> = None;
    let mut i = 0;
    while i < changes.len() {
        // Apply every change at one instant before judging the load from that instant on.
        let moment = changes[i].0;
        while i < changes.len() && changes[i].0 == moment {
            held += changes[i].1;
            i += 1;
        }
        let over = held > i64::from(room);
        match (full_since, over) {
            (None, true) => full_since = Some(moment),
            (Some(since), false) => {
                full.extend(Interval::new(since, moment));
                full_since = None;
            }
            _ => {}
        }
    }
    full
}

/// The maximal spans inside the opening hours where a booking of `duration` may lie, sorted: a
/// booking of `duration` anywhere inside a span (on the slot grid, if the rules have one)
/// clashes with nothing in `busy` and breaks no rule, and every such booking inside the opening
/// hours lies inside a span.
///
/// - `open`: the opening hours of the days wanted; touching or overlapping spans are joined, so
///   a booking may run from one into the next.
/// - `busy`: [`busy_times`] (or any intervals already widened by their own buffers).
/// - The request's own buffers must fit too: each busy span is pushed out by the request's
///   clean-up time before it and its set-up time after it, so a slot's start is at least the
///   set-up time after the previous occupancy and its end at least the clean-up time before the
///   next. The booking itself lies inside the opening hours; its buffers may reach outside them
///   (set-up before opening, cleaning after closing), as the clash rules allow.
/// - Nothing starts before `now` plus the minimum notice, and nothing starts after `now` plus
///   how far ahead bookings may be made: a span is cut at that horizon plus `duration`.
/// - With a slot grid, span ends are moved inwards onto the grid in Helsinki time.
/// - A `duration` the rules forbid (too short, too long, not a whole number of slots, or not
///   positive) has no free slots.
pub fn free_slots(
    open: &[Interval],
    busy: &[Interval],
    duration: SignedDuration,
    rules: &BookingRules,
    now: Timestamp,
) -> Vec<Interval> {
    if !duration_allowed(duration, rules) {
        return Vec::new();
    }
    let earliest = later(now, rules.min_notice().unwrap_or(SignedDuration::ZERO));
    let end_horizon = rules
        .max_ahead()
        .map(|ahead| later(later(now, ahead), duration));
    let blocked = merge(
        busy.iter()
            .filter_map(|b| {
                Interval::new(
                    earlier(b.start(), rules.buffer_after()),
                    later(b.end(), rules.buffer_before()),
                )
                .ok()
            })
            .collect(),
    );
    let mut slots = Vec::new();
    for gap in subtract(&merge(open.to_vec()), &blocked) {
        let mut start = gap.start().max(earliest);
        let mut end = end_horizon.map_or(gap.end(), |h| gap.end().min(h));
        if let Some(slot) = rules.slot_minutes() {
            start = onto_grid(start, slot, RoundMode::Ceil);
            end = onto_grid(end, slot, RoundMode::Floor);
        }
        if start < end && end.duration_since(start) >= duration {
            slots.extend(Interval::new(start, end));
        }
    }
    slots
}

fn duration_allowed(duration: SignedDuration, rules: &BookingRules) -> bool {
    let positive = duration > SignedDuration::ZERO;
    let long_enough = rules.min_duration().is_none_or(|min| duration >= min);
    let short_enough = rules.max_duration().is_none_or(|max| duration <= max);
    let whole_slots = rules.slot_minutes().is_none_or(|slot| {
        let slot = SignedDuration::from_mins(i64::from(slot));
        duration.as_nanos() % slot.as_nanos() == 0
    });
    positive && long_enough && short_enough && whole_slots
}

/// Sorted spans with those that overlap or touch joined.
fn merge(mut spans: Vec<Interval>) -> Vec<Interval> {
    spans.sort();
    let mut merged: Vec<Interval> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start() <= last.end() => {
                if span.end() > last.end() {
                    if let Ok(joined) = Interval::new(last.start(), span.end()) {
                        *last = joined;
                    }
                }
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// What remains of sorted, merged `from` once sorted, merged `cut` is taken out.
fn subtract(from: &[Interval], cut: &[Interval]) -> Vec<Interval> {
    let mut left = Vec::new();
    for span in from {
        let mut cursor = span.start();
        for c in cut.iter().filter(|c| c.overlaps(span)) {
            left.extend(Interval::new(cursor, c.start()));
            cursor = cursor.max(c.end());
        }
        left.extend(Interval::new(cursor, span.end()));
    }
    left
}

/// The nearest instant on the slot grid at or after (`Ceil`) or at or before (`Floor`) `t`.
/// Rounding is done on Helsinki wall-clock time; on the night the clocks change, a grid time
/// that does not exist is skipped, trying the next one out.
fn onto_grid(t: Timestamp, slot_minutes: u32, mode: RoundMode) -> Timestamp {
    let step = SignedDuration::from_mins(1);
    let mut from = t;
    for _ in 0..4 {
        let Some(candidate) = round_local(from, slot_minutes, mode) else {
            return t;
        };
        let right_side = match mode {
            RoundMode::Floor => candidate <= t,
            _ => candidate >= t,
        };
        if right_side && on_slot(candidate, slot_minutes) {
            return candidate;
        }
        from = match mode {
            RoundMode::Floor => earlier(candidate.min(from), step),
            _ => later(candidate.max(from), step),
        };
    }
    t
}

fn round_local(t: Timestamp, slot_minutes: u32, mode: RoundMode) -> Option<Timestamp> {
    let (unit, increment) = match slot_minutes {
        1440 => (Unit::Day, 1),
        m if m % 60 == 0 => (Unit::Hour, i64::from(m / 60)),
        m => (Unit::Minute, i64::from(m)),
    };
    let rounding = ZonedRound::new()
        .smallest(unit)
        .increment(increment)
        .mode(mode);
    t.to_zoned(helsinki().clone())
        .round(rounding)
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sharing::clash::Occupant;
    use crate::sharing::rules::RuleSettings;
    use jiff::civil::date;

    /// An instant of Helsinki wall-clock time on a day of March 2026 (winter time).
    fn local(day: i8, hour: i8, minute: i8) -> Timestamp {
        date(2026, 3, day)
            .at(hour, minute, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("a Helsinki time")
            .timestamp()
    }

    fn span(a: Timestamp, b: Timestamp) -> Interval {
        Interval::new(a, b).expect("a valid span")
    }

    /// Monday 2 March 2026, 8–16.
    fn monday() -> Interval {
        span(local(2, 8, 0), local(2, 16, 0))
    }

    fn hours(h: i64) -> SignedDuration {
        SignedDuration::from_hours(h)
    }

    fn rules(settings: RuleSettings) -> BookingRules {
        BookingRules::new(settings).expect("valid rules")
    }

    fn long_ago() -> Timestamp {
        local(1, 0, 0)
    }

    #[test]
    fn an_empty_calendar_offers_the_opening_hours_whole() {
        let free = free_slots(
            &[monday()],
            &[],
            hours(2),
            &BookingRules::default(),
            long_ago(),
        );
        assert_eq!(free, [monday()]);
    }

    #[test]
    fn a_booking_leaves_the_free_time_around_it() {
        let busy = [span(local(2, 10, 0), local(2, 12, 0))];
        let free = free_slots(
            &[monday()],
            &busy,
            hours(1),
            &BookingRules::default(),
            long_ago(),
        );
        assert_eq!(
            free,
            [
                span(local(2, 8, 0), local(2, 10, 0)),
                span(local(2, 12, 0), local(2, 16, 0))
            ]
        );
    }

    #[test]
    fn gaps_shorter_than_the_duration_are_not_offered() {
        let busy = [span(local(2, 9, 0), local(2, 12, 0))];
        let free = free_slots(
            &[monday()],
            &busy,
            hours(2),
            &BookingRules::default(),
            long_ago(),
        );
        assert_eq!(free, [span(local(2, 12, 0), local(2, 16, 0))]);
    }

    #[test]
    fn adjoining_opening_hours_make_one_span() {
        let open = [
            span(local(2, 12, 0), local(2, 16, 0)),
            span(local(2, 8, 0), local(2, 12, 0)),
        ];
        let free = free_slots(&open, &[], hours(6), &BookingRules::default(), long_ago());
        assert_eq!(free, [monday()]);
    }

    #[test]
    fn the_requests_own_buffers_keep_it_clear_of_its_neighbours() {
        let r = rules(RuleSettings {
            buffer_before_minutes: 30,
            buffer_after_minutes: 60,
            ..RuleSettings::default()
        });
        let busy = [span(local(2, 11, 0), local(2, 12, 0))];
        // Cleaning until 11 means ending by 10; set-up from 12 means starting at 12:30. The
        // set-up of an 8 o'clock start falls before opening, which is allowed.
        let free = free_slots(&[monday()], &busy, hours(1), &r, long_ago());
        assert_eq!(
            free,
            [
                span(local(2, 8, 0), local(2, 10, 0)),
                span(local(2, 12, 30), local(2, 16, 0))
            ]
        );
    }

    #[test]
    fn nothing_is_offered_before_the_minimum_notice() {
        let r = rules(RuleSettings {
            min_notice_minutes: Some(120),
            ..RuleSettings::default()
        });
        let free = free_slots(&[monday()], &[], hours(1), &r, local(2, 9, 0));
        assert_eq!(free, [span(local(2, 11, 0), local(2, 16, 0))]);
    }

    #[test]
    fn nothing_is_offered_in_the_past() {
        let free = free_slots(
            &[monday()],
            &[],
            hours(1),
            &BookingRules::default(),
            local(2, 15, 30),
        );
        assert_eq!(free, []);
    }

    #[test]
    fn nothing_starts_beyond_how_far_ahead_bookings_may_be_made() {
        let r = rules(RuleSettings {
            max_ahead_minutes: Some(24 * 60 + 60),
            ..RuleSettings::default()
        });
        // Now is Sunday 9:00, so starts up to Monday 10:00 are allowed: a 2-hour booking ends by 12.
        let free = free_slots(&[monday()], &[], hours(2), &r, local(1, 9, 0));
        assert_eq!(free, [span(local(2, 8, 0), local(2, 12, 0))]);
    }

    #[test]
    fn spans_are_moved_onto_the_slot_grid_of_helsinki_time() {
        let r = rules(RuleSettings {
            slot_minutes: Some(30),
            ..RuleSettings::default()
        });
        let busy = [
            span(local(2, 8, 40), local(2, 10, 5)),
            span(local(2, 14, 50), local(2, 16, 0)),
        ];
        // 8:00–8:40 holds only half an hour on the grid; 10:05–14:50 becomes 10:30–14:30.
        let free = free_slots(&[monday()], &busy, hours(1), &r, long_ago());
        assert_eq!(free, [span(local(2, 10, 30), local(2, 14, 30))]);
    }

    #[test]
    fn a_grid_time_lost_when_the_clocks_go_forward_is_skipped() {
        // On 29 March 2026 Helsinki's clocks jump from 3:00 to 4:00, so the 3-hour grid time
        // 3:00 does not exist: the next one is 6:00 and the one before 4:10 is midnight.
        let night = |hour: i8, minute: i8| {
            date(2026, 3, 29)
                .at(hour, minute, 0, 0)
                .to_zoned(helsinki().clone())
                .expect("a Helsinki time")
                .timestamp()
        };
        assert_eq!(onto_grid(night(2, 30), 180, RoundMode::Ceil), night(6, 0));
        assert_eq!(onto_grid(night(4, 10), 180, RoundMode::Floor), night(0, 0));
        assert_eq!(onto_grid(night(4, 10), 30, RoundMode::Ceil), night(4, 30));
        assert_eq!(onto_grid(night(6, 0), 180, RoundMode::Floor), night(6, 0));
    }

    #[test]
    fn a_duration_the_rules_forbid_has_no_free_slots() {
        let r = rules(RuleSettings {
            slot_minutes: Some(30),
            min_duration_minutes: Some(60),
            max_duration_minutes: Some(180),
            ..RuleSettings::default()
        });
        for minutes in [0, 30, 75, 240] {
            let d = SignedDuration::from_mins(minutes);
            assert_eq!(
                free_slots(&[monday()], &[], d, &r, long_ago()),
                [],
                "{minutes}"
            );
        }
    }

    fn laptops(id: i64, a: Timestamp, b: Timestamp, units: u32) -> Occupancy {
        Occupancy {
            occupant: Occupant::Booking(id),
            resource_id: 10,
            interval: span(a, b),
            units,
        }
    }

    #[test]
    fn a_pool_is_busy_only_where_the_asked_units_do_not_fit() {
        let existing = [
            laptops(1, local(2, 8, 0), local(2, 12, 0), 8),
            laptops(2, local(2, 10, 0), local(2, 14, 0), 3),
        ];
        let h = Hierarchy::new();
        // 11 of 12 out from 10 to 12: one more fits, two do not.
        assert_eq!(busy_times(10, 12, 1, &existing, &h), []);
        assert_eq!(
            busy_times(10, 12, 2, &existing, &h),
            [span(local(2, 10, 0), local(2, 12, 0))]
        );
        assert_eq!(
            busy_times(10, 12, 5, &existing, &h),
            [span(local(2, 8, 0), local(2, 12, 0))]
        );
        assert_eq!(
            busy_times(10, 12, 13, &existing, &h),
            [span(Timestamp::MIN, Timestamp::MAX)]
        );
    }

    #[test]
    fn a_whole_and_its_parts_are_busy_for_each_other() {
        let h = Hierarchy::from_links([(2, 1), (3, 1)]).expect("no cycle");
        let booth = Occupancy {
            occupant: Occupant::Booking(1),
            resource_id: 2,
            interval: span(local(2, 9, 0), local(2, 10, 0)),
            units: 1,
        };
        assert_eq!(busy_times(1, 1, 1, &[booth], &h), [booth.interval]);
        assert_eq!(busy_times(3, 1, 1, &[booth], &h), []);
    }
}

/// What is offered can be booked, and what can be booked is offered: [`free_slots`] over
/// [`busy_times`] agrees with [`conflicts`] and [`BookingRules::check`] on a grid of hours.
///
/// [`conflicts`]: super::clash::conflicts
#[cfg(test)]
mod properties {
    use super::*;
    use crate::sharing::clash::{conflicts, Occupant, Request};
    use crate::sharing::rules::RuleSettings;
    use proptest::prelude::*;

    const HOURS: i64 = 24;
    const POOL: i64 = 3;

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + hour * 3600).expect("a valid instant")
    }

    fn hierarchy() -> Hierarchy {
        // 1 a hall, 2 a booth of it, 3 a pool of three in the booth.
        Hierarchy::from_links([(2, 1), (3, 2)]).expect("no cycle")
    }

    fn capacity(resource: i64) -> u32 {
        if resource == POOL {
            3
        } else {
            1
        }
    }

    fn occupancy() -> impl Strategy<Value = (i64, i64, i64, u32)> {
        (1..=3i64, 0..HOURS - 1, 1..=4i64, 1..=2u32)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn every_offered_start_is_bookable_and_every_bookable_start_is_offered(
            raw in proptest::collection::vec(occupancy(), 0..12),
            open_hours in proptest::collection::vec((0..HOURS - 1, 1..=8i64), 1..4),
            resource in 1..=3i64,
            units in 1..=3u32,
            length in 1..=4i64,
            before in 0..=2i64,
            after in 0..=2i64,
            now_hour in 0..6i64,
        ) {
            let existing: Vec<Occupancy> = (1..)
                .zip(&raw)
                .map(|(id, &(r, s, l, u))| Occupancy {
                    occupant: Occupant::Booking(id),
                    resource_id: r,
                    interval: Interval::new(at(s), at((s + l).min(HOURS))).expect("a span"),
                    units: u,
                })
                .collect();
            let open: Vec<Interval> = open_hours
                .iter()
                .map(|&(s, l)| Interval::new(at(s), at((s + l).min(HOURS))).expect("a span"))
                .collect();
            let rules = BookingRules::new(RuleSettings {
                buffer_before_minutes: before * 60,
                buffer_after_minutes: after * 60,
                ..RuleSettings::default()
            })
            .expect("valid rules");
            let now = at(now_hour);
            let duration = SignedDuration::from_hours(length);
            let h = hierarchy();
            let cap = capacity(resource);
            let busy = busy_times(resource, cap, units, &existing, &h);
            let free = free_slots(&open, &busy, duration, &rules, now);

            for start in 0..HOURS {
                let booking = Interval::new(at(start), at(start + length)).expect("a span");
                let request = Request { resource_id: resource, interval: rules.occupied(&booking), units };
                // Opening hours that touch are joined, so a booking may run from one into the next.
                let inside_open = (start..start + length).all(|h| {
                    let hour = Interval::new(at(h), at(h + 1)).expect("an hour");
                    open.iter().any(|o| o.contains(&hour))
                });
                let bookable = conflicts(&request, cap, &existing, &h).is_ok()
                    && rules.check(&booking, now).is_empty();
                let offered = free.iter().any(|f| f.contains(&booking));
                if offered {
                    prop_assert!(bookable, "offered but not bookable: {}", start);
                }
                if bookable && inside_open {
                    prop_assert!(offered, "bookable but not offered: {}", start);
                }
            }
        }
    }
}
