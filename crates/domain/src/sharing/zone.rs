//! The one time zone bookings are made in. Finland's institutions book by Finnish wall-clock
//! time, so a weekly 8–12 stays 8–12 across the daylight-saving changes.

use jiff::tz::TimeZone;
use std::sync::OnceLock;

/// Europe/Helsinki from the tz database bundled into the binary (the same rules on every host).
pub fn helsinki() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| {
        // The bundled database always holds Europe/Helsinki; UTC+2 fixed would be wrong half
        // the year, so a missing zone is a build defect and the tests below catch it.
        TimeZone::get("Europe/Helsinki").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(2)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn helsinki_is_two_hours_ahead_in_winter_and_three_in_summer() {
        let winter = date(2026, 1, 15)
            .at(12, 0, 0, 0)
            .to_zoned(helsinki().clone());
        let summer = date(2026, 7, 15)
            .at(12, 0, 0, 0)
            .to_zoned(helsinki().clone());
        assert_eq!(winter.expect("a winter noon").offset(), jiff::tz::offset(2));
        assert_eq!(summer.expect("a summer noon").offset(), jiff::tz::offset(3));
    }
}
