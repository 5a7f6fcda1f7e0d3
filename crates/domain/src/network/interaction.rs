//! A contact between the institution's staff and a partner: a visit, a call, a meeting.

use super::organisation::{record, FieldErrors};
use super::InteractionKind;
use crate::text;
use time::Date;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct InteractionInput {
    pub kind: String,
    pub date: String,
    /// The institution's side, as free text (names of staff who took part).
    pub our_participants: String,
    /// The partner's side.
    pub their_participants: String,
    pub notes: String,
    pub follow_up_on: String,
    pub follow_up_assignee: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionDraft {
    pub kind: InteractionKind,
    pub date: Date,
    pub our_participants: Option<String>,
    pub their_participants: Option<String>,
    pub notes: Option<String>,
    pub follow_up_on: Option<Date>,
    pub follow_up_assignee: Option<i64>,
}

impl InteractionInput {
    pub fn validate(&self) -> Result<InteractionDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = record(&mut errors, "kind", InteractionKind::parse(&self.kind));
        let date = match text::parse_date(&self.date) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.insert("date", "error-required");
                None
            }
            Err(e) => {
                errors.insert("date", e.key);
                None
            }
        };
        let ours = record(
            &mut errors,
            "our_participants",
            text::optional_line(&self.our_participants, 500),
        );
        let theirs = record(
            &mut errors,
            "their_participants",
            text::optional_line(&self.their_participants, 500),
        );
        let notes = record(
            &mut errors,
            "notes",
            text::optional_text(&self.notes, 10_000),
        );
        let follow_up_on = record(
            &mut errors,
            "follow_up_on",
            text::parse_date(&self.follow_up_on),
        );
        if let (Some(Some(f)), Some(d)) = (follow_up_on, date) {
            if f < d {
                errors.insert("follow_up_on", "error-follow-up-before-date");
            }
        }
        if self.follow_up_assignee.is_some() && matches!(follow_up_on, Some(None)) {
            errors.insert("follow_up_on", "error-follow-up-needs-date");
        }
        match (kind, date, ours, theirs, notes, follow_up_on) {
            (
                Some(kind),
                Some(date),
                Some(our_participants),
                Some(their_participants),
                Some(notes),
                Some(follow_up_on),
            ) if errors.is_empty() => Ok(InteractionDraft {
                kind,
                date,
                our_participants,
                their_participants,
                notes,
                follow_up_on,
                follow_up_assignee: self.follow_up_assignee,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_cannot_be_before_the_interaction() {
        let input = InteractionInput {
            kind: "visit".into(),
            date: "10.3.2025".into(),
            follow_up_on: "1.3.2025".into(),
            ..Default::default()
        };
        assert_eq!(
            input.validate().expect_err("invalid").get("follow_up_on"),
            Some(&"error-follow-up-before-date")
        );
    }

    #[test]
    fn a_visit_with_a_date_is_enough() {
        let input = InteractionInput {
            kind: "visit".into(),
            date: "2025-03-10".into(),
            ..Default::default()
        };
        assert!(input.validate().is_ok());
    }
}
