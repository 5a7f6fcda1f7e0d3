//! Verkosto, the partner network: organisations, people, interactions, agreements, the
//! network's health, and the import of the lists people keep today.

pub mod agreement;
pub mod business_id;
pub mod enums;
pub mod import;
pub mod interaction;
pub mod organisation;
pub mod person;
pub mod search;

pub use business_id::BusinessId;
pub use enums::{
    AgreementKind, CooperationForm, InteractionKind, OrganisationKind, OrganisationStatus,
};
