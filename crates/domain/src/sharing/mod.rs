//! Shared use of learning environments, facilities and machines (Yhteiskäyttö): the calendar
//! rules of a resource, free of I/O. Times are instants ([`jiff::Timestamp`]); the wall clock
//! people book by is Europe/Helsinki ([`zone::helsinki`]).

pub mod availability;
pub mod clash;
pub mod draft;
pub mod holidays;
pub mod ical;
pub mod image;
pub mod interval;
pub mod location;
pub mod opening;
pub mod pricing;
pub mod recurrence;
pub mod resource;
pub mod rules;
pub mod zone;

pub use interval::Interval;
