//! A small SVG writer and the bar chart the health page draws with it.
//!
//! Pages are built with askama, which escapes what it prints; a chart's geometry is easier to
//! compute in Rust, so this module writes the markup itself. To keep that as safe as a template,
//! element and attribute names are `&'static str` (chosen by our code, never by a user) and every
//! attribute value and text goes through [`escape`].

/// Escapes a text for use in SVG (XML) content and in double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, without a trailing `.0`, so that the markup stays short
/// and the same figures always give the same text.
pub fn num(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        // `-0` would read oddly in the markup.
        (rounded.trunc() as i64).to_string()
    } else {
        format!("{rounded:.1}")
    }
}

/// Writes SVG markup element by element, escaping every value.
#[derive(Default)]
pub struct Svg {
    out: String,
}

impl Svg {
    pub fn new() -> Svg {
        Svg::default()
    }

    fn start(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape(v));
            self.out.push('"');
        }
    }

    /// `<name attrs>`; close it with [`Svg::close`].
    pub fn open(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        self.start(name, attrs);
        self.out.push('>');
    }

    pub fn close(&mut self, name: &'static str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>");
    }

    /// `<name attrs>text</name>`.
    pub fn text(&mut self, name: &'static str, attrs: &[(&'static str, &str)], text: &str) {
        self.open(name, attrs);
        self.out.push_str(&escape(text));
        self.close(name);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// One bar: its label under the axis and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
}

/// A vertical bar chart with a title and a description for assistive technology.
pub struct BarChart<'a> {
    /// Unique on the page: the ids of the title and description derive from it.
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub bars: &'a [Bar],
}

/// Where the chart puts things, in viewBox units.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    pub width: f64,
    pub height: f64,
    /// The value at the top of the axis: a round number at or above the largest bar.
    pub axis_max: i64,
    /// The values with a grid line, from 0 up to `axis_max`.
    pub ticks: Vec<i64>,
    /// `(x, y, width, height)` of each bar.
    pub bars: Vec<(f64, f64, f64, f64)>,
}

const PLOT_TOP: f64 = 24.0;
const PLOT_BOTTOM: f64 = 190.0;
const CHART_HEIGHT: f64 = 220.0;
const AXIS_LEFT: f64 = 40.0;
const SLOT: f64 = 44.0;
const BAR_WIDTH: f64 = 28.0;
const MIN_WIDTH: f64 = 320.0;

/// The smallest "round" step (1, 2 or 5 times a power of ten) at or above `raw`.
fn round_step(raw: f64) -> i64 {
    let mut magnitude = 1_i64;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if step as f64 >= raw {
                return step;
            }
        }
        magnitude = magnitude.saturating_mul(10);
        if magnitude >= i64::MAX / 10 {
            return magnitude;
        }
    }
}

impl BarChart<'_> {
    /// The chart's geometry; pure, so the tests can check it without reading markup.
    pub fn geometry(&self) -> ChartGeometry {
        let largest = self.bars.iter().map(|b| b.value.max(0)).max().unwrap_or(0);
        // About four grid lines whatever the figures; never a zero step.
        let step = round_step((largest as f64 / 4.0).max(1.0));
        let axis_max = ((largest + step - 1) / step).max(1) * step;
        let ticks = (0..=axis_max / step).map(|i| i * step).collect();
        let plot_height = PLOT_BOTTOM - PLOT_TOP;
        let bars = self
            .bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let h = plot_height * b.value.max(0) as f64 / axis_max as f64;
                let x = AXIS_LEFT + SLOT * i as f64 + (SLOT - BAR_WIDTH) / 2.0;
                (x, PLOT_BOTTOM - h, BAR_WIDTH, h)
            })
            .collect();
        ChartGeometry {
            width: (AXIS_LEFT + SLOT * self.bars.len() as f64 + 8.0).max(MIN_WIDTH),
            height: CHART_HEIGHT,
            axis_max,
            ticks,
            bars,
        }
    }

    /// The chart as an `<svg role="img">` whose accessible name and description are its title
    /// and description; the page shows the same figures as a table beside it.
    pub fn render(&self) -> String {
        let g = self.geometry();
        let title_id = format!("{}-title", self.id);
        let desc_id = format!("{}-desc", self.id);
        let labelled_by = format!("{title_id} {desc_id}");
        let view_box = format!("0 0 {} {}", num(g.width), num(g.height));
        let mut s = Svg::new();
        s.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("class", "chart"),
                ("role", "img"),
                ("aria-labelledby", &labelled_by),
                ("viewBox", &view_box),
                ("width", "100%"),
                ("preserveAspectRatio", "xMinYMin meet"),
                ("font-family", "sans-serif"),
            ],
        );
        s.text("title", &[("id", &title_id)], self.title);
        s.text("desc", &[("id", &desc_id)], self.desc);
        let plot_height = PLOT_BOTTOM - PLOT_TOP;
        let right = num(g.width - 8.0);
        let left = num(AXIS_LEFT);
        for tick in &g.ticks {
            let y = num(PLOT_BOTTOM - plot_height * *tick as f64 / g.axis_max as f64);
            s.empty(
                "line",
                &[
                    ("x1", &left),
                    ("x2", &right),
                    ("y1", &y),
                    ("y2", &y),
                    ("stroke", "#c8c8c8"),
                    ("stroke-width", "1"),
                ],
            );
            s.text(
                "text",
                &[
                    ("x", &num(AXIS_LEFT - 6.0)),
                    (
                        "y",
                        &num(PLOT_BOTTOM - plot_height * *tick as f64 / g.axis_max as f64 + 4.0),
                    ),
                    ("text-anchor", "end"),
                    ("font-size", "11"),
                    ("fill", "#333333"),
                ],
                &tick.to_string(),
            );
        }
        for (bar, (x, y, w, h)) in self.bars.iter().zip(&g.bars) {
            let centre = num(x + w / 2.0);
            s.open("g", &[]);
            s.text("title", &[], &format!("{}: {}", bar.label, bar.value));
            s.empty(
                "rect",
                &[
                    ("x", &num(*x)),
                    ("y", &num(*y)),
                    ("width", &num(*w)),
                    ("height", &num(*h)),
                    ("fill", "#1d5f8a"),
                ],
            );
            s.text(
                "text",
                &[
                    ("x", &centre),
                    ("y", &num(y - 4.0)),
                    ("text-anchor", "middle"),
                    ("font-size", "12"),
                    ("fill", "#1a1a1a"),
                ],
                &bar.value.to_string(),
            );
            s.text(
                "text",
                &[
                    ("x", &centre),
                    ("y", &num(PLOT_BOTTOM + 18.0)),
                    ("text-anchor", "middle"),
                    ("font-size", "12"),
                    ("fill", "#1a1a1a"),
                ],
                &bar.label,
            );
            s.close("g");
        }
        s.empty(
            "line",
            &[
                ("x1", &left),
                ("x2", &right),
                ("y1", &num(PLOT_BOTTOM)),
                ("y2", &num(PLOT_BOTTOM)),
                ("stroke", "#333333"),
                ("stroke-width", "1"),
            ],
        );
        s.close("svg");
        s.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[(&str, i64)]) -> Vec<Bar> {
        values
            .iter()
            .map(|(l, v)| Bar {
                label: (*l).to_string(),
                value: *v,
            })
            .collect()
    }

    #[test]
    fn escape_makes_markup_characters_harmless_in_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>"Oy" & 'Ab'</script>"#),
            "&lt;script&gt;&quot;Oy&quot; &amp; &#39;Ab&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("Hämeen Kone Oy"), "Hämeen Kone Oy");
    }

    #[test]
    fn numbers_are_written_with_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(190.96), "191");
    }

    #[test]
    fn the_writer_escapes_every_attribute_value_and_text() {
        let mut s = Svg::new();
        s.text("text", &[("x", "1\" onload=\"alert(1)")], "<b>Oy</b>");
        assert_eq!(
            s.finish(),
            "<text x=\"1&quot; onload=&quot;alert(1)\">&lt;b&gt;Oy&lt;/b&gt;</text>"
        );
    }

    #[test]
    fn bar_heights_are_proportional_to_the_values_and_stand_on_the_axis() {
        let data = bars(&[("2022", 2), ("2023", 8), ("2024", 4)]);
        let chart = BarChart {
            id: "c",
            title: "t",
            desc: "d",
            bars: &data,
        };
        let g = chart.geometry();
        assert_eq!(g.bars.len(), 3);
        let h: Vec<f64> = g.bars.iter().map(|b| b.3).collect();
        assert!((h[1] - 4.0 * h[0]).abs() < 1e-9);
        assert!((h[1] - 2.0 * h[2]).abs() < 1e-9);
        for (_, y, _, h) in &g.bars {
            assert!(
                (y + h - PLOT_BOTTOM).abs() < 1e-9,
                "every bar ends on the axis"
            );
            assert!(*y >= PLOT_TOP - 1e-9, "no bar rises above the plot");
        }
        assert!(g.axis_max >= 8);
        assert_eq!(g.ticks.first(), Some(&0));
        assert_eq!(g.ticks.last(), Some(&g.axis_max));
    }

    #[test]
    fn the_axis_ends_on_a_round_number_at_or_above_the_largest_bar() {
        for (largest, expected) in [(0, 1), (1, 1), (3, 3), (7, 8), (37, 40), (123, 150)] {
            let data = bars(&[("x", largest)]);
            let chart = BarChart {
                id: "c",
                title: "t",
                desc: "d",
                bars: &data,
            };
            assert_eq!(chart.geometry().axis_max, expected, "largest {largest}");
        }
    }

    #[test]
    fn bars_do_not_overlap_and_fit_inside_the_chart() {
        let data: Vec<Bar> = (2000..2026)
            .map(|y| Bar {
                label: y.to_string(),
                value: y - 2000,
            })
            .collect();
        let chart = BarChart {
            id: "c",
            title: "t",
            desc: "d",
            bars: &data,
        };
        let g = chart.geometry();
        for pair in g.bars.windows(2) {
            assert!(pair[0].0 + pair[0].2 < pair[1].0);
        }
        let last = g.bars.last().expect("bars");
        assert!(last.0 + last.2 <= g.width);
    }

    #[test]
    fn the_chart_is_an_image_named_by_its_title_and_description() {
        let data = bars(&[("2024", 3)]);
        let chart = BarChart {
            id: "new-partners",
            title: "Uudet <kumppanit>",
            desc: "Vuosittain",
            bars: &data,
        };
        let svg = chart.render();
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"new-partners-title new-partners-desc\""));
        assert!(svg.contains("<title id=\"new-partners-title\">Uudet &lt;kumppanit&gt;</title>"));
        assert!(svg.contains("<desc id=\"new-partners-desc\">Vuosittain</desc>"));
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(svg.contains("width=\"100%\""));
        assert!(svg.contains(">2024</text>"));
        assert!(svg.contains("<title>2024: 3</title>"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn an_empty_chart_still_renders_an_axis() {
        let chart = BarChart {
            id: "c",
            title: "t",
            desc: "d",
            bars: &[],
        };
        let g = chart.geometry();
        assert_eq!(g.axis_max, 1);
        assert!(g.bars.is_empty());
        assert!(chart.render().contains("<line"));
    }
}
