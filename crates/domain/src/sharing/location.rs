//! A location (sijainti) of an organisation: a campus, a building or a hall that resources are
//! at and whose opening hours they can follow. What a form sent ([`LocationInput`], as typed)
//! and the validated [`LocationDraft`] the store writes.

use crate::network::organisation::{record, FieldErrors};
use crate::reference::municipality::Municipality;
use crate::text;

/// The longest name and address accepted, in characters.
const NAME_MAX: usize = 200;
const ADDRESS_MAX: usize = 300;

/// What a user typed into the location form.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct LocationInput {
    pub name: String,
    pub address: String,
    pub municipality: String,
}

/// A location that can be stored: a name, and an address and a municipality of the reference
/// data where given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationDraft {
    pub name: String,
    pub address: Option<String>,
    pub municipality: Option<&'static Municipality>,
}

impl LocationDraft {
    pub fn municipality_code(&self) -> Option<&str> {
        self.municipality.map(|m| m.code.as_str())
    }
}

impl LocationInput {
    /// The draft, or every field's problem at once (the municipality is looked up by its
    /// Finnish or Swedish name or its code, as the organisation form does).
    pub fn validate(&self) -> Result<LocationDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = record(
            &mut errors,
            "name",
            text::required_line(&self.name, NAME_MAX),
        );
        let address = record(
            &mut errors,
            "address",
            text::optional_line(&self.address, ADDRESS_MAX),
        );
        let municipality = if self.municipality.trim().is_empty() {
            Some(None)
        } else {
            record(
                &mut errors,
                "municipality",
                Municipality::parse(&self.municipality).map(Some),
            )
        };
        match (name, address, municipality) {
            (Some(name), Some(address), Some(municipality)) if errors.is_empty() => {
                Ok(LocationDraft {
                    name,
                    address,
                    municipality,
                })
            }
            _ => Err(errors),
        }
    }

    /// The form as a stored location fills it, the municipality by its name in `lang`.
    pub fn of(
        name: &str,
        address: Option<&str>,
        municipality_code: Option<&str>,
        lang: crate::Language,
    ) -> LocationInput {
        LocationInput {
            name: name.to_string(),
            address: address.unwrap_or_default().to_string(),
            municipality: municipality_code
                .and_then(Municipality::by_code)
                .map(|m| m.name(lang).to_string())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, address: &str, municipality: &str) -> LocationInput {
        LocationInput {
            name: name.into(),
            address: address.into(),
            municipality: municipality.into(),
        }
    }

    #[test]
    fn a_location_in_forssa_is_stored_with_the_municipality_code() {
        let d = input(" Forssan kampus ", "Wahreninkatu 2", "Forssa")
            .validate()
            .expect("valid");
        assert_eq!(d.name, "Forssan kampus");
        assert_eq!(d.address.as_deref(), Some("Wahreninkatu 2"));
        assert_eq!(d.municipality_code(), Some("061"));
    }

    #[test]
    fn a_location_needs_a_name_and_a_real_municipality() {
        let errors = input("", "", "Atlantis").validate().expect_err("invalid");
        assert_eq!(errors.get("name"), Some(&"error-required"));
        assert!(errors.contains_key("municipality"), "{errors:?}");
        assert!(!errors.contains_key("address"));
    }

    #[test]
    fn address_and_municipality_may_be_left_out() {
        let d = input("Metallihalli", " ", "").validate().expect("valid");
        assert_eq!(d.address, None);
        assert_eq!(d.municipality, None);
    }

    #[test]
    fn a_stored_location_fills_the_form_with_the_municipality_name() {
        let i = LocationInput::of("Halli", None, Some("061"), crate::Language::Sv);
        assert_eq!(i.municipality, "Forssa");
        assert_eq!(i.address, "");
    }
}
