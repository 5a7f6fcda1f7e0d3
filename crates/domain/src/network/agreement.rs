//! An agreement between the institution and partners, with its validity and renewal reminder.

use super::organisation::{record, FieldErrors};
use super::AgreementKind;
use crate::text;
use time::{Date, Duration};

/// How long before its end an agreement is brought up for renewal unless told otherwise.
pub const DEFAULT_REMINDER_DAYS: i64 = 60;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AgreementInput {
    pub title: String,
    pub kind: String,
    pub valid_from: String,
    pub valid_to: String,
    pub reminder_days: String,
    pub document_url: String,
    pub notes: String,
    /// Other organisations party to the agreement, besides the one it is filed under.
    pub other_parties: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDraft {
    pub title: String,
    pub kind: AgreementKind,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub reminder_days: i64,
    pub document_url: Option<String>,
    pub notes: Option<String>,
    pub other_parties: Vec<i64>,
}

impl AgreementDraft {
    /// The day the renewal reminder falls due, for an agreement that ends.
    pub fn reminder_on(&self) -> Option<Date> {
        self.valid_to
            .map(|end| end - Duration::days(self.reminder_days))
    }
}

impl AgreementInput {
    pub fn validate(&self) -> Result<AgreementDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = record(&mut errors, "title", text::required_line(&self.title, 200));
        let kind = record(&mut errors, "kind", AgreementKind::parse(&self.kind));
        let valid_from = match text::parse_date(&self.valid_from) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.insert("valid_from", "error-required");
                None
            }
            Err(e) => {
                errors.insert("valid_from", e.key);
                None
            }
        };
        let valid_to = record(&mut errors, "valid_to", text::parse_date(&self.valid_to));
        if let (Some(from), Some(Some(to))) = (valid_from, valid_to) {
            if to < from {
                errors.insert("valid_to", "error-ends-before-start");
            }
        }
        let reminder_days = if self.reminder_days.trim().is_empty() {
            Some(DEFAULT_REMINDER_DAYS)
        } else {
            match self.reminder_days.trim().parse::<i64>() {
                Ok(n) if (0..=730).contains(&n) => Some(n),
                _ => {
                    errors.insert("reminder_days", "error-reminder-days");
                    None
                }
            }
        };
        let document_url = record(
            &mut errors,
            "document_url",
            text::parse_website(&self.document_url),
        );
        let notes = record(&mut errors, "notes", text::optional_text(&self.notes, 5000));
        match (
            title,
            kind,
            valid_from,
            valid_to,
            reminder_days,
            document_url,
            notes,
        ) {
            (
                Some(title),
                Some(kind),
                Some(valid_from),
                Some(valid_to),
                Some(reminder_days),
                Some(document_url),
                Some(notes),
            ) if errors.is_empty() => Ok(AgreementDraft {
                title,
                kind,
                valid_from,
                valid_to,
                reminder_days,
                document_url,
                notes,
                other_parties: self.other_parties.clone(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_reminder_defaults_to_sixty_days_before_the_end() {
        let input = AgreementInput {
            title: "Yhteistyösopimus".into(),
            kind: "cooperation".into(),
            valid_from: "1.1.2025".into(),
            valid_to: "31.12.2026".into(),
            ..Default::default()
        };
        let d = input.validate().expect("valid");
        assert_eq!(d.reminder_on(), Some(date!(2026 - 11 - 01)));
    }

    #[test]
    fn an_agreement_cannot_end_before_it_starts() {
        let input = AgreementInput {
            title: "NDA".into(),
            kind: "nda".into(),
            valid_from: "1.1.2025".into(),
            valid_to: "31.12.2024".into(),
            ..Default::default()
        };
        assert_eq!(
            input.validate().expect_err("invalid").get("valid_to"),
            Some(&"error-ends-before-start")
        );
    }
}
