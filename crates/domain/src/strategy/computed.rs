//! The indicators Vaski computes from its own data at any date, and the scope an indicator can
//! be restricted to. The keys and their meanings are part of the API (issue 4); the queries
//! live in `vaski_store::strategy::computed`.

use super::unit::IndicatorUnit;
use crate::network::{CooperationForm, OrganisationKind};
use crate::reference::industry::Industry;
use crate::text::Invalid;

/// One computed indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComputedIndicator {
    /// Organisations other than the institution's own with at least one interaction, or at
    /// least one booking as booker, in the 365 days up to D.
    ActivePartners,
    /// Among organisations whose status is `active`, the share (0 to 1) with exactly one owner.
    SingleOwnerShare,
    /// Organisations created in D's calendar year up to D.
    NewPartners,
    /// Agreements with `valid_from` ≤ D ≤ `valid_to` (an open end counts as valid).
    ValidAgreements,
    /// Confirmed bookings in D's calendar year up to D by organisations other than the
    /// resource's owner.
    ExternalBookings,
    /// The hours of those bookings.
    ExternalBookingHours,
    /// Booked hours over open hours of all resources in D's calendar year up to D.
    Utilisation,
    /// Organisations with this form of cooperation.
    CooperationForm(CooperationForm),
}

const FORM_PREFIX: &str = "cooperation_form:";

impl ComputedIndicator {
    /// Every computed indicator, one per form of cooperation included.
    pub fn all() -> Vec<ComputedIndicator> {
        let mut all = vec![
            ComputedIndicator::ActivePartners,
            ComputedIndicator::SingleOwnerShare,
            ComputedIndicator::NewPartners,
            ComputedIndicator::ValidAgreements,
            ComputedIndicator::ExternalBookings,
            ComputedIndicator::ExternalBookingHours,
            ComputedIndicator::Utilisation,
        ];
        all.extend(
            CooperationForm::ALL
                .iter()
                .map(|f| ComputedIndicator::CooperationForm(*f)),
        );
        all
    }

    /// The stable key used in the API and the database.
    pub fn key(self) -> String {
        match self {
            ComputedIndicator::ActivePartners => "active_partners".into(),
            ComputedIndicator::SingleOwnerShare => "single_owner_share".into(),
            ComputedIndicator::NewPartners => "new_partners".into(),
            ComputedIndicator::ValidAgreements => "valid_agreements".into(),
            ComputedIndicator::ExternalBookings => "external_bookings".into(),
            ComputedIndicator::ExternalBookingHours => "external_booking_hours".into(),
            ComputedIndicator::Utilisation => "utilisation".into(),
            ComputedIndicator::CooperationForm(form) => format!("{FORM_PREFIX}{}", form.code()),
        }
    }

    pub fn parse(key: &str) -> Result<ComputedIndicator, Invalid> {
        let key = key.trim();
        if let Some(form) = key.strip_prefix(FORM_PREFIX) {
            return CooperationForm::parse(form)
                .map(ComputedIndicator::CooperationForm)
                .map_err(|_| Invalid::new("error-computed-indicator"));
        }
        ComputedIndicator::all()
            .into_iter()
            .find(|c| c.key() == key)
            .ok_or(Invalid::new("error-computed-indicator"))
    }

    /// The unit its figure is in.
    pub fn unit(self) -> IndicatorUnit {
        match self {
            ComputedIndicator::SingleOwnerShare | ComputedIndicator::Utilisation => {
                IndicatorUnit::Share
            }
            ComputedIndicator::ExternalBookingHours => IndicatorUnit::Hours,
            _ => IndicatorUnit::Count,
        }
    }

    /// The message-catalogue key of its name (a form's name comes with the form's own key).
    pub fn message_key(self) -> &'static str {
        match self {
            ComputedIndicator::ActivePartners => "computed-active-partners",
            ComputedIndicator::SingleOwnerShare => "computed-single-owner-share",
            ComputedIndicator::NewPartners => "computed-new-partners",
            ComputedIndicator::ValidAgreements => "computed-valid-agreements",
            ComputedIndicator::ExternalBookings => "computed-external-bookings",
            ComputedIndicator::ExternalBookingHours => "computed-external-booking-hours",
            ComputedIndicator::Utilisation => "computed-utilisation",
            ComputedIndicator::CooperationForm(_) => "computed-cooperation-form",
        }
    }

    /// Whether the figure counts organisations (and so can be scoped by the organisation's
    /// field, tag, kind and unit) or bookings (scoped by the booker's field, tag and kind and
    /// the resource's unit). Agreements are scoped by their organisation.
    pub fn counts_bookings(self) -> bool {
        matches!(
            self,
            ComputedIndicator::ExternalBookings
                | ComputedIndicator::ExternalBookingHours
                | ComputedIndicator::Utilisation
        )
    }
}

/// What a computed indicator is restricted to. Empty means the whole network.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// A TOL 2008 section (its letter): the organisation's industry lies in it.
    pub field: Option<&'static Industry>,
    /// A unit of the institution (`users.unit`, `resources.unit`).
    pub unit: Option<String>,
    pub tag: Option<String>,
    pub kind: Option<OrganisationKind>,
}

impl Scope {
    pub fn is_whole_network(&self) -> bool {
        self.field.is_none() && self.unit.is_none() && self.tag.is_none() && self.kind.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses_back_to_its_indicator() {
        for c in ComputedIndicator::all() {
            assert_eq!(ComputedIndicator::parse(&c.key()), Ok(c));
        }
    }

    #[test]
    fn a_form_of_cooperation_has_its_own_key() {
        assert_eq!(
            ComputedIndicator::parse("cooperation_form:apprenticeship"),
            Ok(ComputedIndicator::CooperationForm(
                CooperationForm::Apprenticeship
            ))
        );
        assert!(ComputedIndicator::parse("cooperation_form:juggling").is_err());
        assert!(ComputedIndicator::parse("partners").is_err());
    }

    #[test]
    fn shares_are_shares_and_hours_are_hours() {
        assert_eq!(ComputedIndicator::Utilisation.unit(), IndicatorUnit::Share);
        assert_eq!(
            ComputedIndicator::ExternalBookingHours.unit(),
            IndicatorUnit::Hours
        );
        assert_eq!(ComputedIndicator::NewPartners.unit(), IndicatorUnit::Count);
    }
}
