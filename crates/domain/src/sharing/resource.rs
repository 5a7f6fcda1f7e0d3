//! The closed vocabularies of shared use: what a resource is, who may book it, how a booking is
//! approved and where it stands. Each value has one stable snake_case code, used in the
//! database, in JSON and as the suffix of its message-catalogue key.

use crate::network::OrganisationKind;
use crate::text::Invalid;
use crate::vocabulary::vocabulary;
use std::cmp::Ordering;

/// The most units one pool can hold; more is a typing error, not a fleet of laptops.
pub const MAX_POOL_UNITS: u32 = 10_000;

vocabulary! {
    /// What kind of thing is lent.
    ResourceKind, "resource-kind", "error-resource-kind" {
        LearningEnvironment => "learning_environment",
        Facility => "facility",
        Machine => "machine",
        Equipment => "equipment",
        Vehicle => "vehicle",
        Other => "other",
    }
}

vocabulary! {
    /// Whether a booking is confirmed at once or waits for the owner's decision.
    Approval, "approval", "error-approval" {
        Automatic => "automatic",
        Owner => "owner",
    }
}

vocabulary! {
    /// Who may book a resource. Each value admits everyone the previous one does, and more.
    Eligibility, "eligibility", "error-eligibility" {
        OwnInstitution => "own_institution",
        NetworkInstitutions => "network_institutions",
        RegisteredPartners => "registered_partners",
    }
}

vocabulary! {
    /// The kind of booker a price is set for.
    BookerKind, "booker", "error-booker-kind" {
        Own => "own",
        Institution => "institution",
        Company => "company",
        Association => "association",
        PublicBody => "public_body",
    }
}

vocabulary! {
    /// Where a booking stands.
    BookingStatus, "booking-status", "error-booking-status" {
        Requested => "requested",
        Confirmed => "confirmed",
        Rejected => "rejected",
        Cancelled => "cancelled",
    }
}

vocabulary! {
    /// Which bookings of a recurring series an edit or a cancellation applies to.
    SeriesScope, "series-scope", "error-series-scope" {
        This => "this",
        Following => "following",
        All => "all",
    }
}

impl Eligibility {
    /// Whether a booker of this kind may book. "Registered partners" admits every kind: that the
    /// booker's organisation is registered in the network is for the caller to know.
    pub fn admits(self, booker: BookerKind) -> bool {
        match self {
            Eligibility::OwnInstitution => booker == BookerKind::Own,
            Eligibility::NetworkInstitutions => {
                matches!(booker, BookerKind::Own | BookerKind::Institution)
            }
            Eligibility::RegisteredPartners => true,
        }
    }
}

impl BookerKind {
    /// The price category of an organisation: the resource owner's own organisation is `own`
    /// whatever its kind; other educational and research bodies are `institution`; bodies
    /// that are neither companies nor associations pay as public bodies.
    pub fn for_organisation(kind: OrganisationKind, is_owner: bool) -> BookerKind {
        if is_owner {
            return BookerKind::Own;
        }
        match kind {
            OrganisationKind::VocationalInstitution
            | OrganisationKind::University
            | OrganisationKind::ResearchInstitute => BookerKind::Institution,
            OrganisationKind::Company => BookerKind::Company,
            OrganisationKind::Association => BookerKind::Association,
            OrganisationKind::PublicBody
            | OrganisationKind::EmploymentService
            | OrganisationKind::Other => BookerKind::PublicBody,
        }
    }
}

/// Booker kinds order as declared (own first), so that price lists keyed by them read the same
/// way everywhere.
impl Ord for BookerKind {
    fn cmp(&self, other: &Self) -> Ordering {
        (*self as u8).cmp(&(*other as u8))
    }
}

impl PartialOrd for BookerKind {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl BookingStatus {
    /// Whether a booking in this status holds its time (with its buffers): a request does,
    /// so that two people are not promised the same hour; a rejected or cancelled one does not.
    pub fn occupies(self) -> bool {
        matches!(self, BookingStatus::Requested | BookingStatus::Confirmed)
    }

    /// The status a new booking starts in under the resource's approval rule.
    pub fn initial(approval: Approval) -> BookingStatus {
        match approval {
            Approval::Automatic => BookingStatus::Confirmed,
            Approval::Owner => BookingStatus::Requested,
        }
    }

    /// Whether a booking may move from this status to `next`: a request is confirmed, rejected
    /// or withdrawn; a confirmed booking can only be cancelled; rejected and cancelled are
    /// final, so a freed hour is never silently taken back.
    pub fn may_become(self, next: BookingStatus) -> bool {
        use BookingStatus::*;
        matches!(
            (self, next),
            (Requested, Confirmed)
                | (Requested, Rejected)
                | (Requested, Cancelled)
                | (Confirmed, Cancelled)
        )
    }
}

impl BookingStatus {
    /// The status of a booking whose time is moved: the time the owner agreed to is no longer
    /// the one asked for, so when the owner approves bookings a confirmed booking moved by its
    /// booker waits for the owner again; a move by the owner's side keeps what it was.
    pub fn after_move(self, approval: Approval, by_owner: bool) -> BookingStatus {
        match (self, approval, by_owner) {
            (BookingStatus::Confirmed, Approval::Owner, false) => BookingStatus::Requested,
            (status, _, _) => status,
        }
    }
}

/// The number of identical units of a resource: 1 for a plain one, more for a pool.
pub fn pool_units(n: i64) -> Result<u32, Invalid> {
    match u32::try_from(n) {
        Ok(units) if (1..=MAX_POOL_UNITS).contains(&units) => Ok(units),
        _ => Err(Invalid::new("error-pool-units")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in ResourceKind::ALL {
            assert_eq!(ResourceKind::parse(k.code()), Ok(*k));
        }
        for b in BookerKind::ALL {
            assert_eq!(BookerKind::parse(b.code()), Ok(*b));
        }
        for s in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(s.code()), Ok(*s));
        }
        assert_eq!(
            Eligibility::parse("network_institutions"),
            Ok(Eligibility::NetworkInstitutions)
        );
        assert_eq!(SeriesScope::parse("following"), Ok(SeriesScope::Following));
        assert!(Approval::parse("maybe").is_err());
    }

    #[test]
    fn message_keys_carry_the_vocabulary_and_the_code() {
        assert_eq!(
            ResourceKind::LearningEnvironment.message_key(),
            "resource-kind-learning_environment"
        );
        assert_eq!(BookerKind::PublicBody.message_key(), "booker-public_body");
    }

    #[test]
    fn the_owner_organisation_books_as_own_whatever_its_kind() {
        for kind in OrganisationKind::ALL {
            assert_eq!(BookerKind::for_organisation(*kind, true), BookerKind::Own);
        }
    }

    #[test]
    fn other_organisations_pay_by_their_kind() {
        use OrganisationKind as O;
        let cases = [
            (O::VocationalInstitution, BookerKind::Institution),
            (O::University, BookerKind::Institution),
            (O::ResearchInstitute, BookerKind::Institution),
            (O::Company, BookerKind::Company),
            (O::Association, BookerKind::Association),
            (O::PublicBody, BookerKind::PublicBody),
            (O::EmploymentService, BookerKind::PublicBody),
            (O::Other, BookerKind::PublicBody),
        ];
        for (kind, booker) in cases {
            assert_eq!(BookerKind::for_organisation(kind, false), booker, "{kind}");
        }
    }

    #[test]
    fn each_eligibility_admits_what_the_narrower_one_does_and_more() {
        use BookerKind::*;
        assert!(Eligibility::OwnInstitution.admits(Own));
        assert!(!Eligibility::OwnInstitution.admits(Institution));
        assert!(Eligibility::NetworkInstitutions.admits(Institution));
        assert!(!Eligibility::NetworkInstitutions.admits(Company));
        for booker in BookerKind::ALL {
            assert!(Eligibility::RegisteredPartners.admits(*booker));
        }
    }

    #[test]
    fn only_requested_and_confirmed_bookings_occupy_time() {
        assert!(BookingStatus::Requested.occupies());
        assert!(BookingStatus::Confirmed.occupies());
        assert!(!BookingStatus::Rejected.occupies());
        assert!(!BookingStatus::Cancelled.occupies());
    }

    #[test]
    fn a_booking_waits_for_the_owner_only_when_the_owner_approves() {
        assert_eq!(
            BookingStatus::initial(Approval::Automatic),
            BookingStatus::Confirmed
        );
        assert_eq!(
            BookingStatus::initial(Approval::Owner),
            BookingStatus::Requested
        );
    }

    #[test]
    fn rejected_and_cancelled_bookings_are_final() {
        use BookingStatus::*;
        assert!(Requested.may_become(Confirmed));
        assert!(Confirmed.may_become(Cancelled));
        assert!(!Confirmed.may_become(Rejected));
        for next in BookingStatus::ALL {
            assert!(!Rejected.may_become(*next));
            assert!(!Cancelled.may_become(*next));
        }
    }

    #[test]
    fn booker_kinds_sort_in_declaration_order() {
        let mut kinds = vec![BookerKind::PublicBody, BookerKind::Own, BookerKind::Company];
        kinds.sort();
        assert_eq!(
            kinds,
            [BookerKind::Own, BookerKind::Company, BookerKind::PublicBody]
        );
    }

    #[test]
    fn a_pool_holds_at_least_one_unit() {
        assert_eq!(pool_units(12), Ok(12));
        assert_eq!(pool_units(1), Ok(1));
        assert!(pool_units(0).is_err());
        assert!(pool_units(-3).is_err());
        assert!(pool_units(i64::from(MAX_POOL_UNITS) + 1).is_err());
    }

    #[test]
    fn a_confirmed_booking_moved_by_its_booker_waits_for_an_approving_owner_again() {
        use BookingStatus::*;
        assert_eq!(Confirmed.after_move(Approval::Owner, false), Requested);
        assert_eq!(Confirmed.after_move(Approval::Owner, true), Confirmed);
        assert_eq!(Confirmed.after_move(Approval::Automatic, false), Confirmed);
        assert_eq!(Requested.after_move(Approval::Owner, false), Requested);
    }
}
