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

impl IndicatorUnit {
    /// Reads a hand-entered figure of this unit, the way Finns type it: a decimal comma, spaces
    /// between thousands, and the unit's own sign (`%`, `€`, `h`) allowed. A share is typed as a
    /// percentage and kept as 0..=1. Refused: text, a count with decimals, a negative count,
    /// hours, days or euros, a share outside 0..=100 %, more than two decimals of euros.
    pub fn parse_value(self, s: &str) -> Result<f64, Invalid> {
        let not_number = Invalid::new("error-indicator-value-number");
        let t = strip_sign(self, s.trim());
        if t.is_empty() {
            return Err(Invalid::new("error-required"));
        }
        let cleaned: String = t
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let value: f64 = cleaned.parse().map_err(|_| not_number.clone())?;
        if !value.is_finite() {
            return Err(not_number);
        }
        match self {
            IndicatorUnit::Count if value.fract() != 0.0 || value < 0.0 => {
                Err(Invalid::new("error-indicator-value-count"))
            }
            IndicatorUnit::Share if !(0.0..=100.0).contains(&value) => {
                Err(Invalid::new("error-indicator-value-share"))
            }
            IndicatorUnit::Share => Ok(value / 100.0),
            IndicatorUnit::Hours | IndicatorUnit::Days | IndicatorUnit::Euros if value < 0.0 => {
                Err(Invalid::new("error-indicator-value-negative"))
            }
            IndicatorUnit::Euros if decimals(&cleaned) > 2 => {
                Err(Invalid::new("error-indicator-value-cents"))
            }
            _ => Ok(value),
        }
    }
}

impl IndicatorUnit {
    /// Reads a figure as the API gives it: a plain number with a decimal point, in the scale the
    /// figures are kept in (a share as 0..=1, not as a percentage), refused on the same grounds
    /// as [`IndicatorUnit::parse_value`].
    pub fn parse_stored(self, s: &str) -> Result<f64, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::new("error-required"));
        }
        let value: f64 = t
            .parse()
            .map_err(|_| Invalid::new("error-indicator-value-number"))?;
        self.check_stored(value)
    }

    /// Checks a figure kept in this unit: a whole count, a share from 0 to 1, hours, days or
    /// euros that are not negative, euros to the cent.
    pub fn check_stored(self, value: f64) -> Result<f64, Invalid> {
        if !value.is_finite() {
            return Err(Invalid::new("error-indicator-value-number"));
        }
        match self {
            IndicatorUnit::Count if value.fract() != 0.0 || value < 0.0 => {
                Err(Invalid::new("error-indicator-value-count"))
            }
            IndicatorUnit::Share if !(0.0..=1.0).contains(&value) => {
                Err(Invalid::new("error-indicator-value-share"))
            }
            IndicatorUnit::Hours | IndicatorUnit::Days | IndicatorUnit::Euros if value < 0.0 => {
                Err(Invalid::new("error-indicator-value-negative"))
            }
            IndicatorUnit::Euros if ((value * 100.0).round() - value * 100.0).abs() > 1e-6 => {
                Err(Invalid::new("error-indicator-value-cents"))
            }
            _ => Ok(value),
        }
    }
}

fn strip_sign(unit: IndicatorUnit, t: &str) -> &str {
    let sign: &[&str] = match unit {
        IndicatorUnit::Share => &["%"],
        IndicatorUnit::Euros => &["€", "eur", "EUR"],
        IndicatorUnit::Hours => &["h"],
        IndicatorUnit::Days => &["pv", "d"],
        _ => &[],
    };
    sign.iter()
        .find_map(|s| t.strip_suffix(s))
        .map(str::trim_end)
        .unwrap_or(t)
}

fn decimals(number: &str) -> usize {
    number.split_once('.').map_or(0, |(_, d)| d.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_the_way_finns_type_them() {
        assert_eq!(IndicatorUnit::Count.parse_value("1 234"), Ok(1234.0));
        assert_eq!(IndicatorUnit::Hours.parse_value("12,5 h"), Ok(12.5));
        assert_eq!(IndicatorUnit::Euros.parse_value("2 500,50 €"), Ok(2500.5));
        assert_eq!(IndicatorUnit::Share.parse_value("37,5 %"), Ok(0.375));
        assert_eq!(IndicatorUnit::Score.parse_value("-12"), Ok(-12.0));
    }

    #[test]
    fn a_figure_that_is_not_a_number_of_the_unit_is_refused() {
        let key = |u: IndicatorUnit, s: &str| u.parse_value(s).expect_err("refused").key;
        assert_eq!(
            key(IndicatorUnit::Count, "paljon"),
            "error-indicator-value-number"
        );
        assert_eq!(
            key(IndicatorUnit::Count, "2,5"),
            "error-indicator-value-count"
        );
        assert_eq!(
            key(IndicatorUnit::Count, "-1"),
            "error-indicator-value-count"
        );
        assert_eq!(
            key(IndicatorUnit::Share, "120 %"),
            "error-indicator-value-share"
        );
        assert_eq!(
            key(IndicatorUnit::Hours, "-3"),
            "error-indicator-value-negative"
        );
        assert_eq!(
            key(IndicatorUnit::Euros, "10,005"),
            "error-indicator-value-cents"
        );
        assert_eq!(key(IndicatorUnit::Count, ""), "error-required");
        assert_eq!(
            key(IndicatorUnit::Count, "NaN"),
            "error-indicator-value-number"
        );
    }

    #[test]
    fn a_stored_figure_is_a_plain_number_and_a_share_runs_from_0_to_1() {
        assert_eq!(IndicatorUnit::Share.parse_stored("0.375"), Ok(0.375));
        assert_eq!(IndicatorUnit::Euros.parse_stored("2500.5"), Ok(2500.5));
        let key = |u: IndicatorUnit, s: &str| u.parse_stored(s).expect_err("refused").key;
        assert_eq!(
            key(IndicatorUnit::Share, "37.5"),
            "error-indicator-value-share"
        );
        assert_eq!(
            key(IndicatorUnit::Count, "many"),
            "error-indicator-value-number"
        );
        assert_eq!(
            key(IndicatorUnit::Count, "2.5"),
            "error-indicator-value-count"
        );
        assert_eq!(
            key(IndicatorUnit::Days, "-1"),
            "error-indicator-value-negative"
        );
        assert_eq!(
            key(IndicatorUnit::Euros, "10.005"),
            "error-indicator-value-cents"
        );
        assert_eq!(
            key(IndicatorUnit::Score, "inf"),
            "error-indicator-value-number"
        );
    }
}
