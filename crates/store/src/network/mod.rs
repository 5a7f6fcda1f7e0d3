//! Verkosto in the database: organisations, people, interactions, agreements, health, import.

pub mod agreement;
pub mod health;
pub mod import;
pub mod interaction;
pub mod organisation;
pub mod person;
pub mod project;
pub mod search;
