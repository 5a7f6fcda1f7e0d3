//! Vaski's persistence: migrations for SQLite and PostgreSQL and one query layer over both.
//! Product modules have the same names as in `vaski-domain` and `vaski-web`.
#![forbid(unsafe_code)]

pub mod account;
pub mod audit;
pub mod db;
pub mod error;
pub mod group_commit;
pub mod network;
pub mod outbox;
pub mod sharing;
pub mod strategy;
#[cfg(feature = "testing")]
pub mod testing;

pub use audit::Actor;
pub use db::{sql, Backend, Db, Query, Tx, Value};
pub use error::StoreError;

/// Paging of a list: at most `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

impl Page {
    pub const MAX_LIMIT: i64 = 500;

    pub fn new(limit: i64, offset: i64) -> Page {
        Page {
            limit: limit.clamp(1, Page::MAX_LIMIT),
            offset: offset.max(0),
        }
    }
}

impl Default for Page {
    fn default() -> Page {
        Page {
            limit: 50,
            offset: 0,
        }
    }
}

/// Placeholders `$a, $b, ...` for an `IN (...)` list, binding each value to the query.
pub fn in_list(q: &mut Query, values: impl IntoIterator<Item = impl Into<Value>>) -> String {
    let parts: Vec<String> = values.into_iter().map(|v| q.push_arg(v)).collect();
    if parts.is_empty() {
        "NULL".to_string()
    } else {
        parts.join(", ")
    }
}

/// The conditions that find a text with the Finnish-aware search keys: one `LIKE` per query
/// word's stem, matched at the beginning of a word of the indexed `column`.
pub fn search_conditions(q: &mut Query, column: &str, text: &str) -> Vec<String> {
    vaski_domain::network::search::query_stems(text)
        .into_iter()
        .map(|stem| {
            let p = q.push_arg(format!("% {stem}%"));
            format!("{column} LIKE {p}")
        })
        .collect()
}
