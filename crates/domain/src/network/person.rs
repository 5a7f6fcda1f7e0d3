//! A contact person of a partner organisation.

use super::organisation::{record, FieldErrors};
use crate::text::{self, Email};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    /// Why Vaski may hold this person's data: consent and its purpose, or another lawful basis.
    pub lawful_basis: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub lawful_basis: Option<String>,
}

impl PersonInput {
    pub fn validate(&self) -> Result<PersonDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = record(&mut errors, "name", text::required_line(&self.name, 200));
        let title = record(&mut errors, "title", text::optional_line(&self.title, 200));
        let email = if self.email.trim().is_empty() {
            Some(None)
        } else {
            record(&mut errors, "email", Email::parse(&self.email)).map(Some)
        };
        let phone = record(&mut errors, "phone", text::parse_phone(&self.phone));
        let lawful_basis = record(
            &mut errors,
            "lawful_basis",
            text::optional_text(&self.lawful_basis, 1000),
        );
        match (name, title, email, phone, lawful_basis) {
            (Some(name), Some(title), Some(email), Some(phone), Some(lawful_basis))
                if errors.is_empty() =>
            {
                Ok(PersonDraft {
                    name,
                    title,
                    email,
                    phone,
                    lawful_basis,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_needs_a_name_and_a_valid_email_if_any() {
        let ok = PersonInput {
            name: "Maija Mallikas".into(),
            email: "maija@hitsaamo.fi".into(),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        let bad = PersonInput {
            name: "".into(),
            email: "maija(at)hitsaamo".into(),
            ..Default::default()
        };
        let errors = bad.validate().expect_err("invalid");
        assert_eq!(errors.len(), 2);
    }
}
