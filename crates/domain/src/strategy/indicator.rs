//! Indicator arithmetic: which way is better, how far an indicator has come from its baseline
//! towards its target, the status colour that follows, and when a hand-kept value is stale.

use super::computed::{ComputedIndicator, Scope};
use super::plan::Thresholds;
use super::unit::IndicatorUnit;
use crate::network::organisation::{record, FieldErrors};
use crate::network::OrganisationKind;
use crate::reference::Industry;
use crate::text::{self, Invalid};
use crate::vocabulary::vocabulary;
use time::{Date, Duration};

vocabulary! {
    /// Which way an indicator should move.
    Direction, "indicator-direction", "error-indicator-direction" {
        Higher => "higher",
        Lower => "lower",
        Band => "band",
    }
}

vocabulary! {
    /// Where an indicator stands against its target.
    Status, "indicator-status", "error-indicator-status" {
        OnTrack => "on_track",
        AtRisk => "at_risk",
        OffTrack => "off_track",
        NoData => "no_data",
    }
}

/// What counts as good for one indicator: a direction, and for a band its edges.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub enum Aim {
    Higher,
    Lower,
    /// Good when inside `low..=high` (a utilisation between 60 and 85 %, say).
    Band {
        low: f64,
        high: f64,
    },
}

impl Aim {
    pub fn new(direction: Direction, band: Option<(f64, f64)>) -> Result<Aim, Invalid> {
        match (direction, band) {
            (Direction::Higher, _) => Ok(Aim::Higher),
            (Direction::Lower, _) => Ok(Aim::Lower),
            (Direction::Band, Some((low, high))) if low <= high => Ok(Aim::Band { low, high }),
            (Direction::Band, Some(_)) => Err(Invalid::new("error-band-order")),
            (Direction::Band, None) => Err(Invalid::new("error-band-required")),
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Aim::Higher => Direction::Higher,
            Aim::Lower => Direction::Lower,
            Aim::Band { .. } => Direction::Band,
        }
    }

    /// Whether `actual` meets `target` (for a band: lies inside it; the target is not used).
    pub fn is_met(self, target: f64, actual: f64) -> bool {
        match self {
            Aim::Higher => actual >= target,
            Aim::Lower => actual <= target,
            Aim::Band { low, high } => (low..=high).contains(&actual),
        }
    }
}

/// The share (0..=1) of the way from the baseline to the target that the actual figure has
/// come, clamped: a figure past the target is 1, a figure that went the wrong way is 0.
///
/// The same formula serves both directions, as `(actual - baseline) / (target - baseline)` is
/// positive exactly when the figure moved towards the target. Without a baseline there is no
/// way to measure, so progress is 1 when the target is met and unknown otherwise. A band counts
/// 1 inside it, and outside it the share of the way from the baseline to the nearest edge.
pub fn progress(
    aim: Aim,
    baseline: Option<f64>,
    target: Option<f64>,
    actual: Option<f64>,
) -> Option<f64> {
    let actual = actual?;
    if let Aim::Band { low, high } = aim {
        return Some(band_progress(low, high, baseline, actual));
    }
    let target = target?;
    if aim.is_met(target, actual) {
        return Some(1.0);
    }
    let baseline = baseline?;
    let way = target - baseline;
    if way == 0.0 {
        // The target is the baseline and the figure has slipped from it.
        return Some(0.0);
    }
    Some(((actual - baseline) / way).clamp(0.0, 1.0))
}

fn band_progress(low: f64, high: f64, baseline: Option<f64>, actual: f64) -> f64 {
    if (low..=high).contains(&actual) {
        return 1.0;
    }
    let edge = if actual < low { low } else { high };
    match baseline {
        Some(b) if (b < low && actual < low) || (b > high && actual > high) => {
            let way = edge - b;
            if way == 0.0 {
                0.0
            } else {
                ((actual - b) / way).clamp(0.0, 1.0)
            }
        }
        // It was inside (or on the other side) and has left the band, or nothing to measure from.
        _ => 0.0,
    }
}

/// The status colour of a progress by the plan's thresholds.
pub fn status(progress: Option<f64>, thresholds: Thresholds) -> Status {
    match progress {
        None => Status::NoData,
        Some(p) if p >= thresholds.on_track_from => Status::OnTrack,
        Some(p) if p >= thresholds.at_risk_from => Status::AtRisk,
        Some(_) => Status::OffTrack,
    }
}

/// The target that applies in `year`: the year's own, or else the latest one set before it
/// (a target holds until a new one is set). Targets are `(year, value)` in any order.
pub fn target_for(targets: &[(i32, f64)], year: i32) -> Option<f64> {
    targets
        .iter()
        .filter(|(y, _)| *y <= year)
        .max_by_key(|(y, _)| *y)
        .map(|(_, v)| *v)
}

/// Whether a hand-kept indicator's latest value is older than its update frequency. An
/// indicator with a frequency and no value at all is stale; one without a frequency never is.
pub fn is_stale(latest: Option<Date>, update_every_days: Option<u32>, today: Date) -> bool {
    match (update_every_days, latest) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(days), Some(on)) => on + Duration::days(i64::from(days)) < today,
    }
}

/// An indicator's definition as typed into its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct IndicatorInput {
    /// Stable within the plan (`a-z`, digits, `_`, `-`, `:`, `.`); empty takes the computed
    /// indicator's key.
    pub key: String,
    pub name: String,
    pub description: String,
    pub unit: String,
    pub direction: String,
    pub band_low: String,
    pub band_high: String,
    pub baseline_value: String,
    pub baseline_on: String,
    /// A computed indicator's key, or empty for one kept by hand.
    pub computed: String,
    pub scope_field: String,
    pub scope_unit: String,
    pub scope_tag: String,
    pub scope_kind: String,
    pub update_every_days: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IndicatorDraft {
    pub key: String,
    pub name: String,
    pub description: Option<String>,
    pub unit: IndicatorUnit,
    pub aim: Aim,
    pub baseline: Option<(f64, Option<Date>)>,
    #[serde(skip)]
    pub computed: Option<ComputedIndicator>,
    #[serde(skip)]
    pub scope: Scope,
    pub update_every_days: Option<u32>,
}

impl IndicatorInput {
    /// Checks the definition as typed into the form: figures the way people type them (a share
    /// as a percentage, a decimal comma).
    pub fn validate(&self) -> Result<IndicatorDraft, FieldErrors> {
        self.validate_by(IndicatorUnit::parse_value)
    }

    /// Checks the definition as the API gives it: figures as plain numbers in the scale they
    /// are kept in (a share from 0 to 1).
    pub fn validate_stored(&self) -> Result<IndicatorDraft, FieldErrors> {
        self.validate_by(IndicatorUnit::parse_stored)
    }

    fn validate_by(
        &self,
        read: fn(IndicatorUnit, &str) -> Result<f64, Invalid>,
    ) -> Result<IndicatorDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let computed = if self.computed.trim().is_empty() {
            Some(None)
        } else {
            record(
                &mut errors,
                "computed",
                ComputedIndicator::parse(&self.computed),
            )
            .map(Some)
        };
        let key_text = match (self.key.trim(), computed) {
            ("", Some(Some(c))) => c.key(),
            (k, _) => k.to_string(),
        };
        let key = record(&mut errors, "key", parse_key(&key_text));
        let name = record(&mut errors, "name", text::required_line(&self.name, 200));
        let description = record(
            &mut errors,
            "description",
            text::optional_text(&self.description, 2000),
        );
        // A computed indicator's unit is the computation's; the form's choice is not asked.
        let unit = match computed {
            Some(Some(c)) => Some(c.unit()),
            _ => record(&mut errors, "unit", IndicatorUnit::parse(&self.unit)),
        };
        let direction = record(&mut errors, "direction", Direction::parse(&self.direction));
        let value =
            |errors: &mut FieldErrors, field: &'static str, s: &str| -> Option<Option<f64>> {
                match unit {
                    _ if s.trim().is_empty() => Some(None),
                    Some(u) => record(errors, field, read(u, s)).map(Some),
                    None => None,
                }
            };
        let band_low = value(&mut errors, "band_low", &self.band_low);
        let band_high = value(&mut errors, "band_high", &self.band_high);
        let aim = match (direction, band_low, band_high) {
            (Some(d), Some(low), Some(high)) => {
                let band = low.zip(high);
                let field = if band.is_none() && low.is_some() {
                    "band_high"
                } else {
                    "band_low"
                };
                record(&mut errors, field, Aim::new(d, band))
            }
            _ => None,
        };
        let baseline_value = value(&mut errors, "baseline_value", &self.baseline_value);
        let baseline_on = record(
            &mut errors,
            "baseline_on",
            text::parse_date(&self.baseline_on),
        );
        if let (Some(None), Some(Some(_))) = (baseline_value, baseline_on) {
            errors.insert("baseline_value", "error-baseline-value-required");
        }
        let scope = record(&mut errors, "scope_field", parse_scope(self));
        let update_every_days = if self.update_every_days.trim().is_empty() {
            Some(None)
        } else {
            record(
                &mut errors,
                "update_every_days",
                self.update_every_days
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|d| (1..=3660).contains(d))
                    .map(Some)
                    .ok_or(Invalid::new("error-update-every-days")),
            )
        };
        match (
            key,
            name,
            description,
            unit,
            aim,
            baseline_value,
            baseline_on,
            computed,
            scope,
            update_every_days,
        ) {
            (
                Some(key),
                Some(name),
                Some(description),
                Some(unit),
                Some(aim),
                Some(bv),
                Some(bo),
                Some(computed),
                Some(scope),
                Some(update_every_days),
            ) if errors.is_empty() => Ok(IndicatorDraft {
                key,
                name,
                description,
                unit,
                aim,
                baseline: bv.map(|v| (v, bo)),
                computed,
                scope,
                update_every_days,
            }),
            _ => Err(errors),
        }
    }
}

/// An indicator's key: what the API and the scorecard call it.
pub fn parse_key(s: &str) -> Result<String, Invalid> {
    let t = s.trim();
    let allowed = |c: char| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | ':' | '.')
    };
    if t.is_empty() {
        Err(Invalid::new("error-required"))
    } else if t.len() > 80 || !t.chars().all(allowed) {
        Err(Invalid::new("error-indicator-key"))
    } else {
        Ok(t.to_string())
    }
}

fn parse_scope(i: &IndicatorInput) -> Result<Scope, Invalid> {
    let field = match i.scope_field.trim() {
        "" => None,
        f => Some(
            Industry::by_code(f)
                .filter(|s| s.level == 1)
                .ok_or(Invalid::new("error-scope-field"))?,
        ),
    };
    let kind = match i.scope_kind.trim() {
        "" => None,
        k => Some(OrganisationKind::parse(k)?),
    };
    Ok(Scope {
        field,
        unit: text::optional_line(&i.scope_unit, 100)?,
        tag: text::optional_line(&i.scope_tag, 60)?,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn progress_is_the_share_of_the_way_from_baseline_to_target() {
        assert!(close(
            progress(Aim::Higher, Some(100.0), Some(200.0), Some(150.0)),
            0.5
        ));
        assert!(close(
            progress(Aim::Higher, Some(100.0), Some(200.0), Some(250.0)),
            1.0
        ));
        assert!(close(
            progress(Aim::Higher, Some(100.0), Some(200.0), Some(80.0)),
            0.0
        ));
    }

    #[test]
    fn lower_is_better_counts_a_fall_as_progress() {
        // Single-owner partnerships from 40 % towards 20 %: at 25 % three quarters are done.
        assert!(close(
            progress(Aim::Lower, Some(0.40), Some(0.20), Some(0.25)),
            0.75
        ));
        assert!(close(
            progress(Aim::Lower, Some(0.40), Some(0.20), Some(0.45)),
            0.0
        ));
        assert!(close(
            progress(Aim::Lower, Some(0.40), Some(0.20), Some(0.10)),
            1.0
        ));
    }

    #[test]
    fn a_band_is_met_inside_and_measured_towards_its_nearest_edge_outside() {
        let band = Aim::Band {
            low: 0.6,
            high: 0.85,
        };
        assert!(close(progress(band, Some(0.2), None, Some(0.7)), 1.0));
        assert!(close(progress(band, Some(0.2), None, Some(0.4)), 0.5));
        assert!(close(progress(band, Some(1.0), None, Some(0.9)), 2.0 / 3.0));
        // It was inside and left the band: no progress.
        assert!(close(progress(band, Some(0.7), None, Some(0.95)), 0.0));
    }

    #[test]
    fn without_a_baseline_only_a_met_target_counts() {
        assert!(close(
            progress(Aim::Higher, None, Some(50.0), Some(60.0)),
            1.0
        ));
        assert_eq!(progress(Aim::Higher, None, Some(50.0), Some(40.0)), None);
        assert_eq!(progress(Aim::Higher, Some(10.0), None, Some(40.0)), None);
        assert_eq!(progress(Aim::Higher, Some(10.0), Some(50.0), None), None);
    }

    #[test]
    fn a_target_equal_to_the_baseline_is_either_held_or_lost() {
        assert!(close(
            progress(Aim::Higher, Some(5.0), Some(5.0), Some(5.0)),
            1.0
        ));
        assert!(close(
            progress(Aim::Higher, Some(5.0), Some(5.0), Some(4.0)),
            0.0
        ));
    }

    #[test]
    fn status_follows_the_thresholds() {
        let t = Thresholds::default();
        assert_eq!(status(Some(0.95), t), Status::OnTrack);
        assert_eq!(status(Some(0.9), t), Status::OnTrack);
        assert_eq!(status(Some(0.6), t), Status::AtRisk);
        assert_eq!(status(Some(0.59), t), Status::OffTrack);
        assert_eq!(status(None, t), Status::NoData);
        let strict = Thresholds::new(1.0, 0.8).expect("valid");
        assert_eq!(status(Some(0.95), strict), Status::AtRisk);
    }

    #[test]
    fn a_target_holds_until_a_new_one_is_set() {
        let targets = [(2025, 80.0), (2023, 50.0), (2027, 120.0)];
        assert_eq!(target_for(&targets, 2024), Some(50.0));
        assert_eq!(target_for(&targets, 2025), Some(80.0));
        assert_eq!(target_for(&targets, 2026), Some(80.0));
        assert_eq!(target_for(&targets, 2022), None);
    }

    #[test]
    fn a_value_older_than_its_frequency_is_stale() {
        let today = date!(2026 - 11 - 24);
        assert!(!is_stale(Some(date!(2026 - 10 - 1)), Some(90), today));
        assert!(is_stale(Some(date!(2026 - 6 - 1)), Some(90), today));
        assert!(is_stale(None, Some(30), today));
        assert!(!is_stale(None, None, today));
    }

    #[test]
    fn a_band_needs_its_edges_in_order() {
        assert!(Aim::new(Direction::Band, None).is_err());
        assert!(Aim::new(Direction::Band, Some((0.9, 0.1))).is_err());
        assert_eq!(Aim::new(Direction::Lower, None), Ok(Aim::Lower));
    }

    fn computed_input() -> IndicatorInput {
        IndicatorInput {
            name: "Aktiiviset kumppanit".into(),
            direction: "higher".into(),
            computed: "active_partners".into(),
            baseline_value: "120".into(),
            baseline_on: "2023-06-05".into(),
            ..IndicatorInput::default()
        }
    }

    #[test]
    fn a_computed_indicator_takes_its_key_and_unit_from_the_computation() {
        let d = computed_input().validate().expect("valid");
        assert_eq!(d.key, "active_partners");
        assert_eq!(d.unit, IndicatorUnit::Count);
        assert_eq!(d.baseline, Some((120.0, Some(date!(2023 - 6 - 5)))));
    }

    #[test]
    fn a_baseline_that_is_not_a_number_of_the_unit_is_refused() {
        let mut i = computed_input();
        i.baseline_value = "12,5".into();
        assert_eq!(
            i.validate().expect_err("refused").get("baseline_value"),
            Some(&"error-indicator-value-count")
        );
    }

    #[test]
    fn a_band_needs_both_edges_and_a_scope_field_must_be_a_tol_section() {
        let mut i = computed_input();
        i.computed = "utilisation".into();
        i.key = String::new();
        i.direction = "band".into();
        i.band_low = "60 %".into();
        assert_eq!(
            i.validate().expect_err("refused").get("band_high"),
            Some(&"error-band-required")
        );
        i.band_high = "85".into();
        i.scope_field = "C".into();
        i.baseline_value = "40 %".into();
        let d = i.validate().expect("valid");
        assert_eq!(
            d.aim,
            Aim::Band {
                low: 0.6,
                high: 0.85
            }
        );
        assert_eq!(d.scope.field.map(|f| f.code.as_str()), Some("C"));
        i.scope_field = "25".into();
        assert_eq!(
            i.validate().expect_err("refused").get("scope_field"),
            Some(&"error-scope-field")
        );
    }

    #[test]
    fn a_hand_kept_indicator_needs_a_unit_and_a_clean_key() {
        let i = IndicatorInput {
            key: "Opiskelijapalaute!".into(),
            name: "Opiskelijapalaute".into(),
            direction: "higher".into(),
            ..IndicatorInput::default()
        };
        let e = i.validate().expect_err("refused");
        assert_eq!(e.get("key"), Some(&"error-indicator-key"));
        assert_eq!(e.get("unit"), Some(&"error-indicator-unit"));
    }

    #[test]
    fn the_apis_figures_are_plain_numbers_with_a_share_from_0_to_1() {
        let mut i = computed_input();
        i.computed = "utilisation".into();
        i.key = String::new();
        i.direction = "band".into();
        i.band_low = "0.6".into();
        i.band_high = "0.85".into();
        i.baseline_value = "0.4".into();
        let d = i.validate_stored().expect("valid");
        assert_eq!(
            d.aim,
            Aim::Band {
                low: 0.6,
                high: 0.85
            }
        );
        assert_eq!(d.baseline.map(|(v, _)| v), Some(0.4));
        i.band_high = "85".into();
        assert_eq!(
            i.validate_stored().expect_err("refused").get("band_high"),
            Some(&"error-indicator-value-share")
        );
    }
}
