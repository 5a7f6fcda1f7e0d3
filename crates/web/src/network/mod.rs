//! Verkosto's pages: organisations, people, interactions, agreements, search, health, the
//! network map, import and export.

pub mod agreements;
pub mod export;
pub mod health;
pub mod import;
pub mod interactions;
pub mod map;
pub mod organisations;
pub mod people;
pub mod search;
pub mod view;
