//! Yhteiskäyttö's pages: resources, bookings and their calendar feeds.

pub mod feeds;
pub mod figures;
