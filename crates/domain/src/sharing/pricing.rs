//! What a booking costs: prices per hour and per day by kind of booker, the charge of one
//! booking, and value-added tax for the invoicing basis. Amounts are whole euro cents (`i64`).
//!
//! The charge rule:
//! - Time is billed by started quarter hours: 4 h 01 min is billed as 4 h 15 min.
//! - The hourly charge is the hourly price × billed hours, rounded half up to the cent.
//! - The day charge is the day price × the Helsinki calendar days the booking touches
//!   (Monday 8:00 to Wednesday 16:00 is three days; ending at midnight does not touch the next).
//! - With both prices set, a booking of 6 hours or more pays the day charge when it is lower
//!   than the hourly one; shorter bookings pay by the hour. With one price set, it is used.
//! - With neither set for the booker's kind there is no charge at all ([`Prices::price`] gives
//!   `None`); a price of zero is a free booking with a charge of zero.

use super::resource::BookerKind;
use super::zone::helsinki;
use super::Interval;
use crate::text::Invalid;
use crate::vocabulary::vocabulary;
use jiff::SignedDuration;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Finland's general VAT rate, 25.5 % since 1 September 2024, in basis points (1/100 of a
/// percent) so that it is exact.
pub const VAT_GENERAL_BASIS_POINTS: i64 = 2550;

/// The highest price accepted, 100 000 € per hour or day: more is a typing error.
pub const MAX_PRICE_CENTS: i64 = 10_000_000;

/// From this long on, a booking may pay the day price instead of the hourly one.
pub const DAY_PRICE_FROM: SignedDuration = SignedDuration::from_hours(6);

/// Time is billed in steps of this.
const BILLING_STEP: SignedDuration = SignedDuration::from_mins(15);

vocabulary! {
    /// How a booking was charged.
    ChargeBasis, "charge-basis", "error-charge-basis" {
        PerHour => "per_hour",
        PerDay => "per_day",
    }
}

/// The prices for one kind of booker; either may be left out. Read from JSON through
/// [`Tariff::new`], so a negative price never gets in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TariffFields")]
pub struct Tariff {
    per_hour_cents: Option<i64>,
    per_day_cents: Option<i64>,
}

#[derive(Deserialize)]
struct TariffFields {
    per_hour_cents: Option<i64>,
    per_day_cents: Option<i64>,
}

impl TryFrom<TariffFields> for Tariff {
    type Error = Invalid;
    fn try_from(f: TariffFields) -> Result<Tariff, Invalid> {
        Tariff::new(f.per_hour_cents, f.per_day_cents)
    }
}

impl Tariff {
    /// Prices of zero or more, up to [`MAX_PRICE_CENTS`]: `error-price-negative`,
    /// `error-price-too-large`.
    pub fn new(per_hour_cents: Option<i64>, per_day_cents: Option<i64>) -> Result<Tariff, Invalid> {
        for cents in [per_hour_cents, per_day_cents].into_iter().flatten() {
            if cents < 0 {
                return Err(Invalid::new("error-price-negative"));
            }
            if cents > MAX_PRICE_CENTS {
                return Err(Invalid::new("error-price-too-large"));
            }
        }
        Ok(Tariff {
            per_hour_cents,
            per_day_cents,
        })
    }

    pub fn per_hour_cents(&self) -> Option<i64> {
        self.per_hour_cents
    }

    pub fn per_day_cents(&self) -> Option<i64> {
        self.per_day_cents
    }

    pub fn is_empty(&self) -> bool {
        self.per_hour_cents.is_none() && self.per_day_cents.is_none()
    }
}

/// A resource's price list: a tariff per kind of booker, in the order of [`BookerKind::ALL`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    tariffs: BTreeMap<BookerKind, Tariff>,
}

/// What one booking costs before tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub basis: ChargeBasis,
    /// The booking's length rounded up to whole quarter hours.
    pub billed_minutes: i64,
    /// The Helsinki calendar days the booking touches.
    pub days: i64,
    /// The hourly or the day price applied.
    pub unit_price_cents: i64,
    pub net_cents: i64,
}

/// Net, tax and total of an amount, as the invoicing basis shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub net_cents: i64,
    pub vat_basis_points: i64,
    pub vat_cents: i64,
    pub total_cents: i64,
}

impl Prices {
    pub fn new() -> Prices {
        Prices::default()
    }

    /// Sets the tariff of one kind of booker; an empty tariff removes it.
    pub fn set(&mut self, booker: BookerKind, tariff: Tariff) {
        if tariff.is_empty() {
            self.tariffs.remove(&booker);
        } else {
            self.tariffs.insert(booker, tariff);
        }
    }

    pub fn tariff(&self, booker: BookerKind) -> Option<Tariff> {
        self.tariffs.get(&booker).copied()
    }

    /// The tariffs set, own first.
    pub fn tariffs(&self) -> impl Iterator<Item = (BookerKind, Tariff)> + '_ {
        self.tariffs.iter().map(|(k, t)| (*k, *t))
    }

    /// What a booking costs a booker of this kind by the rule in the module documentation;
    /// `None` when no price is set for the kind.
    pub fn price(&self, booker: BookerKind, booking: &Interval) -> Option<Charge> {
        let tariff = self.tariff(booker)?;
        let billed_minutes = billed_minutes(booking.duration());
        let days = days_touched(booking)?;
        let hourly = tariff.per_hour_cents.map(|unit| Charge {
            basis: ChargeBasis::PerHour,
            billed_minutes,
            days,
            unit_price_cents: unit,
            net_cents: round_half_up(i128::from(unit) * i128::from(billed_minutes), 60),
        });
        let daily = tariff.per_day_cents.map(|unit| Charge {
            basis: ChargeBasis::PerDay,
            billed_minutes,
            days,
            unit_price_cents: unit,
            net_cents: saturate(i128::from(unit) * i128::from(days)),
        });
        match (hourly, daily) {
            (Some(h), Some(d)) => {
                let day_price_applies = booking.duration() >= DAY_PRICE_FROM;
                Some(if day_price_applies && d.net_cents < h.net_cents {
                    d
                } else {
                    h
                })
            }
            (one, other) => one.or(other),
        }
    }
}

impl Charge {
    /// The charge with tax at `vat_basis_points` ([`VAT_GENERAL_BASIS_POINTS`] as a rule).
    pub fn totals(&self, vat_basis_points: i64) -> Totals {
        totals(self.net_cents, vat_basis_points)
    }
}

/// Net, tax and total of a net amount.
pub fn totals(net_cents: i64, vat_basis_points: i64) -> Totals {
    let vat = vat_cents(net_cents, vat_basis_points);
    Totals {
        net_cents,
        vat_basis_points,
        vat_cents: vat,
        total_cents: net_cents.saturating_add(vat),
    }
}

/// The tax on a net amount, rounded half up to the cent (half away from zero for a credit).
pub fn vat_cents(net_cents: i64, rate_basis_points: i64) -> i64 {
    let exact = i128::from(net_cents) * i128::from(rate_basis_points);
    let magnitude = round_half_up(exact.abs(), 10_000);
    if exact < 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// The length billed: started quarter hours count whole.
fn billed_minutes(duration: SignedDuration) -> i64 {
    let step = BILLING_STEP.as_nanos();
    let steps = (duration.as_nanos().max(0) + step - 1) / step;
    saturate(steps * 15)
}

/// The Helsinki calendar days from the start's to the one of the last instant before the end.
fn days_touched(booking: &Interval) -> Option<i64> {
    let zone = helsinki().clone();
    let first = booking.start().to_zoned(zone.clone()).date();
    let last_instant = booking
        .end()
        .checked_sub(SignedDuration::from_nanos(1))
        .ok()?;
    let last = last_instant.to_zoned(zone).date();
    let between = first.until(last).ok()?;
    Some(i64::from(between.get_days()) + 1)
}

/// `numerator / denominator` for a non-negative numerator, halves rounded up.
fn round_half_up(numerator: i128, denominator: i128) -> i64 {
    saturate((2 * numerator + denominator) / (2 * denominator))
}

fn saturate(n: i128) -> i64 {
    i64::try_from(n).unwrap_or(if n < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::Timestamp;

    /// An instant of Helsinki wall-clock time in March 2026.
    fn local(day: i8, hour: i8, minute: i8) -> Timestamp {
        date(2026, 3, day)
            .at(hour, minute, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("a Helsinki time")
            .timestamp()
    }

    fn span(a: Timestamp, b: Timestamp) -> Interval {
        Interval::new(a, b).expect("a valid span")
    }

    fn prices(booker: BookerKind, per_hour: Option<i64>, per_day: Option<i64>) -> Prices {
        let mut p = Prices::new();
        p.set(
            booker,
            Tariff::new(per_hour, per_day).expect("valid prices"),
        );
        p
    }

    #[test]
    fn four_hours_at_45_euros_cost_180_euros_and_225_90_with_tax() {
        let p = prices(BookerKind::Company, Some(4500), None);
        let charge = p
            .price(BookerKind::Company, &span(local(2, 8, 0), local(2, 12, 0)))
            .expect("a price");
        assert_eq!(charge.basis, ChargeBasis::PerHour);
        assert_eq!(charge.billed_minutes, 240);
        assert_eq!(charge.net_cents, 18_000);
        let t = charge.totals(VAT_GENERAL_BASIS_POINTS);
        assert_eq!(t.vat_cents, 4_590);
        assert_eq!(t.total_cents, 22_590);
    }

    #[test]
    fn a_started_quarter_hour_is_billed_whole() {
        let p = prices(BookerKind::Company, Some(4000), None);
        let charge = p
            .price(BookerKind::Company, &span(local(2, 8, 0), local(2, 9, 1)))
            .expect("a price");
        assert_eq!(charge.billed_minutes, 75);
        assert_eq!(charge.net_cents, 5_000);
    }

    #[test]
    fn a_fraction_of_a_cent_is_rounded_half_up() {
        // 15 minutes at 0.10 €/h is 2.5 cents.
        let p = prices(BookerKind::Own, Some(10), None);
        let charge = p
            .price(BookerKind::Own, &span(local(2, 8, 0), local(2, 8, 15)))
            .expect("a price");
        assert_eq!(charge.net_cents, 3);
    }

    #[test]
    fn a_zero_price_is_a_free_booking_with_a_charge_of_zero() {
        let p = prices(BookerKind::Own, Some(0), None);
        let charge = p
            .price(BookerKind::Own, &span(local(2, 8, 0), local(2, 12, 0)))
            .expect("a price");
        assert_eq!(charge.net_cents, 0);
        assert_eq!(charge.totals(VAT_GENERAL_BASIS_POINTS).total_cents, 0);
    }

    #[test]
    fn no_price_for_a_kind_of_booker_means_no_charge() {
        let p = prices(BookerKind::Company, Some(4500), None);
        assert_eq!(
            p.price(
                BookerKind::Association,
                &span(local(2, 8, 0), local(2, 12, 0))
            ),
            None
        );
    }

    #[test]
    fn negative_and_absurd_prices_are_refused() {
        assert_eq!(
            Tariff::new(Some(-1), None),
            Err(Invalid::new("error-price-negative"))
        );
        assert_eq!(
            Tariff::new(None, Some(MAX_PRICE_CENTS + 1)),
            Err(Invalid::new("error-price-too-large"))
        );
    }

    #[test]
    fn a_short_booking_pays_by_the_hour_even_when_the_day_price_is_lower() {
        let p = prices(BookerKind::Company, Some(4000), Some(10_000));
        let charge = p
            .price(BookerKind::Company, &span(local(2, 8, 0), local(2, 11, 0)))
            .expect("a price");
        assert_eq!(
            (charge.basis, charge.net_cents),
            (ChargeBasis::PerHour, 12_000)
        );
    }

    #[test]
    fn a_day_long_booking_pays_the_day_price_when_it_is_lower() {
        let p = prices(BookerKind::Company, Some(4000), Some(25_000));
        let charge = p
            .price(BookerKind::Company, &span(local(2, 8, 0), local(2, 16, 0)))
            .expect("a price");
        assert_eq!(
            (charge.basis, charge.net_cents),
            (ChargeBasis::PerDay, 25_000)
        );
        assert_eq!(charge.days, 1);
    }

    #[test]
    fn the_day_price_never_makes_a_booking_dearer() {
        let p = prices(BookerKind::Company, Some(2000), Some(25_000));
        let charge = p
            .price(BookerKind::Company, &span(local(2, 8, 0), local(2, 14, 0)))
            .expect("a price");
        assert_eq!(
            (charge.basis, charge.net_cents),
            (ChargeBasis::PerHour, 12_000)
        );
    }

    #[test]
    fn a_booking_over_several_days_pays_for_each_day_it_touches() {
        let p = prices(BookerKind::Institution, Some(4000), Some(20_000));
        let charge = p
            .price(
                BookerKind::Institution,
                &span(local(2, 8, 0), local(4, 16, 0)),
            )
            .expect("a price");
        assert_eq!(charge.days, 3);
        assert_eq!(
            (charge.basis, charge.net_cents),
            (ChargeBasis::PerDay, 60_000)
        );
    }

    #[test]
    fn a_booking_ending_at_midnight_does_not_touch_the_next_day() {
        let p = prices(BookerKind::Institution, None, Some(20_000));
        let charge = p
            .price(
                BookerKind::Institution,
                &span(local(2, 8, 0), local(3, 0, 0)),
            )
            .expect("a price");
        assert_eq!(charge.days, 1);
        assert_eq!(charge.net_cents, 20_000);
    }

    #[test]
    fn with_only_a_day_price_even_a_short_booking_pays_a_day() {
        let p = prices(BookerKind::Company, None, Some(15_000));
        let charge = p
            .price(BookerKind::Company, &span(local(2, 8, 0), local(2, 9, 0)))
            .expect("a price");
        assert_eq!(
            (charge.basis, charge.net_cents),
            (ChargeBasis::PerDay, 15_000)
        );
    }

    #[test]
    fn vat_is_rounded_half_up_to_the_cent() {
        // 1.00 € × 25.5 % = 25.5 cents.
        assert_eq!(vat_cents(100, VAT_GENERAL_BASIS_POINTS), 26);
        assert_eq!(vat_cents(-100, VAT_GENERAL_BASIS_POINTS), -26);
        assert_eq!(vat_cents(1, VAT_GENERAL_BASIS_POINTS), 0);
        assert_eq!(vat_cents(2, VAT_GENERAL_BASIS_POINTS), 1);
        assert_eq!(vat_cents(18_000, 0), 0);
    }

    #[test]
    fn an_emptied_tariff_is_removed_from_the_price_list() {
        let mut p = prices(BookerKind::Company, Some(4500), None);
        p.set(BookerKind::Own, Tariff::new(Some(0), None).expect("valid"));
        assert_eq!(
            p.tariffs().map(|(k, _)| k).collect::<Vec<_>>(),
            [BookerKind::Own, BookerKind::Company]
        );
        p.set(BookerKind::Company, Tariff::default());
        assert_eq!(p.tariff(BookerKind::Company), None);
    }
}
