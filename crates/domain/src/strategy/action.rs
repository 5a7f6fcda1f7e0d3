//! The action plan: actions under goals with owners, status, priority, dates and budget, and
//! their milestones (askelmerkit). "Late" is derived from the milestones and the end date,
//! never typed, so that it cannot go stale.

use super::plan::PlanPeriod;
use crate::network::organisation::{record, FieldErrors};
use crate::text::{self, Invalid};
use crate::vocabulary::vocabulary;
use time::Date;

vocabulary! {
    /// The status a person sets on an action.
    ActionStatus, "action-status", "error-action-status" {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
        Blocked => "blocked",
        Dropped => "dropped",
    }
}

vocabulary! {
    /// The status shown: the set one, or `late` when the action is behind its dates.
    ShownStatus, "action-shown", "error-action-status" {
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
        Late => "late",
        Blocked => "blocked",
        Dropped => "dropped",
    }
}

vocabulary! {
    /// How urgent an action is.
    Priority, "action-priority", "error-action-priority" {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
}

/// A milestone's date and the day it was done, if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MilestoneDates {
    pub due_on: Date,
    pub done_on: Option<Date>,
}

impl MilestoneDates {
    /// Past its date on `today` and not done.
    pub fn is_overdue(self, today: Date) -> bool {
        self.done_on.is_none() && self.due_on < today
    }
}

/// The status to show on `today`: an action that is planned or in progress is late when one
/// of its milestones is overdue or its end date has passed; the other statuses are final or
/// say more than "late" would (a blocked action is blocked, whatever the dates).
pub fn shown_status(
    set: ActionStatus,
    ends_on: Date,
    milestones: &[MilestoneDates],
    today: Date,
) -> ShownStatus {
    let open = matches!(set, ActionStatus::Planned | ActionStatus::InProgress);
    let behind = ends_on < today || milestones.iter().any(|m| m.is_overdue(today));
    match set {
        _ if open && behind => ShownStatus::Late,
        ActionStatus::Planned => ShownStatus::Planned,
        ActionStatus::InProgress => ShownStatus::InProgress,
        ActionStatus::Done => ShownStatus::Done,
        ActionStatus::Blocked => ShownStatus::Blocked,
        ActionStatus::Dropped => ShownStatus::Dropped,
    }
}

/// An action as typed into its form. The goal, owners and partners are chosen from lists and
/// checked against the plan by the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ActionInput {
    pub title: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub starts_on: String,
    pub ends_on: String,
    /// Euros, a decimal comma allowed; empty for none.
    pub budget: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActionDraft {
    pub title: String,
    pub description: Option<String>,
    pub status: ActionStatus,
    pub priority: Priority,
    pub starts_on: Date,
    pub ends_on: Date,
    pub budget_cents: Option<i64>,
}

impl ActionInput {
    /// Checks the action on its own and against the plan's years.
    pub fn validate(&self, period: PlanPeriod) -> Result<ActionDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = record(&mut errors, "title", text::required_line(&self.title, 200));
        let description = record(
            &mut errors,
            "description",
            text::optional_text(&self.description, 5000),
        );
        let status = record(
            &mut errors,
            "status",
            or_default(&self.status, "planned", ActionStatus::parse),
        );
        let priority = record(
            &mut errors,
            "priority",
            or_default(&self.priority, "medium", Priority::parse),
        );
        let starts_on = record(
            &mut errors,
            "starts_on",
            required_date(&self.starts_on, period),
        );
        let ends_on = record(&mut errors, "ends_on", required_date(&self.ends_on, period));
        if let (Some(s), Some(e)) = (starts_on, ends_on) {
            if e < s {
                errors.insert("ends_on", "error-action-ends-before-start");
            }
        }
        let budget_cents = record(&mut errors, "budget", parse_euros(&self.budget));
        match (
            title,
            description,
            status,
            priority,
            starts_on,
            ends_on,
            budget_cents,
        ) {
            (
                Some(title),
                Some(description),
                Some(status),
                Some(priority),
                Some(starts_on),
                Some(ends_on),
                Some(budget_cents),
            ) if errors.is_empty() => Ok(ActionDraft {
                title,
                description,
                status,
                priority,
                starts_on,
                ends_on,
                budget_cents,
            }),
            _ => Err(errors),
        }
    }
}

/// A milestone as typed into its form.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MilestoneInput {
    pub title: String,
    pub due_on: String,
    /// The day it was done; empty while not done.
    pub done_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MilestoneDraft {
    pub title: String,
    pub due_on: Date,
    pub done_on: Option<Date>,
}

impl MilestoneInput {
    /// Checks the milestone against its action's dates: a step outside them is refused.
    pub fn validate(
        &self,
        action_starts: Date,
        action_ends: Date,
    ) -> Result<MilestoneDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = record(&mut errors, "title", text::required_line(&self.title, 200));
        let due_on = match text::parse_date(&self.due_on) {
            Ok(Some(d)) if d < action_starts || d > action_ends => {
                errors.insert("due_on", "error-milestone-outside-action");
                None
            }
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.insert("due_on", "error-required");
                None
            }
            Err(e) => {
                errors.insert("due_on", e.key);
                None
            }
        };
        let done_on = record(&mut errors, "done_on", text::parse_date(&self.done_on));
        match (title, due_on, done_on) {
            (Some(title), Some(due_on), Some(done_on)) if errors.is_empty() => Ok(MilestoneDraft {
                title,
                due_on,
                done_on,
            }),
            _ => Err(errors),
        }
    }
}

fn or_default<T>(
    s: &str,
    default: &str,
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Result<T, Invalid> {
    parse(if s.trim().is_empty() { default } else { s })
}

fn required_date(s: &str, period: PlanPeriod) -> Result<Date, Invalid> {
    match text::parse_date(s)? {
        None => Err(Invalid::new("error-required")),
        Some(d) if !period.contains_date(d) => Err(Invalid::new("error-date-outside-plan")),
        Some(d) => Ok(d),
    }
}

/// Euros with at most two decimals (a comma or a point, spaces between thousands) as cents.
pub fn parse_euros(s: &str) -> Result<Option<i64>, Invalid> {
    let t: String = s
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = Invalid::new("error-euros");
    let (whole, cents) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || cents.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !cents.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad);
    }
    let whole: i64 = whole.parse().map_err(|_| bad.clone())?;
    let cents: i64 = format!("{cents:0<2}").parse().map_err(|_| bad.clone())?;
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .map(Some)
        .ok_or(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn plan() -> PlanPeriod {
        PlanPeriod::new(2023, 2027).expect("valid")
    }

    fn action(starts: &str, ends: &str) -> ActionInput {
        ActionInput {
            title: "Yhteiskäyttösopimusten malli".into(),
            starts_on: starts.into(),
            ends_on: ends.into(),
            ..ActionInput::default()
        }
    }

    #[test]
    fn an_action_is_late_when_a_milestone_passes_undone() {
        let today = date!(2026 - 11 - 24);
        let passed = MilestoneDates {
            due_on: date!(2026 - 9 - 30),
            done_on: None,
        };
        let done = MilestoneDates {
            due_on: date!(2026 - 9 - 30),
            done_on: Some(date!(2026 - 9 - 29)),
        };
        let ahead = MilestoneDates {
            due_on: date!(2027 - 3 - 31),
            done_on: None,
        };
        let ends = date!(2027 - 12 - 31);
        assert_eq!(
            shown_status(ActionStatus::InProgress, ends, &[passed, ahead], today),
            ShownStatus::Late
        );
        assert_eq!(
            shown_status(ActionStatus::InProgress, ends, &[done, ahead], today),
            ShownStatus::InProgress
        );
        assert_eq!(
            shown_status(ActionStatus::Planned, date!(2026 - 6 - 30), &[], today),
            ShownStatus::Late
        );
    }

    #[test]
    fn done_blocked_and_dropped_actions_are_never_late() {
        let today = date!(2026 - 11 - 24);
        let passed = [MilestoneDates {
            due_on: date!(2025 - 1 - 1),
            done_on: None,
        }];
        let ends = date!(2025 - 6 - 30);
        for (set, shown) in [
            (ActionStatus::Done, ShownStatus::Done),
            (ActionStatus::Blocked, ShownStatus::Blocked),
            (ActionStatus::Dropped, ShownStatus::Dropped),
        ] {
            assert_eq!(shown_status(set, ends, &passed, today), shown);
        }
    }

    #[test]
    fn an_action_outside_the_plan_or_ending_before_it_starts_is_refused() {
        let e = action("1.1.2022", "31.12.2023")
            .validate(plan())
            .expect_err("refused");
        assert_eq!(e.get("starts_on"), Some(&"error-date-outside-plan"));
        let e = action("2025-06-01", "2024-06-01")
            .validate(plan())
            .expect_err("refused");
        assert_eq!(e.get("ends_on"), Some(&"error-action-ends-before-start"));
        let d = action("2024-01-01", "2025-12-31")
            .validate(plan())
            .expect("valid");
        assert_eq!(
            (d.status, d.priority, d.budget_cents),
            (ActionStatus::Planned, Priority::Medium, None)
        );
    }

    #[test]
    fn late_cannot_be_typed() {
        let mut a = action("2024-01-01", "2025-12-31");
        a.status = "late".into();
        assert_eq!(
            a.validate(plan()).expect_err("refused").get("status"),
            Some(&"error-action-status")
        );
    }

    #[test]
    fn a_milestone_outside_its_action_is_refused() {
        let m = MilestoneInput {
            title: "Pilotti".into(),
            due_on: "2026-01-15".into(),
            done_on: String::new(),
        };
        let e = m
            .validate(date!(2024 - 1 - 1), date!(2025 - 12 - 31))
            .expect_err("refused");
        assert_eq!(e.get("due_on"), Some(&"error-milestone-outside-action"));
        assert!(m
            .validate(date!(2024 - 1 - 1), date!(2026 - 12 - 31))
            .is_ok());
    }

    #[test]
    fn a_budget_is_read_in_euros_and_kept_in_cents() {
        assert_eq!(parse_euros("12 500,5 €"), Ok(Some(1_250_050)));
        assert_eq!(parse_euros("40000"), Ok(Some(4_000_000)));
        assert_eq!(parse_euros(""), Ok(None));
        assert!(parse_euros("1,234").is_err());
        assert!(parse_euros("-5").is_err());
    }
}
