//! The unit an indicator is measured in.

use crate::text::Invalid;
use crate::vocabulary::vocabulary;

vocabulary! {
    /// What an indicator's figures count or measure.
    IndicatorUnit, "indicator-unit", "error-indicator-unit" {
        Count => "count",
        Share => "share",
        Hours => "hours",
        Euros => "euros",
        Days => "days",
        Score => "score",
    }
}
