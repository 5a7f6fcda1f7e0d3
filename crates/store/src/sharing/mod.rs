//! Shared use of learning environments, facilities and machines (Yhteiskäyttö): resources with
//! their rules, hours and prices, and the bookings made of them.

pub mod availability;
pub mod booking;
pub mod calendar;
pub mod feed;
pub mod figures;
pub mod hours;
pub mod idempotency;
pub mod location;
pub mod manager;
pub mod notice;
pub mod qualification;
pub mod resource;
