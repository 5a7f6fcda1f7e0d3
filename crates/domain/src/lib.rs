//! Vaski's domain: the validated types and the rules of the product, free of I/O.
//!
//! Each product module has its own module here (`network`, `sharing`, `strategy`; `matching`
//! later), and the same name in `vaski-store` and `vaski-web`.
#![forbid(unsafe_code)]

pub mod account;
pub mod language;
pub mod network;
pub mod reference;
pub mod sharing;
pub mod strategy;
pub mod text;
pub(crate) mod vocabulary;

pub use language::Language;
