//! Workshops: ideas, themes and dot voting (being written: see docs/adr/0008-strategy.md).
