//! Suunta: plans with their goals, actions, milestones and indicators, workshops with ideas and
//! votes, the indicators computed from the network's and shared use's data, and public links
//! (docs/adr/0008-strategy.md).

pub mod computed;
pub mod plan;
pub mod workshop;
