//! (being written: see docs/adr/0008-strategy.md)
