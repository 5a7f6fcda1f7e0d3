//! Vaski's domain: the validated types and the rules of the product, free of I/O.
//!
//! Each product module has its own module here (`network` now; `sharing`, `matching` and
//! `strategy` later), and the same name in `vaski-store` and `vaski-web`.
#![forbid(unsafe_code)]

pub mod account;
pub mod language;
pub mod network;
pub mod reference;
pub mod text;

pub use language::Language;
