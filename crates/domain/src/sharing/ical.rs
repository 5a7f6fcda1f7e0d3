//! iCalendar (RFC 5545) text of bookings, for calendar subscriptions and single downloads.
//!
//! Written here rather than with a builder crate: the product needs one component (VEVENT), a
//! fixed VTIMEZONE for Europe/Helsinki and correct escaping and line folding, about a hundred
//! lines; the `icalendar` crate would bring chrono and has no VTIMEZONE (docs/adr/0005). The
//! tests read the output back with an independent parser (the `ical` crate).
//!
//! Times are written as Helsinki wall-clock time with `TZID=Europe/Helsinki`, so that calendar
//! programs show 8–12 as 8–12 across the daylight-saving changes; DTSTAMP is UTC.

use super::zone::helsinki;
use jiff::Timestamp;
use std::fmt::Write;

/// Where a booking stands, as calendar programs understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    /// Requested, waiting for the owner.
    Tentative,
    Confirmed,
    /// Cancelled or rejected: kept in the feed so that subscribers remove it.
    Cancelled,
}

impl EventStatus {
    fn text(self) -> &'static str {
        match self {
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One booking as a calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across changes, so that a subscriber updates the event instead of adding one.
    pub uid: String,
    /// Raised on every change (RFC 5545 SEQUENCE).
    pub sequence: i64,
    /// When the event last changed.
    pub stamp: Timestamp,
    pub start: Timestamp,
    pub end: Timestamp,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub status: EventStatus,
}

/// A calendar: a name and its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub name: String,
    pub events: Vec<Event>,
}

const PRODID: &str = "-//Vaski//Yhteiskäyttö//FI";

/// Europe/Helsinki since 1983: EET (+02:00), EEST (+03:00) from the last Sunday of March at
/// 03:00 to the last Sunday of October at 04:00 local time.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Helsinki",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0300",
    "TZNAME:EEST",
    "DTSTART:19830327T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0300",
    "TZOFFSETTO:+0200",
    "TZNAME:EET",
    "DTSTART:19831030T040000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

impl Calendar {
    /// The calendar as iCalendar text: CRLF line ends, long lines folded.
    pub fn to_ics(&self) -> String {
        let mut out = String::with_capacity(256 + self.events.len() * 400);
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        property(&mut out, "PRODID", PRODID);
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "METHOD:PUBLISH");
        text_property(&mut out, "X-WR-CALNAME", &self.name);
        line(&mut out, "X-WR-TIMEZONE:Europe/Helsinki");
        for l in VTIMEZONE {
            line(&mut out, l);
        }
        for e in &self.events {
            write_event(&mut out, e);
        }
        line(&mut out, "END:VCALENDAR");
        out
    }
}

// A feed of 10 000 events writes about 150 000 lines: each is written straight into the
// output, with no string of its own (docs/benchmarks.md).

fn write_event(out: &mut String, e: &Event) {
    line(out, "BEGIN:VEVENT");
    text_property(out, "UID", &e.uid);
    let _ = write!(out, "SEQUENCE:{}\r\n", e.sequence.max(0));
    out.push_str("DTSTAMP:");
    compact(out, jiff::tz::TimeZone::UTC.to_datetime(e.stamp));
    out.push_str("Z\r\n");
    out.push_str("DTSTART;TZID=Europe/Helsinki:");
    compact(out, helsinki().to_datetime(e.start));
    out.push_str("\r\nDTEND;TZID=Europe/Helsinki:");
    compact(out, helsinki().to_datetime(e.end));
    out.push_str("\r\n");
    text_property(out, "SUMMARY", &e.summary);
    if let Some(d) = &e.description {
        text_property(out, "DESCRIPTION", d);
    }
    if let Some(l) = &e.location {
        text_property(out, "LOCATION", l);
    }
    if let Some(u) = &e.url {
        property(out, "URL", u);
    }
    property(out, "STATUS", e.status.text());
    line(out, "TRANSP:OPAQUE");
    line(out, "END:VEVENT");
}

/// `YYYYMMDDTHHMMSS` of a wall-clock time. Written by hand: a feed writes three of these per
/// event, and `strftime` parses its format each time.
fn compact(out: &mut String, d: jiff::civil::DateTime) {
    let _ = write!(
        out,
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    );
}

/// TEXT escaping of RFC 5545 3.3.11: backslash, semicolon, comma and new lines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    if !text
        .chars()
        .any(|c| matches!(c, '\\' | ';' | ',') || c.is_control())
    {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Writes `NAME:value` with the value escaped as TEXT, as one folded content line.
fn text_property(out: &mut String, name: &str, value: &str) {
    let start = out.len();
    out.push_str(name);
    out.push(':');
    escape_into(out, value);
    end_line(out, start);
}

/// Writes `NAME:value` as it is, as one folded content line.
fn property(out: &mut String, name: &str, value: &str) {
    let start = out.len();
    out.push_str(name);
    out.push(':');
    out.push_str(value);
    end_line(out, start);
}

/// Writes one content line, folded so that no line is longer than 75 octets (RFC 5545 3.1),
/// never inside a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let start = out.len();
    out.push_str(content);
    end_line(out, start);
}

/// Folds the line written from `start` where it is longer than 75 octets, and ends it.
fn end_line(out: &mut String, start: usize) {
    if out.len() - start > 75 {
        let content = out.split_off(start);
        let mut width = 0;
        for c in content.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += len;
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(y: i16, m: i8, d: i8, h: i8) -> Timestamp {
        date(y, m, d)
            .at(h, 0, 0, 0)
            .to_zoned(helsinki().clone())
            .expect("a Helsinki time")
            .timestamp()
    }

    fn lathe_booking() -> Event {
        Event {
            uid: "abc@vaski".into(),
            sequence: 2,
            stamp: at(2026, 11, 1, 12),
            start: at(2026, 11, 10, 8),
            end: at(2026, 11, 10, 12),
            summary: "CNC-sorvi: Forssan Konepaja Oy".into(),
            description: Some("Koeajo; sarja 1, osa 2\nToinen rivi".into()),
            location: Some("Koulutie 1, Forssa".into()),
            url: None,
            status: EventStatus::Confirmed,
        }
    }

    #[test]
    fn an_event_is_written_in_helsinki_time_with_its_uid_and_sequence() {
        let ics = Calendar {
            name: "CNC-sorvi".into(),
            events: vec![lathe_booking()],
        }
        .to_ics();
        assert!(ics.contains("DTSTART;TZID=Europe/Helsinki:20261110T080000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Helsinki:20261110T120000\r\n"));
        assert!(ics.contains("DTSTAMP:20261101T100000Z\r\n"));
        assert!(ics.contains("UID:abc@vaski\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n"));
        assert!(ics.contains("DESCRIPTION:Koeajo\\; sarja 1\\, osa 2\\nToinen rivi\r\n"));
    }

    #[test]
    fn long_lines_are_folded_without_splitting_a_character() {
        let mut e = lathe_booking();
        e.summary = "Ääöö ".repeat(40);
        let ics = Calendar {
            name: "x".into(),
            events: vec![e],
        }
        .to_ics();
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{}", "Ääöö ".repeat(40))));
    }

    #[test]
    fn eight_to_twelve_stays_eight_to_twelve_across_the_change_to_summer_time() {
        let mut e = lathe_booking();
        e.start = at(2026, 3, 30, 8);
        e.end = at(2026, 3, 30, 12);
        let ics = Calendar {
            name: "x".into(),
            events: vec![e],
        }
        .to_ics();
        assert!(ics.contains("DTSTART;TZID=Europe/Helsinki:20260330T080000"));
    }
}
