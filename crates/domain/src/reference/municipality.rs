//! Finnish municipalities valid on 2025-01-01 (Statistics Finland, CC BY 4.0).

use crate::text::Invalid;
use crate::Language;
use std::sync::OnceLock;

const MUNICIPALITIES_CSV: &str = include_str!("../../data/municipalities-fi.csv");

/// A municipality of the Statistics Finland 2025 classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Three-digit official code, e.g. `061` for Forssa.
    pub code: String,
    pub name_fi: String,
    pub name_sv: String,
    pub region_code: String,
    pub region_name_fi: String,
}

impl Municipality {
    /// All 308 municipalities, in code order.
    pub fn all() -> &'static [Municipality] {
        static ALL: OnceLock<Vec<Municipality>> = OnceLock::new();
        ALL.get_or_init(load)
    }

    /// Finds a municipality by its Finnish or Swedish name (case and diacritics ignored) or
    /// its official code (`61` and `061` both work).
    pub fn parse(s: &str) -> Result<&'static Municipality, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::new("error-required"));
        }
        if t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 3 {
            let code = format!("{t:0>3}");
            return Municipality::by_code(&code).ok_or(Invalid::new("error-municipality"));
        }
        let key = crate::network::search::fold(t);
        by_folded_name()
            .get(&key)
            .copied()
            .ok_or(Invalid::new("error-municipality"))
    }

    pub fn by_code(code: &str) -> Option<&'static Municipality> {
        Municipality::all().iter().find(|m| m.code == code)
    }

    /// The name in the user's language; Swedish where one exists, otherwise Finnish.
    pub fn name(&self, lang: Language) -> &str {
        match lang {
            Language::Sv => &self.name_sv,
            _ => &self.name_fi,
        }
    }
}

/// Every municipality by its folded Finnish and Swedish name, built once: an import looks up
/// a municipality for every row.
fn by_folded_name() -> &'static std::collections::HashMap<String, &'static Municipality> {
    static MAP: OnceLock<std::collections::HashMap<String, &'static Municipality>> =
        OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for m in Municipality::all() {
            map.insert(crate::network::search::fold(&m.name_sv), m);
        }
        // Finnish names last, so that they win where a Swedish name is another's Finnish one.
        for m in Municipality::all() {
            map.insert(crate::network::search::fold(&m.name_fi), m);
        }
        map
    })
}

fn load() -> Vec<Municipality> {
    let mut reader = csv::Reader::from_reader(MUNICIPALITIES_CSV.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() >= 5)
        .map(|r| Municipality {
            code: r[0].to_string(),
            name_fi: r[1].to_string(),
            name_sv: r[2].to_string(),
            region_code: r[3].to_string(),
            region_name_fi: r[4].to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_has_all_308_municipalities_of_2025() {
        assert_eq!(Municipality::all().len(), 308);
    }

    #[test]
    fn municipality_is_found_by_finnish_or_swedish_name_or_code() {
        assert_eq!(
            Municipality::parse("Jockis").map(|m| m.code.as_str()),
            Ok("169")
        );
        assert_eq!(
            Municipality::parse("jokioinen").map(|m| m.code.as_str()),
            Ok("169")
        );
        assert_eq!(
            Municipality::parse("61").map(|m| m.name_fi.as_str()),
            Ok("Forssa")
        );
        assert_eq!(
            Municipality::parse("Ypaja").map(|m| m.name_fi.as_str()),
            Ok("Ypäjä")
        );
        assert_eq!(
            Municipality::parse("Aanekoski").map(|m| m.name_fi.as_str()),
            Ok("Äänekoski")
        );
    }

    #[test]
    fn a_municipality_merged_away_in_2025_is_unknown() {
        assert_eq!(
            Municipality::parse("Pertunmaa"),
            Err(Invalid::new("error-municipality"))
        );
    }
}
