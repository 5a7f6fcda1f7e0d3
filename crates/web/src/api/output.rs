//! How the API writes values: dates as `YYYY-MM-DD`, times as RFC 3339 in UTC, lists in one
//! envelope with their total and paging.

use axum::Json;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use vaski_store::Page;

/// A calendar date, `2025-03-31`.
pub fn date(d: Date) -> String {
    d.to_string()
}

pub fn opt_date(d: Option<Date>) -> Option<String> {
    d.map(date)
}

/// A moment, `2025-03-31T08:15:00Z`.
pub fn timestamp(t: OffsetDateTime) -> String {
    let utc = t.to_offset(time::UtcOffset::UTC);
    utc.format(&Rfc3339).unwrap_or_else(|_| utc.to_string())
}

/// `{"items": [...], "total": N, "limit": .., "offset": ..}`.
pub fn list(items: Vec<Value>, total: i64, page: Page) -> Json<Value> {
    Json(json!({
        "items": items,
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_and_times_are_iso() {
        assert_eq!(date(date!(2025 - 03 - 01)), "2025-03-01");
        assert_eq!(
            timestamp(datetime!(2025-03-01 10:00 +02:00)),
            "2025-03-01T08:00:00Z"
        );
    }
}
