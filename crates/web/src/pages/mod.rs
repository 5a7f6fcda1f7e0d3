//! Pages shared by every module: the frame around each page, login and logout, the language
//! switch, the home page, and error pages.

pub mod home;
pub mod login;

use crate::auth::{self, Session};
use crate::error::ErrorInfo;
use crate::i18n::Tr;
use askama::Template;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use vaski_domain::Language;

/// The frame of every page: language, the user (if any), the CSRF token for forms, and where
/// the language switch returns to.
#[derive(Clone)]
pub struct Frame {
    pub t: Tr,
    pub user_name: Option<String>,
    pub role: Option<&'static str>,
    pub staff: bool,
    /// May change the network (staff and admins): import, new organisations.
    pub editor: bool,
    pub admin: bool,
    pub partner_organisation: Option<i64>,
    pub csrf: String,
    pub path: String,
    pub title: String,
}

impl Frame {
    pub fn new(session: Option<&Session>, lang: Language, path: &str, title_key: &str) -> Frame {
        let t = Tr::new(lang);
        let title = t.t(title_key);
        Frame {
            user_name: session.map(|s| s.user.name.clone()),
            role: session.map(|s| s.user.role.code()),
            staff: session.is_some_and(|s| s.user.role.sees_whole_network()),
            editor: session.is_some_and(|s| s.user.role.edits_network()),
            admin: session.is_some_and(|s| s.user.role.is_admin()),
            partner_organisation: session.and_then(|s| {
                if s.user.role.sees_whole_network() {
                    None
                } else {
                    s.user.organisation_id
                }
            }),
            csrf: session.map(|s| s.csrf.clone()).unwrap_or_default(),
            path: path.to_string(),
            title,
            t,
        }
    }

    pub fn of(session: &Session, path: &str, title_key: &str) -> Frame {
        Frame::new(Some(session), session.lang, path, title_key)
    }

    pub fn with_title(mut self, title: impl Into<String>) -> Frame {
        self.title = title.into();
        self
    }

    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Language::ALL
            .iter()
            .map(|l| (l.code(), l.endonym(), *l == self.t.lang))
            .collect()
    }

    /// The current path, escaped for use as a query parameter.
    pub fn back(&self) -> String {
        url_encode(&self.path)
    }
}

/// Percent-encodes a query parameter value.
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A form that only carries its CSRF token (deletions, logout, marking done).
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    pub csrf: String,
}

/// Renders a template into an HTML response.
pub fn render(t: &impl Template) -> Result<Response, crate::error::AppError> {
    Ok(Html(t.render()?).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Frame,
    status: u16,
    message: String,
    detail: Option<String>,
}

/// Turns errors from page handlers into pages in the user's language; a missing login becomes
/// a redirect to the login page that comes back afterwards.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let lang = auth::language_of(req.headers());
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let is_get = req.method() == axum::http::Method::GET;
    let res = next.run(req).await;
    let Some(info) = res.extensions().get::<ErrorInfo>().cloned() else {
        return res;
    };
    if info.code == "unauthenticated" && is_get {
        return Redirect::to(&format!("/login?next={}", url_encode(&path))).into_response();
    }
    let status = res.status();
    let page = Frame::new(None, lang, &path, info.key);
    let message = page.t.t(info.key);
    let detail = if status == StatusCode::INTERNAL_SERVER_ERROR {
        None
    } else {
        info.detail
    };
    let body = ErrorPage {
        page,
        status: status.as_u16(),
        message,
        detail,
    };
    match body.render() {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(_) => res,
    }
}
