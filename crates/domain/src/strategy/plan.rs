//! A plan: its period of whole years, its vision and the thresholds that colour its scorecard.

use crate::network::organisation::{record, FieldErrors};
use crate::text::{self, Invalid};
use time::Date;

/// The longest plan Vaski takes, in years: a roadmap, not a century.
pub const MAX_YEARS: i32 = 15;

/// The years a plan covers, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PlanPeriod {
    first_year: i32,
    last_year: i32,
}

impl PlanPeriod {
    pub fn new(first_year: i32, last_year: i32) -> Result<PlanPeriod, Invalid> {
        if !(2000..=2100).contains(&first_year) || !(2000..=2100).contains(&last_year) {
            return Err(Invalid::new("error-plan-year"));
        }
        if last_year < first_year {
            return Err(Invalid::new("error-plan-period-order"));
        }
        if last_year - first_year + 1 > MAX_YEARS {
            return Err(Invalid::new("error-plan-period-too-long"));
        }
        Ok(PlanPeriod {
            first_year,
            last_year,
        })
    }

    pub fn first_year(self) -> i32 {
        self.first_year
    }

    pub fn last_year(self) -> i32 {
        self.last_year
    }

    pub fn years(self) -> impl Iterator<Item = i32> {
        self.first_year..=self.last_year
    }

    pub fn contains_year(self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    pub fn contains_date(self, date: Date) -> bool {
        self.contains_year(date.year())
    }

    /// A target may be set only for a year of the plan.
    pub fn check_target_year(self, year: i32) -> Result<(), Invalid> {
        if self.contains_year(year) {
            Ok(())
        } else {
            Err(Invalid::new("error-target-year-outside-plan"))
        }
    }

    /// The year a scorecard opens on: this year inside the plan, else the nearest end.
    pub fn current_year(self, today: Date) -> i32 {
        today.year().clamp(self.first_year, self.last_year)
    }
}

/// Where an indicator's progress turns from on track to at risk, and from at risk to off track.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Thresholds {
    pub on_track_from: f64,
    pub at_risk_from: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            on_track_from: 0.9,
            at_risk_from: 0.6,
        }
    }
}

impl Thresholds {
    pub fn new(on_track_from: f64, at_risk_from: f64) -> Result<Thresholds, Invalid> {
        let share = 0.0..=1.0;
        if !share.contains(&on_track_from) || !share.contains(&at_risk_from) {
            return Err(Invalid::new("error-threshold-range"));
        }
        if at_risk_from > on_track_from {
            return Err(Invalid::new("error-threshold-order"));
        }
        Ok(Thresholds {
            on_track_from,
            at_risk_from,
        })
    }
}

/// A plan as typed into its form; percentages for the thresholds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PlanInput {
    pub title: String,
    pub vision: String,
    pub first_year: String,
    pub last_year: String,
    pub on_track_from: String,
    pub at_risk_from: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlanDraft {
    pub title: String,
    pub vision: String,
    pub period: PlanPeriod,
    pub thresholds: Thresholds,
}

impl PlanInput {
    pub fn validate(&self) -> Result<PlanDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = record(&mut errors, "title", text::required_line(&self.title, 200));
        let vision = record(
            &mut errors,
            "vision",
            text::optional_text(&self.vision, 5000),
        )
        .map(Option::unwrap_or_default);
        let first = record(&mut errors, "first_year", parse_year(&self.first_year));
        let last = record(&mut errors, "last_year", parse_year(&self.last_year));
        let period = match (first, last) {
            (Some(f), Some(l)) => record(&mut errors, "last_year", PlanPeriod::new(f, l)),
            _ => None,
        };
        let defaults = Thresholds::default();
        let on_track = record(
            &mut errors,
            "on_track_from",
            parse_percent_or(&self.on_track_from, defaults.on_track_from),
        );
        let at_risk = record(
            &mut errors,
            "at_risk_from",
            parse_percent_or(&self.at_risk_from, defaults.at_risk_from),
        );
        let thresholds = match (on_track, at_risk) {
            (Some(o), Some(a)) => record(&mut errors, "at_risk_from", Thresholds::new(o, a)),
            _ => None,
        };
        match (title, vision, period, thresholds) {
            (Some(title), Some(vision), Some(period), Some(thresholds)) if errors.is_empty() => {
                Ok(PlanDraft {
                    title,
                    vision,
                    period,
                    thresholds,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A year typed as four digits.
pub fn parse_year(s: &str) -> Result<i32, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Invalid::new("error-required"));
    }
    t.parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or(Invalid::new("error-plan-year"))
}

/// A percentage 0..=100 (a decimal comma allowed, a `%` sign optional) as a share 0..=1;
/// empty gives the default.
fn parse_percent_or(s: &str, default: f64) -> Result<f64, Invalid> {
    let t = s.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(default);
    }
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|p| (0.0..=100.0).contains(p))
        .map(|p| p / 100.0)
        .ok_or(Invalid::new("error-threshold-range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn input(first: &str, last: &str) -> PlanInput {
        PlanInput {
            title: "Työelämäyhteistyön suunta 2023–2027".into(),
            first_year: first.into(),
            last_year: last.into(),
            ..PlanInput::default()
        }
    }

    #[test]
    fn a_plan_covers_its_years_and_no_others() {
        let p = PlanPeriod::new(2023, 2027).expect("valid");
        assert!(p.contains_year(2023) && p.contains_year(2027));
        assert!(!p.contains_year(2022) && !p.contains_year(2028));
        assert_eq!(p.years().count(), 5);
        assert!(p.check_target_year(2028).is_err());
        assert!(p.check_target_year(2025).is_ok());
    }

    #[test]
    fn a_period_that_ends_before_it_starts_or_runs_too_long_is_refused() {
        assert_eq!(
            input("2027", "2023")
                .validate()
                .expect_err("refused")
                .get("last_year"),
            Some(&"error-plan-period-order")
        );
        assert_eq!(
            input("2023", "2040")
                .validate()
                .expect_err("refused")
                .get("last_year"),
            Some(&"error-plan-period-too-long")
        );
        assert_eq!(
            input("23", "2027")
                .validate()
                .expect_err("refused")
                .get("first_year"),
            Some(&"error-plan-year")
        );
    }

    #[test]
    fn thresholds_default_to_ninety_and_sixty_percent_and_must_be_in_order() {
        let d = input("2023", "2027").validate().expect("valid");
        assert_eq!(d.thresholds, Thresholds::default());
        let mut i = input("2023", "2027");
        i.on_track_from = "50 %".into();
        i.at_risk_from = "70,5".into();
        assert_eq!(
            i.validate().expect_err("refused").get("at_risk_from"),
            Some(&"error-threshold-order")
        );
        i.on_track_from = "80".into();
        let d = i.validate().expect("valid");
        assert!((d.thresholds.at_risk_from - 0.705).abs() < 1e-9);
    }

    #[test]
    fn the_current_year_stays_inside_the_plan() {
        let p = PlanPeriod::new(2023, 2027).expect("valid");
        assert_eq!(p.current_year(date!(2026 - 11 - 24)), 2026);
        assert_eq!(p.current_year(date!(2030 - 1 - 1)), 2027);
        assert_eq!(p.current_year(date!(2020 - 1 - 1)), 2023);
    }
}
