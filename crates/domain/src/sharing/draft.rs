//! A resource as its owner describes it: what the form or the API sent ([`ResourceInput`], all
//! text, as typed) and the validated [`ResourceDraft`] the store writes. Every field's problem
//! is reported against that field, in one go.

use super::pricing::{Prices, Tariff};
use super::resource::{pool_units, Approval, BookerKind, Eligibility, ResourceKind};
use super::rules::{BookingRules, RuleSettings};
use crate::network::organisation::{record, FieldErrors};
use crate::reference::municipality::Municipality;
use crate::text::{self, Invalid};

/// What a user typed into the resource form, or what an API caller sent, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceInput {
    pub name: String,
    pub kind: String,
    pub owner_organisation_id: String,
    pub part_of: String,
    pub address: String,
    pub municipality: String,
    pub building: String,
    pub room: String,
    pub description: String,
    pub capacity_people: String,
    pub accessibility: String,
    /// A pool's number of identical units; blank is 1.
    pub quantity: String,
    pub approval: String,
    pub eligibility: String,
    pub closed_on_public_holidays: bool,
    pub slot_minutes: String,
    pub min_duration_minutes: String,
    pub max_duration_minutes: String,
    pub min_notice_minutes: String,
    pub max_ahead_minutes: String,
    pub buffer_before_minutes: String,
    pub buffer_after_minutes: String,
    pub cancellation_free_hours: String,
    pub required_qualification_id: String,
    /// Prices in euros as typed (`45`, `45,50`, `45.50`), per kind of booker.
    pub prices: Vec<PriceInput>,
}

/// One kind of booker's prices as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceInput {
    pub booker: String,
    pub per_hour: String,
    pub per_day: String,
}

/// A validated resource, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDraft {
    pub name: String,
    pub kind: ResourceKind,
    pub owner_organisation_id: i64,
    pub part_of: Option<i64>,
    pub address: Option<String>,
    pub municipality: Option<&'static Municipality>,
    pub building: Option<String>,
    pub room: Option<String>,
    pub description: Option<String>,
    pub capacity_people: Option<i64>,
    pub accessibility: Option<String>,
    pub quantity: u32,
    pub rules: BookingRules,
    pub closed_on_public_holidays: bool,
    pub required_qualification_id: Option<i64>,
    pub prices: Prices,
}

impl ResourceInput {
    pub fn validate(&self) -> Result<ResourceDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = record(&mut errors, "name", text::required_line(&self.name, 200));
        let kind = record(&mut errors, "kind", ResourceKind::parse(&self.kind));
        let owner = record(
            &mut errors,
            "owner_organisation_id",
            required_id(&self.owner_organisation_id),
        );
        let part_of = record(&mut errors, "part_of", optional_id(&self.part_of));
        let address = record(
            &mut errors,
            "address",
            text::optional_line(&self.address, 300),
        );
        let municipality = record(
            &mut errors,
            "municipality",
            optional_municipality(&self.municipality),
        );
        let building = record(
            &mut errors,
            "building",
            text::optional_line(&self.building, 100),
        );
        let room = record(&mut errors, "room", text::optional_line(&self.room, 100));
        let description = record(
            &mut errors,
            "description",
            text::optional_text(&self.description, 5000),
        );
        let capacity_people = record(
            &mut errors,
            "capacity_people",
            count(&self.capacity_people, 100_000),
        );
        let accessibility = record(
            &mut errors,
            "accessibility",
            text::optional_text(&self.accessibility, 2000),
        );
        let quantity = record(&mut errors, "quantity", quantity(&self.quantity));
        let rules = self.rules(&mut errors);
        let qualification = record(
            &mut errors,
            "required_qualification_id",
            optional_id(&self.required_qualification_id),
        );
        let prices = record(&mut errors, "prices", prices(&self.prices));
        match (
            name,
            kind,
            owner,
            part_of,
            address,
            municipality,
            building,
            room,
            description,
        ) {
            (
                Some(name),
                Some(kind),
                Some(owner),
                Some(part_of),
                Some(address),
                Some(municipality),
                Some(building),
                Some(room),
                Some(description),
            ) if errors.is_empty() => {
                match (
                    capacity_people,
                    accessibility,
                    quantity,
                    rules,
                    qualification,
                    prices,
                ) {
                    (
                        Some(capacity_people),
                        Some(accessibility),
                        Some(quantity),
                        Some(rules),
                        Some(required_qualification_id),
                        Some(prices),
                    ) => Ok(ResourceDraft {
                        name,
                        kind,
                        owner_organisation_id: owner,
                        part_of,
                        address,
                        municipality,
                        building,
                        room,
                        description,
                        capacity_people,
                        accessibility,
                        quantity,
                        rules,
                        closed_on_public_holidays: self.closed_on_public_holidays,
                        required_qualification_id,
                        prices,
                    }),
                    _ => Err(errors),
                }
            }
            _ => Err(errors),
        }
    }

    /// The booking rules: each number checked on its own, then together by
    /// [`BookingRules::new`], whose field errors are merged in.
    fn rules(&self, errors: &mut FieldErrors) -> Option<BookingRules> {
        let mut minutes =
            |field: &'static str, value: &str| record(errors, field, count(value, i64::MAX));
        let slot = minutes("slot_minutes", &self.slot_minutes);
        let min_duration = minutes("min_duration_minutes", &self.min_duration_minutes);
        let max_duration = minutes("max_duration_minutes", &self.max_duration_minutes);
        let min_notice = minutes("min_notice_minutes", &self.min_notice_minutes);
        let max_ahead = minutes("max_ahead_minutes", &self.max_ahead_minutes);
        let before = minutes("buffer_before_minutes", &self.buffer_before_minutes);
        let after = minutes("buffer_after_minutes", &self.buffer_after_minutes);
        let free_hours = minutes("cancellation_free_hours", &self.cancellation_free_hours);
        let approval = record(
            errors,
            "approval",
            or_default(&self.approval, Approval::parse, Approval::Owner),
        );
        let eligibility = record(
            errors,
            "eligibility",
            or_default(
                &self.eligibility,
                Eligibility::parse,
                Eligibility::OwnInstitution,
            ),
        );
        let settings = RuleSettings {
            slot_minutes: slot?,
            min_duration_minutes: min_duration?,
            max_duration_minutes: max_duration?,
            min_notice_minutes: min_notice?,
            max_ahead_minutes: max_ahead?,
            buffer_before_minutes: before?.unwrap_or(0),
            buffer_after_minutes: after?.unwrap_or(0),
            approval: approval?,
            eligibility: eligibility?,
            cancellation_free_hours: free_hours?,
        };
        match BookingRules::new(settings) {
            Ok(rules) => Some(rules),
            Err(rule_errors) => {
                errors.extend(rule_errors);
                None
            }
        }
    }
}

fn required_id(s: &str) -> Result<i64, Invalid> {
    optional_id(s)?.ok_or(Invalid::new("error-required"))
}

fn optional_id(s: &str) -> Result<Option<i64>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(Invalid::new("error-id")),
    }
}

fn optional_municipality(s: &str) -> Result<Option<&'static Municipality>, Invalid> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        Municipality::parse(s).map(Some)
    }
}

/// A whole number of zero or more, at most `max`; blank is `None`.
fn count(s: &str, max: i64) -> Result<Option<i64>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if n < 0 => Err(Invalid::new("error-negative")),
        Ok(n) if n > max => Err(Invalid::new("error-too-large")),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(Invalid::new("error-number")),
    }
}

fn quantity(s: &str) -> Result<u32, Invalid> {
    match count(s, i64::from(u32::MAX)) {
        Ok(None) => Ok(1),
        Ok(Some(n)) => pool_units(n),
        Err(e) => Err(e),
    }
}

fn or_default<T>(
    s: &str,
    parse: impl Fn(&str) -> Result<T, Invalid>,
    default: T,
) -> Result<T, Invalid> {
    if s.trim().is_empty() {
        Ok(default)
    } else {
        parse(s)
    }
}

fn prices(inputs: &[PriceInput]) -> Result<Prices, Invalid> {
    let mut prices = Prices::new();
    for p in inputs {
        let booker = BookerKind::parse(&p.booker)?;
        let tariff = Tariff::new(euros(&p.per_hour)?, euros(&p.per_day)?)?;
        prices.set(booker, tariff);
    }
    Ok(prices)
}

/// Euros as people type them (`45`, `45,5`, `45.50`, `1 200,00`) in cents; blank is no price.
pub fn euros(s: &str) -> Result<Option<i64>, Invalid> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = Invalid::new("error-price");
    if t.starts_with('-') {
        return Err(Invalid::new("error-price-negative"));
    }
    let t = t.replace(',', ".");
    let (whole, fraction) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return Err(bad);
    }
    let whole: i64 = whole.parse().map_err(|_| bad.clone())?;
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad.clone())?;
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .map(Some)
        .ok_or(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lathe() -> ResourceInput {
        ResourceInput {
            name: "CNC-sorvi".into(),
            kind: "machine".into(),
            owner_organisation_id: "1".into(),
            municipality: "Forssa".into(),
            approval: "owner".into(),
            buffer_after_minutes: "30".into(),
            prices: vec![PriceInput {
                booker: "company".into(),
                per_hour: "45,00".into(),
                per_day: String::new(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_lathe_with_an_hourly_price_for_companies_is_valid() {
        let d = lathe().validate().expect("valid");
        assert_eq!(d.kind, ResourceKind::Machine);
        assert_eq!(d.quantity, 1);
        assert_eq!(d.municipality.map(|m| m.code.as_str()), Some("061"));
        assert_eq!(
            d.prices
                .tariff(BookerKind::Company)
                .and_then(|t| t.per_hour_cents()),
            Some(4500)
        );
        assert_eq!(d.rules.settings().buffer_after_minutes, 30);
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let input = ResourceInput {
            name: " ".into(),
            kind: "spaceship".into(),
            quantity: "0".into(),
            min_duration_minutes: "-5".into(),
            prices: vec![PriceInput {
                booker: "company".into(),
                per_hour: "-10".into(),
                per_day: String::new(),
            }],
            ..lathe()
        };
        let errors = input.validate().expect_err("invalid");
        assert_eq!(errors.get("name"), Some(&"error-required"));
        assert_eq!(errors.get("kind"), Some(&"error-resource-kind"));
        assert_eq!(errors.get("quantity"), Some(&"error-pool-units"));
        assert_eq!(errors.get("min_duration_minutes"), Some(&"error-negative"));
        assert_eq!(errors.get("prices"), Some(&"error-price-negative"));
    }

    #[test]
    fn rules_that_contradict_each_other_are_refused_by_field() {
        let input = ResourceInput {
            min_duration_minutes: "240".into(),
            max_duration_minutes: "60".into(),
            ..lathe()
        };
        let errors = input.validate().expect_err("invalid");
        assert!(
            errors.contains_key("min_duration_minutes")
                || errors.contains_key("max_duration_minutes"),
            "{errors:?}"
        );
    }

    #[test]
    fn euros_are_read_as_people_type_them() {
        assert_eq!(euros("45"), Ok(Some(4500)));
        assert_eq!(euros("45,5"), Ok(Some(4550)));
        assert_eq!(euros("1 200,00 €"), Ok(Some(120_000)));
        assert_eq!(euros(""), Ok(None));
        assert_eq!(euros("0"), Ok(Some(0)));
        assert!(euros("4,555").is_err());
        assert!(euros("abc").is_err());
    }
}
