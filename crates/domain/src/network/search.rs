//! Finnish-aware search keys. Finnish inflects words at the end (Jokioinen, Jokioisten,
//! Jokioisissa) and people type without ä, ö and å, so both the indexed text and the query are
//! folded to plain lower-case letters, and a query word is cut to a stem that is then matched
//! as the beginning of an indexed word.

/// Lower-cases, folds diacritics (ä→a, ö→o, å→a, é→e, ...) and turns every run of
/// non-alphanumeric characters into one space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'š' => 's',
            'ž' => 'z',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// Endings removed from a query word, longest first: case endings, plural markers and the
/// common derivational endings of trades (hitsaus, hitsaamo, hitsaaja).
const SUFFIXES: &[&str] = &[
    "laisten", "laiset", "lainen", "uksien", "uksissa", "uksessa", "uksella", "uksesta", "isissa",
    "isilla", "isista", "isesta", "isessa", "isella", "isten", "iseen", "isten", "uksen", "ukset",
    "uksia", "ihin", "iden", "itten", "ista", "issa", "illa", "ilta", "ille", "inen", "isen",
    "iset", "aamo", "aaja", "ajat", "seen", "sten", "tten", "ssa", "sta", "lla", "lta", "lle",
    "ksi", "tta", "mme", "nne", "iin", "hin", "ien", "jen", "ten", "aus", "ous", "amo", "ja", "us",
    "na", "ta", "en", "in", "an", "on", "un", "yn", "a", "n", "t", "e", "i",
];

/// The shortest stem a query word is cut to, so that `koneen` does not shrink to `k`.
const MIN_STEM: usize = 4;

/// Cuts the longest known ending off a folded word, keeping at least [`MIN_STEM`] letters.
pub fn stem(word: &str) -> &str {
    let chars = word.chars().count();
    if chars <= MIN_STEM {
        return word;
    }
    for suffix in SUFFIXES {
        if let Some(rest) = word.strip_suffix(suffix) {
            if rest.chars().count() >= MIN_STEM {
                return rest;
            }
        }
    }
    word
}

/// The stems of a query, one for each word; every one must match for a record to be found.
pub fn query_stems(query: &str) -> Vec<String> {
    let mut stems: Vec<String> = Vec::new();
    for word in fold(query).split(' ').filter(|w| !w.is_empty()) {
        let s = stem(word).to_string();
        if !stems.contains(&s) {
            stems.push(s);
        }
    }
    stems
}

/// The text a record is indexed by: its fields folded, with a leading space so that a stem
/// can be matched at the beginning of any word with `LIKE '% stem%'`.
pub fn index_text<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from(" ");
    for f in fields {
        let folded = fold(f);
        if !folded.is_empty() {
            out.push_str(&folded);
            out.push(' ');
        }
    }
    out
}

/// Whether an indexed text matches every stem of a query; the same rule the database applies.
pub fn matches(index: &str, stems: &[String]) -> bool {
    stems.iter().all(|s| index.contains(&format!(" {s}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, text: &str) -> bool {
        matches(&index_text([text]), &query_stems(query))
    }

    #[test]
    fn folding_removes_diacritics_case_and_punctuation() {
        assert_eq!(
            fold("Äänekosken Konepaja Oy, (Ypäjä)"),
            "aanekosken konepaja oy ypaja"
        );
        assert_eq!(fold("Maarianhamina - Mariehamn"), "maarianhamina mariehamn");
    }

    #[test]
    fn the_trade_finds_the_workshop() {
        assert!(finds("hitsaus", "Hitsaamo Oy"));
        assert!(finds("hitsaamo", "Forssan Hitsaus Oy"));
    }

    #[test]
    fn an_inflected_place_name_finds_its_base_form() {
        assert!(finds("jokioisten", "Jokioinen"));
        assert!(finds("forssassa", "Forssa"));
        assert!(finds("ypäjällä", "Ypäjä"));
        assert!(finds("tammelan", "Tammela"));
    }

    #[test]
    fn missing_diacritics_still_find() {
        assert!(finds("aanekoski", "Äänekoski"));
        assert!(finds("ÄÄNEKOSKI", "Aanekoski"));
    }

    #[test]
    fn every_word_of_the_query_must_match() {
        assert!(finds("forssan hitsaus", "Hitsaamo Oy Forssa"));
        assert!(!finds("forssan leipomo", "Hitsaamo Oy Forssa"));
    }

    #[test]
    fn a_word_is_matched_at_its_beginning_only() {
        assert!(!finds("saamo", "Hitsaamo Oy"));
    }
}
