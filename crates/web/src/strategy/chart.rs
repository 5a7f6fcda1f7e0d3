//! The scorecard's trend chart: an indicator's figures over the plan's years as a line, with
//! the yearly targets as a dashed step line, drawn with the escaping SVG writer of
//! [`crate::svg`]. The page gives the same figures as text beside it.

use crate::svg::{num, Svg};
use time::Date;

/// One indicator's trend.
pub struct TrendChart<'a> {
    /// Unique on the page: the ids of the title and description derive from it.
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub first_year: i32,
    pub last_year: i32,
    pub points: &'a [(Date, f64)],
    /// `(year, target)`; a target holds from the start of its year to the next one's.
    pub targets: &'a [(i32, f64)],
}

const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 80.0;
const LEFT: f64 = 4.0;
const RIGHT: f64 = 236.0;
const TOP: f64 = 6.0;
const BOTTOM: f64 = 66.0;

/// Where the chart puts things, in viewBox units.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendGeometry {
    pub line: Vec<(f64, f64)>,
    /// Horizontal target segments `(x1, x2, y)`.
    pub target_steps: Vec<(f64, f64, f64)>,
    /// Year boundaries `(x, year)` for the axis labels.
    pub years: Vec<(f64, i32)>,
}

impl TrendChart<'_> {
    fn x_of(&self, d: Date) -> f64 {
        let start = Date::from_ordinal_date(self.first_year, 1)
            .map(Date::to_julian_day)
            .unwrap_or(0);
        let end = Date::from_ordinal_date(self.last_year + 1, 1)
            .map(Date::to_julian_day)
            .unwrap_or(start + 1);
        let share = f64::from(d.to_julian_day() - start) / f64::from((end - start).max(1));
        LEFT + (RIGHT - LEFT) * share.clamp(0.0, 1.0)
    }

    fn year_x(&self, year: i32) -> f64 {
        Date::from_ordinal_date(year, 1)
            .map(|d| self.x_of(d))
            .unwrap_or(if year <= self.first_year { LEFT } else { RIGHT })
    }

    /// The chart's geometry: pure, so tests can check it without reading markup. The value
    /// axis runs from zero (or the lowest figure, if negative) to a little above the highest
    /// figure or target.
    pub fn geometry(&self) -> TrendGeometry {
        let values = self
            .points
            .iter()
            .map(|(_, v)| *v)
            .chain(self.targets.iter().map(|(_, v)| *v));
        let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let span = if high - low > 0.0 {
            (high - low) * 1.1
        } else {
            1.0
        };
        let y_of = |v: f64| BOTTOM - (BOTTOM - TOP) * ((v - low) / span);
        let line = self
            .points
            .iter()
            .map(|(d, v)| (self.x_of(*d), y_of(*v)))
            .collect();
        let mut targets: Vec<(i32, f64)> = self
            .targets
            .iter()
            .copied()
            .filter(|(y, _)| (self.first_year..=self.last_year).contains(y))
            .collect();
        targets.sort_by_key(|(y, _)| *y);
        let target_steps = targets
            .iter()
            .enumerate()
            .map(|(i, (year, v))| {
                let until = targets.get(i + 1).map_or(self.last_year + 1, |(y, _)| *y);
                (self.year_x(*year), self.year_x(until), y_of(*v))
            })
            .collect();
        let years = (self.first_year..=self.last_year)
            .map(|y| (self.year_x(y), y))
            .collect();
        TrendGeometry {
            line,
            target_steps,
            years,
        }
    }

    pub fn render(&self) -> String {
        let g = self.geometry();
        let title_id = format!("{}-title", self.id);
        let desc_id = format!("{}-desc", self.id);
        let labelled_by = format!("{title_id} {desc_id}");
        let view_box = format!("0 0 {} {}", num(WIDTH), num(HEIGHT));
        let mut s = Svg::new();
        s.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("class", "trend"),
                ("role", "img"),
                ("aria-labelledby", &labelled_by),
                ("viewBox", &view_box),
                ("width", "240"),
                ("height", "80"),
                ("font-family", "sans-serif"),
            ],
        );
        s.text("title", &[("id", &title_id)], self.title);
        s.text("desc", &[("id", &desc_id)], self.desc);
        let (bottom, left, right) = (num(BOTTOM), num(LEFT), num(RIGHT));
        s.empty(
            "line",
            &[
                ("x1", &left),
                ("x2", &right),
                ("y1", &bottom),
                ("y2", &bottom),
                ("class", "axis"),
            ],
        );
        for (x, year) in &g.years {
            let (tick, label_x) = (num(*x), num(*x + 2.0));
            let label = format!("{:02}", year.rem_euclid(100));
            s.empty(
                "line",
                &[
                    ("x1", &tick),
                    ("x2", &tick),
                    ("y1", &bottom),
                    ("y2", &num(BOTTOM + 3.0)),
                    ("class", "axis"),
                ],
            );
            s.text(
                "text",
                &[
                    ("x", &label_x),
                    ("y", &num(HEIGHT - 2.0)),
                    ("font-size", "9"),
                    ("class", "label"),
                ],
                &label,
            );
        }
        for (x1, x2, y) in &g.target_steps {
            let y = num(*y);
            s.empty(
                "line",
                &[
                    ("x1", &num(*x1)),
                    ("x2", &num(*x2)),
                    ("y1", &y),
                    ("y2", &y),
                    ("class", "target"),
                ],
            );
        }
        if !g.line.is_empty() {
            let points: Vec<String> = g
                .line
                .iter()
                .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                .collect();
            s.empty(
                "polyline",
                &[("points", &points.join(" ")), ("class", "actual")],
            );
            if let Some((x, y)) = g.line.last() {
                s.empty(
                    "circle",
                    &[
                        ("cx", &num(*x)),
                        ("cy", &num(*y)),
                        ("r", "2.5"),
                        ("class", "actual"),
                    ],
                );
            }
        }
        s.close("svg");
        s.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn chart<'a>(points: &'a [(Date, f64)], targets: &'a [(i32, f64)]) -> TrendChart<'a> {
        TrendChart {
            id: "t",
            title: "Aktiiviset kumppanit",
            desc: "120 → 150",
            first_year: 2023,
            last_year: 2027,
            points,
            targets,
        }
    }

    #[test]
    fn time_runs_left_to_right_over_the_plans_years() {
        let points = [
            (date!(2023 - 01 - 01), 10.0),
            (date!(2025 - 07 - 02), 20.0),
            (date!(2027 - 12 - 31), 30.0),
        ];
        let g = chart(&points, &[]).geometry();
        assert!((g.line[0].0 - LEFT).abs() < 0.01);
        assert!(
            (g.line[1].0 - (LEFT + RIGHT) / 2.0).abs() < 1.0,
            "mid-2025 is the middle of 2023–2027"
        );
        assert!((g.line[2].0 - RIGHT).abs() < 0.2);
        assert!(g.line[2].1 < g.line[0].1, "a higher figure is drawn higher");
        assert_eq!(g.years.len(), 5);
    }

    #[test]
    fn a_target_holds_from_its_year_until_the_next_target() {
        let targets = [(2025, 40.0), (2023, 20.0)];
        let g = chart(&[], &targets).geometry();
        assert_eq!(g.target_steps.len(), 2);
        let (x1, x2, _) = g.target_steps[0];
        assert!((x1 - LEFT).abs() < 0.01 && (x2 - g.years[2].0).abs() < 0.01);
        let (x1, x2, y) = g.target_steps[1];
        assert!((x1 - g.years[2].0).abs() < 0.01 && (x2 - RIGHT).abs() < 0.01);
        assert!(
            (TOP..BOTTOM).contains(&y),
            "the highest target stays inside the plot"
        );
    }

    #[test]
    fn the_markup_is_an_image_named_by_its_title_and_escapes_text() {
        let points = [(date!(2024 - 06 - 30), 5.0)];
        let mut c = chart(&points, &[]);
        c.title = "R&D <kumppanit>";
        let svg = c.render();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("R&amp;D &lt;kumppanit&gt;"));
        assert!(svg.contains("<polyline"));
    }
}
