//! The clash rules: whether a booking may take its time. The store runs them inside the write
//! transaction that inserts the booking, on the occupancies it has just read, so that the
//! guarantee holds under concurrent requests; the tests run them on their own.
//!
//! The guarantee: two occupying bookings (or blocks) of one resource, or of a resource and its
//! parts at any depth, never overlap; a pool of identical units is never booked beyond its
//! size at any instant. Buffers are part of what a booking occupies: every interval here is
//! already widened by its resource's set-up and cleaning time.

use super::Interval;
use crate::text::Invalid;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// What holds time in a calendar: a booking, or an owner's block (maintenance, own use). Kept
/// apart so that ids from two tables cannot be confused and a refusal can say which it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Occupant {
    Booking(i64),
    Block(i64),
}

/// Time held on a resource by a requested or confirmed booking, or by a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupancy {
    pub occupant: Occupant,
    pub resource_id: i64,
    /// The booking widened by its buffers.
    pub interval: Interval,
    /// Units of a pool held; 1 for a plain resource (and ignored there). A block of a pool
    /// should hold all its units.
    pub units: u32,
}

/// A booking asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub resource_id: i64,
    /// The booking widened by the resource's buffers ([`super::rules::BookingRules::occupied`]).
    pub interval: Interval,
    pub units: u32,
}

/// Why a request cannot be booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "clash", rename_all = "snake_case")]
pub enum Clash {
    /// Fewer than one unit, or more than the resource has at all: no time would do.
    Units { requested: u32, capacity: u32 },
    /// The bookings and blocks in the way, each named once, in order.
    With { occupants: Vec<Occupant> },
}

impl Clash {
    pub fn message_key(&self) -> &'static str {
        match self {
            Clash::Units { .. } => "booking-units-out-of-range",
            Clash::With { .. } => "booking-clashes",
        }
    }

    /// The bookings and blocks in the way; none for a refusal by units.
    pub fn occupants(&self) -> &[Occupant] {
        match self {
            Clash::Units { .. } => &[],
            Clash::With { occupants } => occupants,
        }
    }
}

/// Which resource is part of which: a welding hall and its booths, a booth and its bench. Each
/// resource is part of at most one whole, and never of itself, however far down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hierarchy {
    /// part → the whole it is directly part of.
    part_of: HashMap<i64, i64>,
}

impl Hierarchy {
    pub fn new() -> Hierarchy {
        Hierarchy::default()
    }

    /// The hierarchy from `(part, whole)` links as stored; a link that would close a cycle is
    /// refused with `error-part-of-cycle`, a part listed under two wholes with
    /// `error-part-of-two-wholes`.
    pub fn from_links(links: impl IntoIterator<Item = (i64, i64)>) -> Result<Hierarchy, Invalid> {
        let mut hierarchy = Hierarchy::new();
        for (part, whole) in links {
            if hierarchy.whole_of(part).is_some_and(|w| w != whole) {
                return Err(Invalid::new("error-part-of-two-wholes"));
            }
            hierarchy.set_part_of(part, whole)?;
        }
        Ok(hierarchy)
    }

    /// The whole a resource is directly part of.
    pub fn whole_of(&self, part: i64) -> Option<i64> {
        self.part_of.get(&part).copied()
    }

    /// Whether `part` may be made part of `whole`: not of itself, and not of anything that is
    /// already part of it, which would make it part of itself.
    pub fn check_part_of(&self, part: i64, whole: i64) -> Result<(), Invalid> {
        if part == whole || self.is_above(part, whole) {
            return Err(Invalid::new("error-part-of-cycle"));
        }
        Ok(())
    }

    /// Makes `part` part of `whole`, replacing the whole it had.
    pub fn set_part_of(&mut self, part: i64, whole: i64) -> Result<(), Invalid> {
        self.check_part_of(part, whole)?;
        self.part_of.insert(part, whole);
        Ok(())
    }

    /// Makes `part` a resource of its own again; its own parts stay with it.
    pub fn detach(&mut self, part: i64) {
        self.part_of.remove(&part);
    }

    /// The wholes a resource is part of, nearest first.
    pub fn ancestors(&self, id: i64) -> Vec<i64> {
        let mut line = Vec::new();
        let mut current = id;
        while let Some(whole) = self.whole_of(current) {
            // A cycle cannot be built through this type; the bound keeps a bug from hanging.
            if line.len() > self.part_of.len() {
                break;
            }
            line.push(whole);
            current = whole;
        }
        line
    }

    /// The parts of a resource at every depth, in no particular order.
    pub fn descendants(&self, id: i64) -> Vec<i64> {
        let mut parts_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (&part, &whole) in &self.part_of {
            parts_of.entry(whole).or_default().push(part);
        }
        let mut found = Vec::new();
        let mut seen = BTreeSet::from([id]);
        let mut queue = vec![id];
        while let Some(whole) = queue.pop() {
            for &part in parts_of.get(&whole).into_iter().flatten() {
                if seen.insert(part) {
                    found.push(part);
                    queue.push(part);
                }
            }
        }
        found
    }

    /// The resources whose bookings block this one's, ascending: itself, every whole above it
    /// and every part below it. Not its siblings: two booths of one hall are booked apart.
    pub fn related(&self, id: i64) -> Vec<i64> {
        let mut all: BTreeSet<i64> = BTreeSet::from([id]);
        all.extend(self.ancestors(id));
        all.extend(self.descendants(id));
        all.into_iter().collect()
    }

    /// Whether bookings of `a` and `b` block each other: the same resource, or one part of the
    /// other at any depth.
    pub fn are_related(&self, a: i64, b: i64) -> bool {
        a == b || self.is_above(a, b) || self.is_above(b, a)
    }

    /// Whether `upper` is a whole `lower` is part of, at any depth.
    fn is_above(&self, upper: i64, lower: i64) -> bool {
        self.ancestors(lower).contains(&upper)
    }
}

/// Whether the request may be booked beside the existing occupancies; if not, everything in the
/// way.
///
/// `capacity` is the size of the requested resource's pool, 1 for a plain resource.
/// `existing` may hold occupancies of any resources and times; those of unrelated resources or
/// not overlapping the request are ignored. When a booking is moved, leave its own occupancy
/// out of `existing`.
///
/// - Units outside `1..=capacity` are refused as such, whatever the calendar holds.
/// - Any overlapping occupancy of a whole or a part of the requested resource is in the way,
///   whatever its units: a pool's hall or a hall's pool is taken as a whole.
/// - On a plain resource any overlapping occupancy of the resource itself is in the way.
/// - On a pool, its own occupancies are counted: the request clashes when, at some instant it
///   covers, the units already held plus those asked exceed the pool. The occupancies named are
///   those present at any such instant: all that fill the pool where it would overflow, not
///   those merely overlapping the request at moments with room to spare.
pub fn conflicts(
    request: &Request,
    capacity: u32,
    existing: &[Occupancy],
    hierarchy: &Hierarchy,
) -> Result<(), Clash> {
    if request.units == 0 || request.units > capacity {
        return Err(Clash::Units {
            requested: request.units,
            capacity,
        });
    }
    let overlapping = existing.iter().filter(|o| {
        o.interval.overlaps(&request.interval)
            && hierarchy.are_related(o.resource_id, request.resource_id)
    });
    let is_pool = capacity > 1;
    let (same_pool, outright): (Vec<&Occupancy>, Vec<&Occupancy>) =
        overlapping.partition(|o| is_pool && o.resource_id == request.resource_id);
    let mut in_the_way: BTreeSet<Occupant> = outright.iter().map(|o| o.occupant).collect();
    in_the_way.extend(overflowing(request, capacity, &same_pool));
    if in_the_way.is_empty() {
        Ok(())
    } else {
        Err(Clash::With {
            occupants: in_the_way.into_iter().collect(),
        })
    }
}

/// The pool's own occupancies present at some instant of the request where they and the request
/// together exceed the pool. The request's span is cut at every start and end of those
/// occupancies; on each piece the held units are constant, so each piece is judged once.
fn overflowing(request: &Request, capacity: u32, same_pool: &[&Occupancy]) -> Vec<Occupant> {
    let span = request.interval;
    let mut cuts: Vec<Timestamp> = vec![span.start(), span.end()];
    for o in same_pool {
        cuts.extend(
            [o.interval.start(), o.interval.end()]
                .into_iter()
                .filter(|t| span.start() < *t && *t < span.end()),
        );
    }
    cuts.sort();
    cuts.dedup();
    let mut found = Vec::new();
    for piece in cuts.windows(2) {
        let moment = piece[0];
        let present: Vec<&&Occupancy> = same_pool
            .iter()
            .filter(|o| o.interval.start() <= moment && moment < o.interval.end())
            .collect();
        let held: u64 = present.iter().map(|o| u64::from(o.units)).sum();
        if held + u64::from(request.units) > u64::from(capacity) {
            found.extend(present.iter().map(|o| o.occupant));
        }
    }
    found
}

/// The most units the occupancies hold at any one instant: what a resource must keep at least
/// for them all to fit. Touching occupancies (one ends as the next starts) do not add up.
pub fn most_units_at_once(occupancies: &[Occupancy]) -> u64 {
    // At an instant where one ends and another starts, the end is counted first.
    let mut changes: Vec<(Timestamp, i64)> = occupancies
        .iter()
        .flat_map(|o| {
            let units = i64::from(o.units);
            [(o.interval.start(), units), (o.interval.end(), -units)]
        })
        .collect();
    changes.sort();
    let mut held: i64 = 0;
    let mut most: i64 = 0;
    for (_, change) in changes {
        held += change;
        most = most.max(held);
    }
    u64::try_from(most).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    const HALL: i64 = 1;
    const BOOTH_A: i64 = 2;
    const BOOTH_B: i64 = 3;
    const BENCH_OF_A: i64 = 4;
    const LAPTOPS: i64 = 10;
    const LATHE: i64 = 20;

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + hour * 3600).expect("a valid instant")
    }

    fn span(a: i64, b: i64) -> Interval {
        Interval::new(at(a), at(b)).expect("a valid span")
    }

    /// The welding hall with two booths, a bench in booth A; a laptop pool and a lathe apart.
    fn hall() -> Hierarchy {
        Hierarchy::from_links([(BOOTH_A, HALL), (BOOTH_B, HALL), (BENCH_OF_A, BOOTH_A)])
            .expect("no cycle")
    }

    fn booking(id: i64, resource_id: i64, a: i64, b: i64, units: u32) -> Occupancy {
        Occupancy {
            occupant: Occupant::Booking(id),
            resource_id,
            interval: span(a, b),
            units,
        }
    }

    fn ask(resource_id: i64, a: i64, b: i64, units: u32) -> Request {
        Request {
            resource_id,
            interval: span(a, b),
            units,
        }
    }

    fn named(ids: &[i64]) -> Result<(), Clash> {
        Err(Clash::With {
            occupants: ids.iter().map(|id| Occupant::Booking(*id)).collect(),
        })
    }

    #[test]
    fn a_free_resource_can_be_booked() {
        assert_eq!(conflicts(&ask(LATHE, 8, 12, 1), 1, &[], &hall()), Ok(()));
    }

    #[test]
    fn an_overlapping_booking_of_the_same_resource_is_named() {
        let existing = [booking(7, LATHE, 10, 14, 1)];
        assert_eq!(
            conflicts(&ask(LATHE, 8, 12, 1), 1, &existing, &hall()),
            named(&[7])
        );
    }

    #[test]
    fn touching_bookings_do_not_clash() {
        let existing = [booking(7, LATHE, 12, 14, 1), booking(8, LATHE, 6, 8, 1)];
        assert_eq!(
            conflicts(&ask(LATHE, 8, 12, 1), 1, &existing, &hall()),
            Ok(())
        );
    }

    #[test]
    fn booking_the_whole_is_blocked_by_its_parts_at_any_depth() {
        let existing = [
            booking(1, BOOTH_B, 9, 10, 1),
            booking(2, BENCH_OF_A, 11, 12, 1),
        ];
        assert_eq!(
            conflicts(&ask(HALL, 8, 16, 1), 1, &existing, &hall()),
            named(&[1, 2])
        );
    }

    #[test]
    fn booking_a_part_is_blocked_by_its_wholes_at_any_depth() {
        let existing = [booking(3, HALL, 8, 9, 1)];
        assert_eq!(
            conflicts(&ask(BENCH_OF_A, 8, 10, 1), 1, &existing, &hall()),
            named(&[3])
        );
    }

    #[test]
    fn parts_of_one_whole_do_not_block_each_other() {
        let existing = [booking(4, BOOTH_B, 8, 12, 1)];
        assert_eq!(
            conflicts(&ask(BOOTH_A, 8, 12, 1), 1, &existing, &hall()),
            Ok(())
        );
        assert_eq!(
            conflicts(&ask(BENCH_OF_A, 8, 12, 1), 1, &existing, &hall()),
            Ok(())
        );
    }

    #[test]
    fn blocks_are_in_the_way_like_bookings_and_named_as_blocks() {
        let existing = [Occupancy {
            occupant: Occupant::Block(5),
            resource_id: HALL,
            interval: span(0, 24),
            units: 1,
        }];
        assert_eq!(
            conflicts(&ask(BOOTH_A, 8, 12, 1), 1, &existing, &hall()),
            Err(Clash::With {
                occupants: vec![Occupant::Block(5)]
            })
        );
    }

    #[test]
    fn a_plain_resource_ignores_the_units_of_existing_bookings() {
        let existing = [booking(7, LATHE, 8, 9, 0)];
        assert_eq!(
            conflicts(&ask(LATHE, 8, 12, 1), 1, &existing, &hall()),
            named(&[7])
        );
    }

    #[test]
    fn a_pool_takes_bookings_until_its_units_run_out() {
        let existing = [
            booking(1, LAPTOPS, 8, 12, 5),
            booking(2, LAPTOPS, 10, 14, 4),
        ];
        // 9 of 12 are out from 10 to 12: 3 more fit, 4 do not.
        assert_eq!(
            conflicts(&ask(LAPTOPS, 8, 14, 3), 12, &existing, &hall()),
            Ok(())
        );
        assert_eq!(
            conflicts(&ask(LAPTOPS, 8, 14, 4), 12, &existing, &hall()),
            named(&[1, 2])
        );
        // Outside the peak, 4 fit.
        assert_eq!(
            conflicts(&ask(LAPTOPS, 12, 14, 4), 12, &existing, &hall()),
            Ok(())
        );
    }

    #[test]
    fn a_pool_refusal_names_only_the_bookings_that_fill_it_where_it_would_overflow() {
        let existing = [
            booking(1, LAPTOPS, 8, 10, 2),
            booking(2, LAPTOPS, 9, 12, 1),
            booking(3, LAPTOPS, 11, 12, 1),
        ];
        // 3 units at 9–10 (1 and 2), 2 at 11–12 (2 and 3): asking for 1 of 3 overflows at 9–10 only.
        assert_eq!(
            conflicts(&ask(LAPTOPS, 8, 12, 1), 3, &existing, &hall()),
            named(&[1, 2])
        );
    }

    #[test]
    fn bookings_that_follow_each_other_in_a_pool_are_not_counted_together() {
        let existing = [
            booking(1, LAPTOPS, 8, 10, 2),
            booking(2, LAPTOPS, 10, 12, 2),
        ];
        assert_eq!(
            conflicts(&ask(LAPTOPS, 8, 12, 1), 3, &existing, &hall()),
            Ok(())
        );
    }

    #[test]
    fn a_whole_blocks_every_unit_of_a_pool_that_is_part_of_it() {
        let mut h = hall();
        h.set_part_of(LAPTOPS, HALL).expect("no cycle");
        let existing = [booking(1, HALL, 8, 12, 1)];
        assert_eq!(
            conflicts(&ask(LAPTOPS, 10, 11, 1), 12, &existing, &h),
            named(&[1])
        );
        let existing = [booking(2, LAPTOPS, 8, 9, 1)];
        assert_eq!(
            conflicts(&ask(HALL, 8, 12, 1), 1, &existing, &h),
            named(&[2])
        );
    }

    #[test]
    fn asking_for_more_units_than_the_pool_has_is_refused_on_its_own() {
        assert_eq!(
            conflicts(&ask(LAPTOPS, 8, 12, 13), 12, &[], &hall()),
            Err(Clash::Units {
                requested: 13,
                capacity: 12
            })
        );
        assert_eq!(
            conflicts(&ask(LATHE, 8, 12, 0), 1, &[], &hall()).map_err(|c| c.message_key()),
            Err("booking-units-out-of-range")
        );
    }

    #[test]
    fn a_resource_cannot_be_part_of_itself_or_of_its_own_part() {
        let h = hall();
        assert_eq!(
            h.check_part_of(HALL, HALL),
            Err(Invalid::new("error-part-of-cycle"))
        );
        assert_eq!(
            h.check_part_of(HALL, BENCH_OF_A),
            Err(Invalid::new("error-part-of-cycle"))
        );
        assert_eq!(h.check_part_of(BOOTH_B, BOOTH_A), Ok(()));
        assert!(Hierarchy::from_links([(1, 2), (2, 3), (3, 1)]).is_err());
        assert!(Hierarchy::from_links([(1, 2), (1, 3)]).is_err());
    }

    #[test]
    fn related_resources_are_the_line_up_and_the_tree_down_but_not_siblings() {
        let h = hall();
        assert_eq!(h.related(BOOTH_A), [HALL, BOOTH_A, BENCH_OF_A]);
        assert_eq!(h.related(HALL), [HALL, BOOTH_A, BOOTH_B, BENCH_OF_A]);
        assert_eq!(h.related(BENCH_OF_A), [HALL, BOOTH_A, BENCH_OF_A]);
        assert_eq!(h.related(LATHE), [LATHE]);
        assert_eq!(h.ancestors(BENCH_OF_A), [BOOTH_A, HALL]);
        assert!(!h.are_related(BOOTH_B, BENCH_OF_A));
    }

    #[test]
    fn a_detached_part_is_booked_on_its_own() {
        let mut h = hall();
        h.detach(BOOTH_A);
        assert!(!h.are_related(HALL, BENCH_OF_A));
        assert!(h.are_related(BOOTH_A, BENCH_OF_A));
    }

    #[test]
    fn the_most_units_at_once_counts_overlaps_and_not_touching_ends() {
        assert_eq!(most_units_at_once(&[]), 0);
        let touching = [
            booking(1, LAPTOPS, 8, 10, 2),
            booking(2, LAPTOPS, 10, 12, 2),
        ];
        assert_eq!(most_units_at_once(&touching), 2);
        let crossing = [
            booking(1, LAPTOPS, 8, 10, 2),
            booking(2, LAPTOPS, 9, 12, 1),
            booking(3, LAPTOPS, 11, 13, 3),
        ];
        assert_eq!(most_units_at_once(&crossing), 4);
    }
}

/// The guarantee in miniature: requests at random go through [`conflicts`] against what was
/// accepted before, as the store does, and the calendar that results is checked by brute force.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A small hall: 1 the hall, 2 and 3 its booths, 4 a bench of booth 2, 5 a pool of three
    /// units belonging to the hall; 6 a pool of three on its own and 7 a machine on its own.
    const WHOLE_OF: [(i64, Option<i64>); 7] = [
        (1, None),
        (2, Some(1)),
        (3, Some(1)),
        (4, Some(2)),
        (5, Some(1)),
        (6, None),
        (7, None),
    ];
    const POOL_SIZE: u32 = 3;
    /// The grid of hours the spans lie on.
    const HOURS: i64 = 30;

    fn capacity(resource: i64) -> u32 {
        if resource == 5 || resource == 6 {
            POOL_SIZE
        } else {
            1
        }
    }

    /// The resource and every whole above it, read from the table, not from [`Hierarchy`].
    fn line_up(resource: i64) -> Vec<i64> {
        let mut line = vec![resource];
        let mut current = resource;
        while let Some(Some(whole)) = WHOLE_OF.iter().find(|(r, _)| *r == current).map(|e| e.1) {
            line.push(whole);
            current = whole;
        }
        line
    }

    fn related(a: i64, b: i64) -> bool {
        line_up(a).contains(&b) || line_up(b).contains(&a)
    }

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + hour * 3600).expect("a valid instant")
    }

    fn hour_of(t: Timestamp) -> i64 {
        (t.as_second() - 1_800_000_000) / 3600
    }

    fn hierarchy() -> Hierarchy {
        Hierarchy::from_links(WHOLE_OF.iter().filter_map(|(r, w)| w.map(|w| (*r, w))))
            .expect("no cycle")
    }

    /// Units held on `resource` at hour `h` (whose load is constant until the next hour).
    fn held(accepted: &[Occupancy], resource: i64, h: i64) -> u32 {
        accepted
            .iter()
            .filter(|o| {
                o.resource_id == resource
                    && hour_of(o.interval.start()) <= h
                    && h < hour_of(o.interval.end())
            })
            .map(|o| o.units)
            .sum()
    }

    /// (resource, start hour, length in hours, units), mostly single units so that the plain
    /// resources see many bookings.
    fn request() -> impl Strategy<Value = (i64, i64, i64, u32)> {
        (
            1..=7i64,
            0..HOURS - 1,
            1..=6i64,
            prop_oneof![3 => Just(1u32), 1 => Just(2u32), 1 => Just(3u32)],
        )
    }

    struct Outcome {
        request: Request,
        result: Result<(), Clash>,
        /// What had been accepted when the request was judged.
        before: Vec<Occupancy>,
    }

    fn feed(requests: &[(i64, i64, i64, u32)]) -> (Vec<Occupancy>, Vec<Outcome>) {
        let h = hierarchy();
        let mut accepted = Vec::new();
        let mut outcomes = Vec::new();
        for (id, &(resource_id, start, length, units)) in (1..).zip(requests) {
            let end = (start + length).min(HOURS);
            let interval = Interval::new(at(start), at(end)).expect("a valid span");
            let request = Request {
                resource_id,
                interval,
                units,
            };
            let result = conflicts(&request, capacity(resource_id), &accepted, &h);
            let before = accepted.clone();
            if result.is_ok() {
                accepted.push(Occupancy {
                    occupant: Occupant::Booking(id),
                    resource_id,
                    interval,
                    units,
                });
            }
            outcomes.push(Outcome {
                request,
                result,
                before,
            });
        }
        (accepted, outcomes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn accepted_bookings_never_overlap_and_no_pool_is_ever_over_booked(
            requests in proptest::collection::vec(request(), 0..80)
        ) {
            let (accepted, _) = feed(&requests);
            for (i, a) in accepted.iter().enumerate() {
                for b in &accepted[i + 1..] {
                    let shared_pool = a.resource_id == b.resource_id && capacity(a.resource_id) > 1;
                    if related(a.resource_id, b.resource_id) && !shared_pool {
                        prop_assert!(
                            !a.interval.overlaps(&b.interval),
                            "{:?} and {:?} overlap", a, b
                        );
                    }
                }
            }
            for pool in [5, 6] {
                for h in 0..HOURS {
                    prop_assert!(held(&accepted, pool, h) <= POOL_SIZE, "pool {} at {}", pool, h);
                }
            }
        }

        #[test]
        fn a_refusal_names_exactly_the_bookings_in_the_way(
            requests in proptest::collection::vec(request(), 0..80)
        ) {
            let (_, outcomes) = feed(&requests);
            for Outcome { request, result, before } in outcomes {
                let Err(clash) = result else { continue };
                let cap = capacity(request.resource_id);
                if let Clash::Units { requested, .. } = clash {
                    prop_assert!(requested > cap);
                    continue;
                }
                let first = hour_of(request.interval.start());
                let last = hour_of(request.interval.end());
                // By brute force: what blocks outright, and what fills the pool at an hour where
                // the request would overflow it.
                let expected: Vec<Occupant> = before
                    .iter()
                    .filter(|o| {
                        if !related(o.resource_id, request.resource_id) {
                            return false;
                        }
                        if o.resource_id == request.resource_id && cap > 1 {
                            (first..last).any(|h| {
                                hour_of(o.interval.start()) <= h
                                    && h < hour_of(o.interval.end())
                                    && held(&before, request.resource_id, h) + request.units > cap
                            })
                        } else {
                            o.interval.overlaps(&request.interval)
                        }
                    })
                    .map(|o| o.occupant)
                    .collect();
                prop_assert!(!expected.is_empty(), "refused without cause: {:?}", request);
                prop_assert_eq!(clash.occupants(), &expected[..]);
            }
        }

        #[test]
        fn a_request_is_accepted_whenever_nothing_is_in_the_way(
            requests in proptest::collection::vec(request(), 0..80)
        ) {
            let (_, outcomes) = feed(&requests);
            for Outcome { request, result, before } in outcomes {
                let cap = capacity(request.resource_id);
                let first = hour_of(request.interval.start());
                let last = hour_of(request.interval.end());
                let blocked_outright = before.iter().any(|o| {
                    related(o.resource_id, request.resource_id)
                        && !(o.resource_id == request.resource_id && cap > 1)
                        && o.interval.overlaps(&request.interval)
                });
                let pool_overflows = cap > 1
                    && (first..last).any(|h| held(&before, request.resource_id, h) + request.units > cap);
                let units_wrong = request.units > cap;
                prop_assert_eq!(result.is_err(), blocked_outright || pool_overflows || units_wrong);
            }
        }
    }
}
