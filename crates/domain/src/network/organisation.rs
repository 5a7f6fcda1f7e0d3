//! An organisation of the network as a user describes it, and the rules it must meet.

use super::{BusinessId, CooperationForm, OrganisationKind, OrganisationStatus};
use crate::reference::{Industry, Municipality};
use crate::text::{self, Invalid};
use std::collections::BTreeMap;

/// Field name → message key of what is wrong with it; empty when all is well.
pub type FieldErrors = BTreeMap<&'static str, &'static str>;

/// What a form, an API call or a spreadsheet row says about an organisation, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OrganisationInput {
    pub name: String,
    pub business_id: String,
    pub kind: String,
    pub industry: String,
    pub municipality: String,
    pub address: String,
    pub website: String,
    pub tags: String,
    pub cooperation: Vec<String>,
    pub status: String,
    pub notes: String,
}

/// A validated organisation, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDraft {
    pub name: String,
    pub business_id: Option<BusinessId>,
    pub kind: OrganisationKind,
    pub industry: Option<&'static Industry>,
    pub municipality: Option<&'static Municipality>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub tags: Vec<String>,
    pub cooperation: Vec<CooperationForm>,
    pub status: OrganisationStatus,
    pub notes: Option<String>,
}

impl OrganisationInput {
    /// Checks every field and reports every problem at once, so a form can mark them all.
    pub fn validate(&self) -> Result<OrganisationDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = record(&mut errors, "name", text::required_line(&self.name, 200));
        let business_id = if self.business_id.trim().is_empty() {
            None
        } else {
            record(
                &mut errors,
                "business_id",
                BusinessId::parse(&self.business_id),
            )
        };
        let kind = if self.kind.trim().is_empty() {
            Some(OrganisationKind::Company)
        } else {
            record(
                &mut errors,
                "kind",
                OrganisationKind::parse_loose(&self.kind),
            )
        };
        let industry = optional(&mut errors, "industry", &self.industry, Industry::parse);
        let municipality = optional(
            &mut errors,
            "municipality",
            &self.municipality,
            Municipality::parse,
        );
        let address = record(
            &mut errors,
            "address",
            text::optional_line(&self.address, 300),
        );
        let website = record(&mut errors, "website", text::parse_website(&self.website));
        let tags = record(&mut errors, "tags", text::parse_tags(&self.tags));
        let mut cooperation = Vec::new();
        for c in self.cooperation.iter().filter(|c| !c.trim().is_empty()) {
            match CooperationForm::parse(c) {
                Ok(f) if !cooperation.contains(&f) => cooperation.push(f),
                Ok(_) => {}
                Err(e) => {
                    errors.entry("cooperation").or_insert(e.key);
                }
            }
        }
        let status = if self.status.trim().is_empty() {
            Some(OrganisationStatus::Active)
        } else {
            record(
                &mut errors,
                "status",
                OrganisationStatus::parse_loose(&self.status),
            )
        };
        let notes = record(&mut errors, "notes", text::optional_text(&self.notes, 5000));
        match (
            name,
            business_id,
            kind,
            industry,
            municipality,
            address,
            website,
            tags,
            status,
            notes,
        ) {
            (
                Some(name),
                business_id,
                Some(kind),
                Some(industry),
                Some(municipality),
                Some(address),
                Some(website),
                Some(tags),
                Some(status),
                Some(notes),
            ) if errors.is_empty() => Ok(OrganisationDraft {
                name,
                business_id,
                kind,
                industry,
                municipality,
                address,
                website,
                tags,
                cooperation,
                status,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

/// Keeps the value, or notes the field's error and gives `None`.
pub fn record<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    r: Result<T, Invalid>,
) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            errors.insert(field, e.key);
            None
        }
    }
}

/// An optional reference field: empty is `Some(None)`, a bad value is an error.
fn optional<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Option<Option<T>> {
    if value.trim().is_empty() {
        Some(None)
    } else {
        record(errors, field, parse(value)).map(Some)
    }
}

/// The name as duplicates are compared: folded, and without the legal form (Oy, Ab, Ky, ...),
/// so that `Hitsaamo Oy` and `HITSAAMO` are the same organisation in the same municipality.
pub fn normalised_name(name: &str) -> String {
    const LEGAL_FORMS: &[&str] = &[
        "oy", "oyj", "ab", "abp", "ky", "ay", "tmi", "ry", "rf", "ltd", "inc", "kb",
    ];
    super::search::fold(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !LEGAL_FORMS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> OrganisationInput {
        OrganisationInput {
            name: "Forssan Hitsaamo Oy".into(),
            business_id: "0112038-9".into(),
            kind: "company".into(),
            industry: "25".into(),
            municipality: "Forssa".into(),
            cooperation: vec!["workplace_learning".into(), "apprenticeship".into()],
            tags: "metalli, hitsaus".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_organisation_is_valid_and_normalised() {
        let d = valid_input().validate().expect("valid");
        assert_eq!(d.municipality.map(|m| m.code.as_str()), Some("061"));
        assert_eq!(d.industry.map(|i| i.code.as_str()), Some("25"));
        assert_eq!(d.status, OrganisationStatus::Active);
        assert_eq!(
            d.cooperation,
            vec![
                CooperationForm::WorkplaceLearning,
                CooperationForm::Apprenticeship
            ]
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = OrganisationInput {
            name: " ".into(),
            business_id: "1234567-8".into(),
            municipality: "Atlantis".into(),
            ..valid_input()
        };
        let errors = input.validate().expect_err("invalid");
        assert_eq!(errors.get("name"), Some(&"error-required"));
        assert_eq!(errors.get("business_id"), Some(&"error-business-id-check"));
        assert_eq!(errors.get("municipality"), Some(&"error-municipality"));
    }

    #[test]
    fn legal_form_and_case_do_not_make_a_different_name() {
        assert_eq!(normalised_name("HITSAAMO OY"), normalised_name("Hitsaamo"));
        assert_ne!(
            normalised_name("Hitsaamo Oy"),
            normalised_name("Hitsaamo Pirtti Oy")
        );
    }
}
