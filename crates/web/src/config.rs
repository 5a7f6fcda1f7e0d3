//! The server's settings, given by the command line; no global state.

use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Mark cookies `Secure` always (set when Vaski is served over TLS by a proxy that does not
    /// send `X-Forwarded-Proto`). Cookies are `Secure` anyway on requests that came over HTTPS.
    pub secure_cookies: bool,
    /// The largest upload accepted (imports and documents).
    pub upload_limit_bytes: usize,
    /// Days without an interaction after which an active partner counts as dormant.
    pub dormant_days: i64,
    pub session_hours: i64,
    /// The address people open Vaski at, for links in mails; the bound address by default.
    pub public_url: Option<String>,
    /// The SMTP server for outgoing mail; without one, mails wait in the outbox.
    pub smtp: Option<crate::mail::SmtpConfig>,
    /// The most occurrences one recurring booking may have.
    pub max_occurrences: usize,
    /// Days a sent mail is kept in the outbox before it is purged.
    pub mail_retention_days: i64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            upload_limit_bytes: 20 * 1024 * 1024,
            dormant_days: vaski_store::network::health::DEFAULT_DORMANT_DAYS,
            session_hours: 12,
            public_url: None,
            smtp: None,
            max_occurrences: vaski_domain::sharing::recurrence::DEFAULT_MAX_OCCURRENCES,
            mail_retention_days: vaski_store::outbox::DEFAULT_RETENTION.whole_days(),
        }
    }
}
