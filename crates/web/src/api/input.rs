//! Reading what a caller sent: query parameters and JSON objects, field by field, so that a
//! wrong type or an unknown name is reported against the field it concerns, together with the
//! domain's own validation errors, in one 422.

use super::error::{ApiError, Problems};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use vaski_store::Page;

/// The default page size of every list.
pub const DEFAULT_LIMIT: i64 = 50;

/// The query parameters of a request, read one by one.
pub struct Params {
    pairs: BTreeMap<String, String>,
    known: Vec<&'static str>,
    problems: Problems,
}

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Params {
        Params {
            pairs: pairs.into_iter().collect(),
            known: Vec::new(),
            problems: Problems::new(),
        }
    }

    /// A parameter's text; blank counts as absent.
    pub fn text(&mut self, key: &'static str) -> Option<String> {
        self.known.push(key);
        self.pairs
            .get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    pub fn int(&mut self, key: &'static str) -> Option<i64> {
        let text = self.text(key)?;
        match text.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                self.problems.insert(key.into(), "api-error-integer");
                None
            }
        }
    }

    pub fn flag(&mut self, key: &'static str) -> bool {
        match self.text(key).as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(_) => {
                self.problems.insert(key.into(), "api-error-boolean");
                false
            }
        }
    }

    /// A parameter parsed by a domain parser, whose error key is reported against it.
    pub fn parsed<T>(
        &mut self,
        key: &'static str,
        parse: impl Fn(&str) -> Result<T, vaski_domain::text::Invalid>,
    ) -> Option<T> {
        let text = self.text(key)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problems.insert(key.into(), e.key);
                None
            }
        }
    }

    /// `limit` (default 50, at most 500) and `offset`.
    pub fn page(&mut self) -> Page {
        let limit = self.int("limit").unwrap_or(DEFAULT_LIMIT);
        let offset = self.int("offset").unwrap_or(0);
        if offset < 0 {
            self.problems.insert("offset".into(), "api-error-negative");
        }
        Page::new(limit, offset)
    }

    /// Reports what was wrong, and parameters the endpoint does not know.
    pub fn finish(mut self) -> Result<(), ApiError> {
        for key in self.pairs.keys() {
            if !self.known.contains(&key.as_str()) {
                self.problems
                    .insert(key.clone(), "api-error-unknown-parameter");
            }
        }
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self.problems))
        }
    }
}

/// A JSON object of a request body, read one field at a time.
pub struct Body<'a> {
    map: &'a Map<String, Value>,
    known: Vec<&'static str>,
    pub problems: Problems,
}

impl<'a> Body<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Body<'a> {
        Body {
            map,
            known: Vec::new(),
            problems: Problems::new(),
        }
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.known.push(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&mut self, key: &'static str, message: &'static str) {
        self.problems.entry(key.into()).or_insert(message);
    }

    /// A text field; absent and `null` are empty.
    pub fn text(&mut self, key: &'static str) -> String {
        match self.get(key) {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                self.wrong(key, "api-error-text");
                String::new()
            }
        }
    }

    /// A code given as text, or as the object the API answers with (`{"code": ...}`).
    pub fn code(&mut self, key: &'static str) -> String {
        match self.get(key) {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Object(o)) => match o.get("code") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(_) => {
                    self.wrong(key, "api-error-text");
                    String::new()
                }
            },
            Some(_) => {
                self.wrong(key, "api-error-text");
                String::new()
            }
        }
    }

    /// A list of texts.
    pub fn texts(&mut self, key: &'static str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        _ => self.wrong(key, "api-error-texts"),
                    }
                }
                out
            }
            Some(_) => {
                self.wrong(key, "api-error-texts");
                Vec::new()
            }
        }
    }

    /// Tags: a list of texts, or one text separated by commas.
    pub fn tags(&mut self, key: &'static str) -> String {
        match self.map.get(key) {
            Some(Value::String(_)) => self.text(key),
            _ => self.texts(key).join(", "),
        }
    }

    /// An optional whole number; absent and `null` are `None`.
    pub fn int(&mut self, key: &'static str) -> Option<i64> {
        match self.get(key) {
            None => None,
            Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64(),
            Some(_) => {
                self.wrong(key, "api-error-integer");
                None
            }
        }
    }

    /// An optional number, whole or with decimals; absent and `null` are `None`.
    pub fn number(&mut self, key: &'static str) -> Option<f64> {
        match self.get(key) {
            None => None,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) => Some(v),
                None => {
                    self.wrong(key, "api-error-decimal");
                    None
                }
            },
            Some(_) => {
                self.wrong(key, "api-error-decimal");
                None
            }
        }
    }

    /// Whether the body has the field at all (even as `null`).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A yes-or-no field; absent and `null` are `false`.
    pub fn boolean(&mut self, key: &'static str) -> bool {
        match self.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.wrong(key, "api-error-boolean");
                false
            }
        }
    }

    /// A field's JSON as sent, for structured fields read by the endpoint itself; `null` is
    /// absent. What is wrong with it is reported with [`Body::problem`].
    pub fn raw(&mut self, key: &'static str) -> Option<&'a Value> {
        self.get(key)
    }

    /// Reports a problem of a field, unless one is reported already.
    pub fn problem(&mut self, key: &'static str, message: &'static str) {
        self.wrong(key, message);
    }

    /// A number given as a number or as text, as the domain reads it (text).
    pub fn number_text(&mut self, key: &'static str) -> String {
        match self.get(key) {
            None => String::new(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                self.wrong(key, "api-error-integer");
                String::new()
            }
        }
    }

    /// Record ids: a list of numbers, or of objects with an `id` (as the API answers them).
    pub fn ids(&mut self, key: &'static str) -> Vec<i64> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let id = match item {
                        Value::Number(n) => n.as_i64(),
                        Value::Object(o) => o.get("id").and_then(Value::as_i64),
                        _ => None,
                    };
                    match id {
                        Some(id) if !out.contains(&id) => out.push(id),
                        Some(_) => {}
                        None => self.wrong(key, "api-error-ids"),
                    }
                }
                out
            }
            Some(_) => {
                self.wrong(key, "api-error-ids");
                Vec::new()
            }
        }
    }

    /// Fields the API answers with but does not take: accepted and ignored, so that what a
    /// GET answered can be sent back with a PUT.
    pub fn read_only(&mut self, keys: &[&'static str]) {
        self.known.extend_from_slice(keys);
    }

    /// The problems found, with every field the endpoint does not know.
    pub fn finish(mut self) -> Problems {
        for key in self.map.keys() {
            if !self.known.contains(&key.as_str()) {
                self.problems
                    .entry(key.clone())
                    .or_insert("api-error-unknown-field");
            }
        }
        self.problems
    }
}

/// Merges the domain's validation errors into the problems found while reading; the first
/// problem of a field wins (a wrong type explains an empty value better than "required").
pub fn merge(mut problems: Problems, domain: BTreeMap<&'static str, &'static str>) -> Problems {
    for (field, key) in domain {
        problems.entry(field.to_string()).or_insert(key);
    }
    problems
}

/// Checks a domain input: the value when the input is valid and nothing else was wrong, else
/// a 422 with every problem.
pub fn validated<T>(
    problems: Problems,
    result: Result<T, BTreeMap<&'static str, &'static str>>,
) -> Result<T, ApiError> {
    match result {
        Ok(v) if problems.is_empty() => Ok(v),
        Ok(_) => Err(ApiError::validation(problems)),
        Err(domain) => Err(ApiError::validation(merge(problems, domain))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn a_wrong_type_and_an_unknown_field_are_named() {
        let map = object(json!({"name": 5, "nmae": "x", "id": 3}));
        let mut body = Body::new(&map);
        assert_eq!(body.text("name"), "");
        body.read_only(&["id"]);
        let problems = body.finish();
        assert_eq!(problems.get("name"), Some(&"api-error-text"));
        assert_eq!(problems.get("nmae"), Some(&"api-error-unknown-field"));
        assert!(!problems.contains_key("id"));
    }

    #[test]
    fn ids_are_numbers_or_objects_with_an_id() {
        let map = object(json!({"parties": [3, {"id": 4, "name": "x"}, 3]}));
        let mut body = Body::new(&map);
        assert_eq!(body.ids("parties"), vec![3, 4]);
        assert!(body.finish().is_empty());
    }

    #[test]
    fn the_limit_is_capped_and_a_word_is_not_a_number() {
        let mut params = Params::new(vec![("limit".into(), "10000".into())]);
        assert_eq!(params.page().limit, 500);
        assert!(params.finish().is_ok());
        let mut params = Params::new(vec![("limit".into(), "many".into())]);
        params.page();
        let err = params.finish().expect_err("not a number");
        assert!(err.fields.contains_key("limit"));
    }
}
