//! The roadmap (tiekartta): the plan's goals, actions and milestones on a timeline by year and
//! quarter, drawn as SVG with the same content as a list beside it, filterable by goal, owner
//! and status, and printable. The public link shows the same drawing without people.

use crate::svg::{num, Svg};
use time::Date;

/// One action on the timeline.
pub struct Bar<'a> {
    pub title: &'a str,
    pub starts_on: Date,
    pub ends_on: Date,
    /// The shown status code (`late`, `done`, ...), which picks the bar's colour class.
    pub status: &'a str,
    /// `(date, done)` of each milestone.
    pub milestones: Vec<(Date, bool)>,
}

/// A goal's heading and its actions.
pub struct Lane<'a> {
    pub title: &'a str,
    pub depth: usize,
    pub bars: Vec<Bar<'a>>,
}

pub struct Roadmap<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub first_year: i32,
    pub last_year: i32,
    pub lanes: &'a [Lane<'a>],
    /// Today's line, when today lies inside the plan.
    pub today: Option<Date>,
}

const LABEL_WIDTH: f64 = 300.0;
const WIDTH: f64 = 960.0;
const RIGHT: f64 = 950.0;
const HEADER: f64 = 36.0;
const ROW: f64 = 22.0;

impl Roadmap<'_> {
    /// The x of a day: the plan's years share the width after the labels equally.
    pub fn x_of(&self, d: Date) -> f64 {
        let start = Date::from_ordinal_date(self.first_year, 1)
            .map(Date::to_julian_day)
            .unwrap_or(0);
        let end = Date::from_ordinal_date(self.last_year + 1, 1)
            .map(Date::to_julian_day)
            .unwrap_or(start + 1);
        let share = f64::from(d.to_julian_day() - start) / f64::from((end - start).max(1));
        LABEL_WIDTH + (RIGHT - LABEL_WIDTH) * share.clamp(0.0, 1.0)
    }

    fn quarter_x(&self, year: i32, quarter: u8) -> f64 {
        let month = time::Month::try_from(1 + (quarter - 1) * 3).unwrap_or(time::Month::January);
        Date::from_calendar_date(year, month, 1)
            .map(|d| self.x_of(d))
            .unwrap_or(LABEL_WIDTH)
    }

    pub fn height(&self) -> f64 {
        let rows: usize = self.lanes.iter().map(|l| 1 + l.bars.len()).sum();
        HEADER + ROW * rows as f64 + 8.0
    }

    pub fn render(&self) -> String {
        let height = self.height();
        let title_id = format!("{}-title", self.id);
        let desc_id = format!("{}-desc", self.id);
        let labelled_by = format!("{title_id} {desc_id}");
        let view_box = format!("0 0 {} {}", num(WIDTH), num(height));
        let mut s = Svg::new();
        s.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg"),
                ("class", "roadmap"),
                ("role", "img"),
                ("aria-labelledby", &labelled_by),
                ("viewBox", &view_box),
                ("width", "100%"),
                ("font-family", "sans-serif"),
                ("font-size", "11"),
            ],
        );
        s.text("title", &[("id", &title_id)], self.title);
        s.text("desc", &[("id", &desc_id)], self.desc);
        let bottom = num(height - 4.0);
        for year in self.first_year..=self.last_year {
            for quarter in 1..=4u8 {
                let x = num(self.quarter_x(year, quarter));
                let class = if quarter == 1 { "year" } else { "quarter" };
                s.empty(
                    "line",
                    &[
                        ("x1", &x),
                        ("x2", &x),
                        ("y1", "16"),
                        ("y2", &bottom),
                        ("class", class),
                    ],
                );
                let label = if quarter == 1 {
                    year.to_string()
                } else {
                    format!("Q{quarter}")
                };
                let y = if quarter == 1 { "12" } else { "28" };
                s.text(
                    "text",
                    &[
                        ("x", &num(self.quarter_x(year, quarter) + 3.0)),
                        ("y", y),
                        ("class", class),
                    ],
                    &label,
                );
            }
        }
        let mut y = HEADER;
        for lane in self.lanes {
            let indent = 4.0 + 12.0 * (lane.depth.saturating_sub(1)) as f64;
            s.text(
                "text",
                &[
                    ("x", &num(indent)),
                    ("y", &num(y + 15.0)),
                    ("class", "lane"),
                ],
                &shorten(lane.title, 46),
            );
            y += ROW;
            for bar in &lane.bars {
                s.text(
                    "text",
                    &[
                        ("x", &num(indent + 10.0)),
                        ("y", &num(y + 15.0)),
                        ("class", "bar-label"),
                    ],
                    &shorten(bar.title, 44),
                );
                let (x1, x2) = (self.x_of(bar.starts_on), self.x_of(bar.ends_on));
                let class = format!("bar status-{}", bar.status);
                s.empty(
                    "rect",
                    &[
                        ("x", &num(x1)),
                        ("y", &num(y + 5.0)),
                        ("width", &num((x2 - x1).max(2.0))),
                        ("height", "12"),
                        ("rx", "3"),
                        ("class", &class),
                    ],
                );
                for (due, done) in &bar.milestones {
                    let (cx, cy) = (self.x_of(*due), y + 11.0);
                    let points = format!(
                        "{},{} {},{} {},{} {},{}",
                        num(cx),
                        num(cy - 6.0),
                        num(cx + 6.0),
                        num(cy),
                        num(cx),
                        num(cy + 6.0),
                        num(cx - 6.0),
                        num(cy)
                    );
                    s.empty(
                        "polygon",
                        &[
                            ("points", &points),
                            ("class", if *done { "milestone done" } else { "milestone" }),
                        ],
                    );
                }
                y += ROW;
            }
        }
        if let Some(today) = self.today {
            let x = num(self.x_of(today));
            s.empty(
                "line",
                &[
                    ("x1", &x),
                    ("x2", &x),
                    ("y1", "16"),
                    ("y2", &bottom),
                    ("class", "today"),
                ],
            );
        }
        s.close("svg");
        s.finish()
    }
}

/// A label cut to `max` characters with an ellipsis; the list beside the drawing has it whole.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn roadmap<'a>(lanes: &'a [Lane<'a>]) -> Roadmap<'a> {
        Roadmap {
            id: "r",
            title: "Tiekartta",
            desc: "2023–2027",
            first_year: 2023,
            last_year: 2027,
            lanes,
            today: Some(date!(2026 - 11 - 24)),
        }
    }

    #[test]
    fn a_year_is_a_fifth_of_a_five_year_timeline() {
        let r = roadmap(&[]);
        let year = r.x_of(date!(2024 - 01 - 01)) - r.x_of(date!(2023 - 01 - 01));
        assert!((year - (RIGHT - LABEL_WIDTH) / 5.0).abs() < 0.5);
        assert!(
            (r.x_of(date!(2030 - 01 - 01)) - RIGHT).abs() < 0.01,
            "dates after the plan stay at its end"
        );
    }

    #[test]
    fn every_action_and_milestone_is_drawn_with_its_status() {
        let lanes = [Lane {
            title: "Yhteiskäyttö laajenee",
            depth: 1,
            bars: vec![Bar {
                title: "CNC-sorvi yritysten varattavaksi",
                starts_on: date!(2024 - 01 - 01),
                ends_on: date!(2026 - 12 - 31),
                status: "late",
                milestones: vec![
                    (date!(2024 - 03 - 31), true),
                    (date!(2026 - 09 - 30), false),
                ],
            }],
        }];
        let svg = roadmap(&lanes).render();
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains("class=\"bar status-late\""));
        assert_eq!(svg.matches("<polygon").count(), 2);
        assert!(svg.contains("class=\"milestone done\""));
        assert!(svg.contains(">Q3<") && svg.contains(">2027<"));
        assert!(svg.contains("class=\"today\""));
    }

    #[test]
    fn long_labels_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Lyhyt", 10), "Lyhyt");
        assert_eq!(
            shorten("Oppimisympäristöjen yhteiskäyttö", 10),
            "Oppimisym…"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The roadmap page

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::sharing::Choice;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use vaski_store::strategy::action::{self as store_action, Action};
use vaski_store::strategy::plan::{self, Goal};
use vaski_store::strategy::scorecard::depths;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub goal: Option<i64>,
    pub owner: Option<i64>,
    pub status: String,
}

/// A goal's lane as owned data, before it is lent to the drawing.
pub struct LaneData {
    pub title: String,
    pub depth: usize,
    pub actions: Vec<ActionLine>,
}

/// An action as the roadmap's list shows it.
pub struct ActionLine {
    pub title: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub status: &'static str,
    pub status_key: &'static str,
    pub milestones: Vec<(Date, bool, String)>,
    /// The partners that may be named where this roadmap is shown.
    pub partners: Vec<String>,
}

/// Whether a goal is `root` or lies under it.
fn within(goals: &[Goal], goal: i64, root: i64) -> bool {
    let mut current = Some(goal);
    let mut steps = 0;
    while let Some(g) = current {
        if g == root {
            return true;
        }
        steps += 1;
        if steps > 10 {
            return false;
        }
        current = goals.iter().find(|x| x.id == g).and_then(|x| x.parent_id);
    }
    false
}

/// The lanes of the roadmap after the filter; `public` leaves out confidential partners.
pub fn lanes(goals: &[Goal], actions: &[Action], filter: &Filter, public: bool) -> Vec<LaneData> {
    let depth_of = depths(goals);
    goals
        .iter()
        .filter(|g| filter.goal.is_none_or(|root| within(goals, g.id, root)))
        .map(|g| LaneData {
            title: g.title.clone(),
            depth: depth_of.get(&g.id).copied().unwrap_or(1),
            actions: actions
                .iter()
                .filter(|a| a.row.goal_id == g.id)
                .filter(|a| {
                    filter
                        .owner
                        .is_none_or(|o| a.owners.iter().any(|x| x.user_id == o))
                })
                .filter(|a| filter.status.is_empty() || a.shown_status.code() == filter.status)
                .map(|a| ActionLine {
                    title: a.row.title.clone(),
                    starts_on: a.row.starts_on,
                    ends_on: a.row.ends_on,
                    status: a.shown_status.code(),
                    status_key: a.shown_status.message_key(),
                    milestones: a
                        .milestones
                        .iter()
                        .map(|m| (m.due_on, m.done_on.is_some(), m.title.clone()))
                        .collect(),
                    partners: a
                        .partners
                        .iter()
                        .filter(|p| !(public && p.confidential))
                        .map(|p| p.name.clone())
                        .collect(),
                })
                .collect(),
        })
        .filter(|l| {
            filter.goal.is_some()
                || filter.owner.is_none() && filter.status.is_empty()
                || !l.actions.is_empty()
        })
        .collect()
}

/// The drawing of the lanes.
pub fn draw(
    id: &str,
    title: &str,
    desc: &str,
    first_year: i32,
    last_year: i32,
    lanes: &[LaneData],
    today: Date,
) -> String {
    let drawn: Vec<Lane<'_>> = lanes
        .iter()
        .map(|l| Lane {
            title: &l.title,
            depth: l.depth,
            bars: l
                .actions
                .iter()
                .map(|a| Bar {
                    title: &a.title,
                    starts_on: a.starts_on,
                    ends_on: a.ends_on,
                    status: a.status,
                    milestones: a
                        .milestones
                        .iter()
                        .map(|(d, done, _)| (*d, *done))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let today = (first_year..=last_year)
        .contains(&today.year())
        .then_some(today);
    Roadmap {
        id,
        title,
        desc,
        first_year,
        last_year,
        lanes: &drawn,
        today,
    }
    .render()
}

/// A date as Finns write it.
pub fn date_text(d: impl std::borrow::Borrow<Date>) -> String {
    let d = *d.borrow();
    format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year())
}

#[derive(Template)]
#[template(path = "strategy/roadmap.html")]
struct RoadmapPage {
    page: Frame,
    plan: plan::Plan,
    drawing: String,
    lanes: Vec<LaneData>,
    goals: Vec<Choice>,
    owners: Vec<Choice>,
    statuses: Vec<Choice>,
}

pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(filter): Query<Filter>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let plan = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let goals = plan::goals(&state.db, id).await?;
    let actions = store_action::of_plan(&state.db, id).await?;
    let page = Frame::of(
        &session,
        &format!("/plans/{id}/roadmap"),
        "strategy-roadmap-title",
    );
    let t = page.t.clone();
    let lanes = lanes(&goals, &actions, &filter, false);
    let title = t.t1("strategy-roadmap-of", "plan", &plan.title);
    let desc = t.t("strategy-roadmap-desc");
    let drawing = draw(
        "roadmap",
        &title,
        &desc,
        i32::try_from(plan.first_year).unwrap_or(2000),
        i32::try_from(plan.last_year).unwrap_or(2000),
        &lanes,
        store_action::today(),
    );
    let goal_choices = goals
        .iter()
        .map(|g| {
            Choice::new(
                &g.id.to_string(),
                g.title.clone(),
                filter.goal == Some(g.id),
            )
        })
        .collect();
    let mut owners: Vec<(i64, String)> = actions
        .iter()
        .flat_map(|a| a.owners.iter().map(|o| (o.user_id, o.name.clone())))
        .collect();
    owners.sort_by(|a, b| a.1.cmp(&b.1));
    owners.dedup();
    let owner_choices = owners
        .into_iter()
        .map(|(id, name)| Choice::new(&id.to_string(), name, filter.owner == Some(id)))
        .collect();
    let statuses = vaski_domain::strategy::action::ShownStatus::ALL
        .iter()
        .map(|s| Choice::new(s.code(), t.t(s.message_key()), filter.status == s.code()))
        .collect();
    render(&RoadmapPage {
        page,
        plan,
        drawing,
        lanes,
        goals: goal_choices,
        owners: owner_choices,
        statuses,
    })
}
