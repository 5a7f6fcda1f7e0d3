//! The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.

use crate::text::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];

/// A business ID whose check digit has been verified, always in the form `NNNNNNN-T`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BusinessId(String);

impl BusinessId {
    /// Parses `1234567-1`, and the old six-digit form `123456-7`, which gets a leading zero.
    /// Spaces around the value are ignored; nothing else is forgiven.
    pub fn parse(s: &str) -> Result<BusinessId, Invalid> {
        let bad = Invalid::new("error-business-id");
        let t = s.trim();
        let (body, check) = t.split_once('-').ok_or(bad.clone())?;
        if !(body.len() == 6 || body.len() == 7) || check.len() != 1 {
            return Err(bad);
        }
        if !body.bytes().all(|b| b.is_ascii_digit()) || !check.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad);
        }
        let body = format!("{body:0>7}");
        let expected = check_digit(&body).ok_or(Invalid::new("error-business-id-check"))?;
        if check != expected.to_string() {
            return Err(Invalid::new("error-business-id-check"));
        }
        Ok(BusinessId(format!("{body}-{check}")))
    }

    /// Makes a valid ID from a seven-digit body, or `None` where no check digit exists
    /// (remainder 1). Used by the demo network.
    pub fn from_body(body: u32) -> Option<BusinessId> {
        let body = format!("{:07}", body % 10_000_000);
        check_digit(&body).map(|c| BusinessId(format!("{body}-{c}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The check digit of a seven-digit body: 11 minus the weighted sum mod 11; remainder 0
/// gives 0, and remainder 1 means the body is never valid.
fn check_digit(body: &str) -> Option<u32> {
    let sum: u32 = body
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    match sum % 11 {
        0 => Some(0),
        1 => None,
        r => Some(11 - r),
    }
}

impl TryFrom<String> for BusinessId {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        BusinessId::parse(&s)
    }
}

impl From<BusinessId> for String {
    fn from(b: BusinessId) -> String {
        b.0
    }
}

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_real_business_ids_are_valid() {
        // Nokia Oyj and the Finnish Tax Administration.
        assert!(BusinessId::parse("0112038-9").is_ok());
        assert!(BusinessId::parse("0245458-3").is_ok());
    }

    #[test]
    fn old_six_digit_form_gets_a_leading_zero() {
        assert_eq!(
            BusinessId::parse("112038-9").map(|b| b.0),
            Ok("0112038-9".to_string())
        );
    }

    #[test]
    fn wrong_check_digit_is_refused_as_a_check_error() {
        assert_eq!(
            BusinessId::parse("0112038-8"),
            Err(Invalid::new("error-business-id-check"))
        );
    }

    #[test]
    fn malformed_ids_are_refused() {
        for s in [
            "",
            "0112038",
            "01120389",
            "0112038-",
            "01120a8-9",
            "0112038-99",
            "12345-1",
            "0112038 9",
        ] {
            assert_eq!(
                BusinessId::parse(s),
                Err(Invalid::new("error-business-id")),
                "{s}"
            );
        }
    }

    proptest! {
        #[test]
        fn every_body_has_exactly_one_valid_check_digit_unless_remainder_is_one(body in 0u32..10_000_000) {
            let text = format!("{body:07}");
            let valid: Vec<u32> = (0..10).filter(|c| BusinessId::parse(&format!("{text}-{c}")).is_ok()).collect();
            let weighted: u32 = text.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
            if weighted % 11 == 1 {
                prop_assert!(valid.is_empty());
            } else {
                prop_assert_eq!(valid.len(), 1);
            }
        }

        #[test]
        fn generated_ids_parse_back_to_themselves(body in 0u32..10_000_000) {
            if let Some(id) = BusinessId::from_body(body) {
                prop_assert_eq!(BusinessId::parse(id.as_str()), Ok(id.clone()));
            }
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,20}") {
            let _ = BusinessId::parse(&s);
        }
    }
}
