//! Small validated text types shared by every module.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value given by a user was refused. The message is a message-catalogue key so that
/// the web layer can say it in the user's language; `detail` carries what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}")]
pub struct Invalid {
    pub key: &'static str,
}

impl Invalid {
    pub const fn new(key: &'static str) -> Self {
        Invalid { key }
    }
}

/// A required single-line text, trimmed, 1..=max characters, no control characters.
pub fn required_line(s: &str, max: usize) -> Result<String, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Invalid::new("error-required"));
    }
    optional_line(t, max).map(|o| o.unwrap_or_default())
}

/// An optional single-line text: empty becomes `None`.
pub fn optional_line(s: &str, max: usize) -> Result<Option<String>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > max {
        return Err(Invalid::new("error-too-long"));
    }
    if t.chars().any(char::is_control) {
        return Err(Invalid::new("error-control-characters"));
    }
    Ok(Some(t.to_string()))
}

/// An optional multi-line text (notes): newlines and tabs allowed, other controls not.
pub fn optional_text(s: &str, max: usize) -> Result<Option<String>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > max {
        return Err(Invalid::new("error-too-long"));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Invalid::new("error-control-characters"));
    }
    Ok(Some(t.to_string()))
}

/// An email address: one `@`, a non-empty local part, a domain with a dot, no spaces.
/// Stored lower-cased so that logins and duplicates do not depend on case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Email, Invalid> {
        let t = s.trim();
        let bad = Invalid::new("error-email");
        if t.is_empty() || t.len() > 254 || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad);
        }
        let (local, domain) = t.split_once('@').ok_or(bad.clone())?;
        if local.is_empty()
            || domain.contains('@')
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
        {
            return Err(bad);
        }
        Ok(Email(t.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Email::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A web address; `www.example.fi` is completed to `https://www.example.fi`.
pub fn parse_website(s: &str) -> Result<Option<String>, Invalid> {
    let Some(t) = optional_line(s, 300)? else {
        return Ok(None);
    };
    let full = if t.starts_with("http://") || t.starts_with("https://") {
        t
    } else {
        format!("https://{t}")
    };
    let host = full
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("");
    if host.is_empty() || !host.contains('.') || host.contains(' ') {
        return Err(Invalid::new("error-website"));
    }
    Ok(Some(full))
}

/// A phone number as people write it: digits, spaces, `+`, `-`, `(`, `)`; at least 5 digits.
pub fn parse_phone(s: &str) -> Result<Option<String>, Invalid> {
    let Some(t) = optional_line(s, 40)? else {
        return Ok(None);
    };
    let digits = t.chars().filter(char::is_ascii_digit).count();
    if digits < 5 || !t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return Err(Invalid::new("error-phone"));
    }
    Ok(Some(t))
}

/// A calendar date typed by a user: ISO `2025-03-31` or Finnish `31.3.2025`.
pub fn parse_date(s: &str) -> Result<Option<time::Date>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = Invalid::new("error-date");
    let parts: Vec<&str> = if t.contains('-') {
        t.split('-').collect()
    } else {
        t.split('.').collect()
    };
    if parts.len() != 3 {
        return Err(bad);
    }
    let nums: Vec<i32> = parts
        .iter()
        .map(|p| p.trim().parse::<i32>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad.clone())?;
    let (y, m, d) = if t.contains('-') {
        (nums[0], nums[1], nums[2])
    } else {
        (nums[2], nums[1], nums[0])
    };
    if !(1900..=2200).contains(&y) {
        return Err(bad);
    }
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or(bad.clone())?;
    let day = u8::try_from(d).map_err(|_| bad.clone())?;
    time::Date::from_calendar_date(y, month, day)
        .map(Some)
        .map_err(|_| bad)
}

/// Tags: comma-separated, trimmed, lower-cased, unique, each at most 40 characters.
pub fn parse_tags(s: &str) -> Result<Vec<String>, Invalid> {
    let mut tags: Vec<String> = Vec::new();
    for raw in s.split([',', ';']) {
        if let Some(t) = optional_line(raw, 40)? {
            let t = t.to_lowercase();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_lower_cased_and_needs_a_domain_with_a_dot() {
        assert_eq!(
            Email::parse(" Maija.Mallikas@Forssa.FI ").map(|e| e.0),
            Ok("maija.mallikas@forssa.fi".into())
        );
        assert!(Email::parse("maija@forssa").is_err());
        assert!(Email::parse("maija forssa@x.fi").is_err());
        assert!(Email::parse("@x.fi").is_err());
    }

    #[test]
    fn finnish_and_iso_dates_are_both_understood() {
        let d = time::macros::date!(2025 - 03 - 31);
        assert_eq!(parse_date("31.3.2025"), Ok(Some(d)));
        assert_eq!(parse_date("2025-03-31"), Ok(Some(d)));
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("31.2.2025").is_err());
        assert!(parse_date("huomenna").is_err());
    }

    #[test]
    fn website_without_scheme_is_completed() {
        assert_eq!(
            parse_website("www.lhkk.fi"),
            Ok(Some("https://www.lhkk.fi".into()))
        );
        assert!(parse_website("not a site").is_err());
    }

    #[test]
    fn tags_are_split_trimmed_and_unique() {
        assert_eq!(
            parse_tags("Metalli, hitsaus; metalli,,"),
            Ok(vec!["metalli".to_string(), "hitsaus".to_string()])
        );
    }
}
