//! A half-open span of time `[start, end)`: the unit every clash, opening-hours and free-time
//! rule works on. Half-open, so that a booking ending at 12:00 and one starting at 12:00 do
//! not clash.

use crate::text::Invalid;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    start: Timestamp,
    end: Timestamp,
}

impl Interval {
    /// A span whose start is before its end; anything else is `error-start-after-end`.
    pub fn new(start: Timestamp, end: Timestamp) -> Result<Interval, Invalid> {
        if start >= end {
            return Err(Invalid::new("error-start-after-end"));
        }
        Ok(Interval { start, end })
    }

    pub fn start(&self) -> Timestamp {
        self.start
    }

    pub fn end(&self) -> Timestamp {
        self.end
    }

    pub fn duration(&self) -> SignedDuration {
        self.end.duration_since(self.start)
    }

    /// Whether the two spans share any instant (touching ends do not).
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span widened by set-up time before and clean-up time after, as the clash rules see
    /// a booking.
    pub fn widened(&self, before: SignedDuration, after: SignedDuration) -> Interval {
        Interval {
            start: self.start - before,
            end: self.end + after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + hour * 3600).expect("a valid instant")
    }

    fn span(a: i64, b: i64) -> Interval {
        Interval::new(at(a), at(b)).expect("a valid span")
    }

    #[test]
    fn a_span_must_start_before_it_ends() {
        assert!(Interval::new(at(2), at(1)).is_err());
        assert!(Interval::new(at(1), at(1)).is_err());
    }

    #[test]
    fn touching_spans_do_not_overlap_but_crossing_ones_do() {
        assert!(!span(8, 12).overlaps(&span(12, 14)));
        assert!(span(8, 12).overlaps(&span(11, 14)));
        assert!(span(8, 12).overlaps(&span(9, 10)));
    }

    #[test]
    fn buffers_widen_a_span_on_both_sides() {
        let w = span(8, 12).widened(SignedDuration::from_hours(1), SignedDuration::from_mins(30));
        assert_eq!(w.start(), at(7));
        assert_eq!(w.end(), at(12) + SignedDuration::from_mins(30));
        assert!(w.overlaps(&span(12, 13)));
    }
}
