//! TOL 2008 industries, sections and divisions (Statistics Finland, CC BY 4.0).

use crate::text::Invalid;
use crate::Language;
use std::sync::OnceLock;

const TOL_CSV: &str = include_str!("../../data/tol2008.csv");

/// The classification an organisation's industry code belongs to; stored beside the code so
/// that a later move to TOL 2025 does not silently change what old codes mean.
pub const CLASSIFICATION: &str = "TOL 2008";

/// One TOL 2008 section (`C`) or division (`25`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Industry {
    pub code: String,
    /// 1 for a section, 2 for a division.
    pub level: u8,
    pub name_fi: String,
    pub name_en: String,
}

impl Industry {
    pub fn all() -> &'static [Industry] {
        static ALL: OnceLock<Vec<Industry>> = OnceLock::new();
        ALL.get_or_init(load)
    }

    pub fn divisions() -> impl Iterator<Item = &'static Industry> {
        Industry::all().iter().filter(|i| i.level == 2)
    }

    /// Accepts a section letter, a two-digit division, or a longer TOL code (`25620`), which is
    /// read as its division (`25`) because only the first two levels ship with Vaski. A text
    /// that is not a code is matched against the Finnish and English names.
    pub fn parse(s: &str) -> Result<&'static Industry, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::new("error-required"));
        }
        let code_part = t
            .split([' ', '\t'])
            .next()
            .unwrap_or(t)
            .trim_end_matches(['.', ',']);
        let digits: String = code_part.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() && digits.len() == code_part.chars().filter(|c| *c != '.').count() {
            let division = if digits.len() == 1 {
                format!("0{digits}")
            } else {
                digits[..2].to_string()
            };
            return Industry::by_code(&division).ok_or(Invalid::new("error-industry"));
        }
        if code_part.len() == 1 && code_part.chars().all(|c| c.is_ascii_alphabetic()) {
            return Industry::by_code(&code_part.to_ascii_uppercase())
                .ok_or(Invalid::new("error-industry"));
        }
        let key = crate::network::search::fold(t);
        Industry::all()
            .iter()
            .find(|i| {
                crate::network::search::fold(&i.name_fi) == key
                    || crate::network::search::fold(&i.name_en) == key
            })
            .ok_or(Invalid::new("error-industry"))
    }

    pub fn by_code(code: &str) -> Option<&'static Industry> {
        Industry::all().iter().find(|i| i.code == code)
    }

    /// The section (`C`) a division (`25`) belongs to; a section is its own section.
    pub fn section(&self) -> &'static Industry {
        let all = Industry::all();
        let mut current: Option<&'static Industry> = None;
        for i in all {
            if i.level == 1 {
                current = Some(i);
            }
            if i.code == self.code {
                break;
            }
        }
        current.unwrap_or(&all[0])
    }

    /// The name in the user's language. TOL 2008 has no Swedish names in the bundled data, so
    /// Swedish users see the Finnish name.
    pub fn name(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.name_en,
            _ => &self.name_fi,
        }
    }
}

fn load() -> Vec<Industry> {
    let mut reader = csv::Reader::from_reader(TOL_CSV.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() >= 4)
        .map(|r| Industry {
            code: r[0].to_string(),
            level: r[1].parse().unwrap_or(2),
            name_fi: r[2].to_string(),
            name_en: r[3].to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_five_digit_code_is_read_as_its_division() {
        let i = Industry::parse("25620").map(|i| i.code.as_str());
        assert_eq!(i, Ok("25"));
    }

    #[test]
    fn divisions_know_their_section() {
        let metal = Industry::by_code("25").map(|i| i.section().code.as_str());
        assert_eq!(metal, Some("C"));
        let farming = Industry::by_code("01").map(|i| i.section().code.as_str());
        assert_eq!(farming, Some("A"));
    }

    #[test]
    fn unknown_code_is_refused() {
        assert_eq!(Industry::parse("04"), Err(Invalid::new("error-industry")));
        assert!(Industry::parse("C").is_ok());
    }
}
