//! Suunta: from a workshop's ideas to an action plan, a scorecard and a roadmap (docs/adr/0008).
//! The rules here are pure; the store keeps the plan and computes the figures.

pub mod action;
pub mod computed;
pub mod goal;
pub mod indicator;
pub mod plan;
pub mod template;
pub mod unit;
pub mod workshop;
