//! Suunta: plans with their goals, actions, milestones and indicators, workshops with ideas and
//! votes, the indicators computed from the network's and shared use's data, the scorecard, and
//! public links (docs/adr/0008-strategy.md).

pub mod action;
pub mod computed;
pub mod indicator;
pub mod plan;
pub mod public_link;
pub mod readings;
pub mod scorecard;
pub mod template;
pub mod workshop;
