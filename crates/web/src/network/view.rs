//! Helpers the network's templates share: names of codes in the user's language, field errors.

use crate::i18n::Tr;
use std::collections::BTreeMap;
use vaski_domain::reference::{Industry, Municipality};

/// Field errors of a form, translated on demand.
#[derive(Clone, Default)]
pub struct FieldErrors {
    pub t: Option<Tr>,
    pub map: BTreeMap<&'static str, &'static str>,
}

impl FieldErrors {
    pub fn new(t: &Tr, map: BTreeMap<&'static str, &'static str>) -> FieldErrors {
        FieldErrors {
            t: Some(t.clone()),
            map,
        }
    }

    pub fn get(&self, field: &str) -> Option<String> {
        let key = self.map.get(field)?;
        Some(
            self.t
                .as_ref()
                .map(|t| t.t(key))
                .unwrap_or_else(|| (*key).to_string()),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

pub fn municipality_name(t: &Tr, code: &Option<String>) -> String {
    code.as_deref()
        .and_then(Municipality::by_code)
        .map(|m| m.name(t.lang).to_string())
        .unwrap_or_default()
}

pub fn industry_name(t: &Tr, code: &Option<String>) -> String {
    code.as_deref()
        .and_then(Industry::by_code)
        .map(|i| format!("{} {}", i.code, i.name(t.lang)))
        .unwrap_or_default()
}
