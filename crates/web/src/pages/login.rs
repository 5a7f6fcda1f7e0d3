//! Login, logout and the language switch.

use super::{render, Frame};
use crate::auth::{
    self, password, token, MaybeSession, Session, LANGUAGE_COOKIE, LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
};
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::net::SocketAddr;
use time::Duration;
use vaski_domain::Language;
use vaski_store::account;

/// Failed logins allowed per account, and per address, within [`THROTTLE_WINDOW`].
const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
const MAX_FAILURES_PER_ADDRESS: i64 = 20;
const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// Password checks allowed to run at the same time.
static PASSWORD_CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Frame,
    csrf: String,
    next: String,
    email: String,
    error: Option<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only a path on this site may be returned to, never another host.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/".to_string()
    }
}

fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies || auth::came_over_tls(headers)
}

pub async fn login_form(
    State(state): State<AppState>,
    MaybeSession(session): MaybeSession,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    if session.is_some() {
        return Ok(Redirect::to(&safe_next(&q.next)).into_response());
    }
    login_page(
        &state,
        &headers,
        safe_next(&q.next),
        String::new(),
        None,
        axum::http::StatusCode::OK,
    )
}

fn login_page(
    state: &AppState,
    headers: &HeaderMap,
    next: String,
    email: String,
    error: Option<&'static str>,
    status: axum::http::StatusCode,
) -> Result<Response, AppError> {
    let csrf = token::random_secret();
    let page = Frame::new(None, auth::language_of(headers), "/login", "login-title");
    let mut res = render(&LoginPage {
        page,
        csrf: csrf.clone(),
        next,
        email,
        error,
    })?;
    *res.status_mut() = status;
    let cookie = auth::set_cookie(LOGIN_CSRF_COOKIE, &csrf, 3600, secure(state, headers));
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie
            .parse()
            .map_err(|_| AppError::Internal("cookie".into()))?,
    );
    Ok(res)
}

#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let cookie_csrf = auth::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or("");
    if cookie_csrf.is_empty() || !token::same_secret(cookie_csrf, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let next = safe_next(&form.next);
    let address = peer.ip().to_string();
    let account_key = form.email.trim().to_lowercase();
    let (by_account, by_address) =
        account::recent_login_failures(&state.db, &account_key, &address, THROTTLE_WINDOW).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        tracing::warn!(account = %account_key, %address, "login throttled");
        return login_page(
            &state,
            &headers,
            next,
            form.email,
            Some("login-throttled"),
            axum::http::StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let user = account::user_by_email(&state.db, &account_key).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let password = form.password.clone();
    let hash = stored
        .clone()
        .unwrap_or_else(|| password::dummy_hash().to_string());
    // argon2 takes tens of milliseconds of CPU and 19 MiB of memory per check: keep it off the
    // async workers, and let only two run at once so that a burst of logins cannot take the
    // server's memory (measured: 16 at once peaked at 325 MB, see docs/benchmarks.md).
    let permit = PASSWORD_CHECKS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let ok = tokio::task::spawn_blocking(move || password::verify(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    drop(permit);
    let user = match user {
        Some(u) if ok && stored.is_some() && u.active => u,
        _ => {
            account::record_login_failure(&state.db, &account_key, &address).await?;
            return login_page(
                &state,
                &headers,
                next,
                form.email,
                Some("login-failed"),
                axum::http::StatusCode::UNAUTHORIZED,
            );
        }
    };
    account::clear_login_failures(&state.db, &account_key).await?;
    let secret = token::random_secret();
    let lifetime = Duration::hours(state.config.session_hours);
    account::create_session(
        &state.db,
        &token::hash_secret(&secret),
        user.id,
        &token::random_secret(),
        lifetime,
    )
    .await?;
    let secure = secure(&state, &headers);
    let mut res = Redirect::to(&next).into_response();
    let session_cookie =
        auth::set_cookie(SESSION_COOKIE, &secret, lifetime.whole_seconds(), secure);
    let clear_csrf = auth::set_cookie(LOGIN_CSRF_COOKIE, "", 0, secure);
    for c in [session_cookie, clear_csrf] {
        res.headers_mut().append(
            header::SET_COOKIE,
            c.parse().map_err(|_| AppError::Internal("cookie".into()))?,
        );
    }
    tracing::info!(user = user.id, "logged in");
    Ok(res)
}

pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<crate::pages::CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    if let Some(secret) = auth::cookie(&headers, SESSION_COOKIE) {
        account::delete_session(&state.db, &token::hash_secret(secret)).await?;
    }
    let mut res = Redirect::to("/login").into_response();
    let clear = auth::set_cookie(SESSION_COOKIE, "", 0, secure(&state, &headers));
    res.headers_mut().append(
        header::SET_COOKIE,
        clear
            .parse()
            .map_err(|_| AppError::Internal("cookie".into()))?,
    );
    Ok(res)
}

#[derive(Deserialize, Default)]
pub struct BackQuery {
    #[serde(default)]
    back: String,
}

/// Switches the language: a cookie for everyone, and the user's own setting when logged in.
pub async fn switch_language(
    State(state): State<AppState>,
    MaybeSession(session): MaybeSession,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<BackQuery>,
) -> Result<Response, AppError> {
    let lang = Language::parse(&code).ok_or(AppError::NotFound)?;
    if let Some(s) = &session {
        account::set_language(&state.db, s.user.id, lang).await?;
    }
    let mut res = Redirect::to(&safe_next(&q.back)).into_response();
    let cookie = auth::set_cookie(
        LANGUAGE_COOKIE,
        lang.code(),
        365 * 24 * 3600,
        secure(&state, &headers),
    );
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie
            .parse()
            .map_err(|_| AppError::Internal("cookie".into()))?,
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn login_returns_only_to_paths_of_this_site() {
        assert_eq!(safe_next("/organisations?q=a"), "/organisations?q=a");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
    }
}
