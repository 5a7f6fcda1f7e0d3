//! The three languages of Vaski's users, Finnish first.

use serde::{Deserialize, Serialize};

/// A user-facing language. Finnish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fi,
    Sv,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Fi, Language::Sv, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Fi => "fi",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    /// Parses `fi`, `sv` or `en` (also with a region, `sv-FI`); anything else is `None`.
    pub fn parse(s: &str) -> Option<Language> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fi" => Some(Language::Fi),
            "sv" => Some(Language::Sv),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The name of the language in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::Fi => "Suomeksi",
            Language::Sv => "På svenska",
            Language::En => "In English",
        }
    }
}
