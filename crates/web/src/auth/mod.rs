//! Who is asking: browser sessions (cookie + CSRF token, kept in the database so that several
//! servers can share them), API bearer tokens, login throttling, and the role checks every
//! handler calls before it reads or writes.

pub mod password;
pub mod token;

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use vaski_domain::account::Role;
use vaski_domain::Language;
use vaski_store::account::{self, User};
use vaski_store::Actor;

pub const SESSION_COOKIE: &str = "vaski_session";
pub const LANGUAGE_COOKIE: &str = "vaski_lang";
/// Before login there is no session to hold a CSRF token, so the login form uses a
/// double-submit cookie.
pub const LOGIN_CSRF_COOKIE: &str = "vaski_login_csrf";

/// A cookie's value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The language of a request: the language cookie, else the browser's first supported
/// language, else Finnish.
pub fn language_of(headers: &HeaderMap) -> Language {
    if let Some(l) = cookie(headers, LANGUAGE_COOKIE).and_then(Language::parse) {
        return l;
    }
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .filter_map(|part| Language::parse(part.split(';').next().unwrap_or("")))
                .next()
        })
        .unwrap_or_default()
}

/// Whether the request reached us over HTTPS (directly or through a proxy that says so).
pub fn came_over_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value with the attributes Vaski always uses.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// A logged-in browser user.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub lang: Language,
}

impl Session {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, self.user.email.clone())
    }

    /// Checks the CSRF token a form sent.
    pub fn check_csrf(&self, sent: &str) -> Result<(), AppError> {
        if token::same_secret(&self.csrf, sent) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The session of a request, if any.
pub async fn session_of(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Session>, AppError> {
    let Some(secret) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let Some((user, csrf)) = account::session_user(&state.db, &token::hash_secret(secret)).await?
    else {
        return Ok(None);
    };
    let lang = cookie(headers, LANGUAGE_COOKIE)
        .and_then(Language::parse)
        .unwrap_or(user.language);
    Ok(Some(Session { user, csrf, lang }))
}

impl FromRequestParts<AppState> for Session {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        session_of(state, &parts.headers)
            .await?
            .ok_or(AppError::Unauthenticated)
    }
}

/// The session of a request where logging in is not required.
pub struct MaybeSession(pub Option<Session>);

impl FromRequestParts<AppState> for MaybeSession {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeSession(session_of(state, &parts.headers).await?))
    }
}

/// A caller of the JSON API, authenticated by `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct ApiUser {
    pub user: User,
}

impl ApiUser {
    pub fn actor(&self) -> Actor {
        Actor::user(self.user.id, format!("{} (API)", self.user.email))
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(AppError::Unauthenticated)?;
        let secret = header
            .strip_prefix("Bearer ")
            .ok_or(AppError::Unauthenticated)?
            .trim();
        let user = account::user_by_api_token(&state.db, &token::hash_secret(secret))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(ApiUser { user })
    }
}

/// The access rules, in one place. Each returns `Forbidden` or `NotFound` as the issue asks:
/// 404 where the record's very existence is not the user's to know.
pub mod access {
    use super::*;

    pub fn sees_network(user: &User) -> Result<(), AppError> {
        if user.role.sees_whole_network() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn edits_network(user: &User) -> Result<(), AppError> {
        if user.role.edits_network() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn is_admin(user: &User) -> Result<(), AppError> {
        if user.role.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// May read this organisation: staff and viewers any, a partner only their own (others do
    /// not exist for them).
    pub fn reads_organisation(user: &User, organisation_id: i64) -> Result<(), AppError> {
        match user.role {
            Role::Partner if user.organisation_id != Some(organisation_id) => {
                Err(AppError::NotFound)
            }
            _ => Ok(()),
        }
    }

    /// May change this organisation: staff any, a partner only their own, a viewer none.
    pub fn edits_organisation(user: &User, organisation_id: i64) -> Result<(), AppError> {
        reads_organisation(user, organisation_id)?;
        match user.role {
            Role::Admin | Role::Staff => Ok(()),
            Role::Partner if user.organisation_id == Some(organisation_id) => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    /// May create and change resources of this owner, see their private calendar link and
    /// decide on their bookings: admin and staff any, a partner their own organisation's, a
    /// viewer none.
    pub fn manages_resource(user: &User, owner_organisation_id: i64) -> Result<(), AppError> {
        match user.role {
            Role::Admin | Role::Staff => Ok(()),
            Role::Partner if user.organisation_id == Some(owner_organisation_id) => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    /// May see who a resource's managers (vastuuhenkilöt) are: those who see the whole
    /// network. A partner sees no other users of Vaski.
    pub fn sees_resource_managers(user: &User) -> bool {
        user.role.sees_whole_network()
    }

    /// May choose a resource's managers: the institution's staff, who see the other users.
    pub fn sets_resource_managers(user: &User) -> bool {
        user.role.edits_network()
    }

    /// May book at all: everyone but a viewer.
    pub fn books(user: &User) -> Result<(), AppError> {
        match user.role {
            Role::Admin | Role::Staff | Role::Partner => Ok(()),
            Role::Viewer => Err(AppError::Forbidden),
        }
    }

    /// Whether the user may see who booked a resource of this owner and why: staff, admins and
    /// viewers always, a partner when their organisation is the booker or the owner. Everyone
    /// may see that the time is taken.
    pub fn sees_booking_details(
        user: &User,
        booker_organisation_id: Option<i64>,
        owner_organisation_id: i64,
    ) -> bool {
        match user.role {
            Role::Partner => user.organisation_id.is_some_and(|own| {
                booker_organisation_id == Some(own) || own == owner_organisation_id
            }),
            Role::Admin | Role::Staff | Role::Viewer => true,
        }
    }

    /// May read this booking: those who may see its details; for anyone else it does not
    /// exist (404).
    pub fn sees_booking(
        user: &User,
        booking: &vaski_store::sharing::booking::Booking,
    ) -> Result<(), AppError> {
        if sees_booking_details(
            user,
            booking.booker_organisation_id,
            booking.owner_organisation_id,
        ) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// [`sees_booking`] by the booking's booker and owner organisations.
    pub fn sees_booking_of(
        user: &User,
        booker_organisation_id: Option<i64>,
        owner_organisation_id: i64,
    ) -> Result<(), AppError> {
        if sees_booking_details(user, booker_organisation_id, owner_organisation_id) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// May confirm or reject this booking: those who manage its resource. A resource's named
    /// managers are always among them: the store takes as a manager only an admin or staff
    /// user (who manage every resource) or a partner user of the owner organisation (who
    /// manages its resources), see `vaski_store::sharing::manager`.
    pub fn decides_booking(
        user: &User,
        booking: &vaski_store::sharing::booking::Booking,
    ) -> Result<(), AppError> {
        sees_booking(user, booking)?;
        manages_resource(user, booking.owner_organisation_id)
    }

    /// May cancel this booking: the booker's side (a user of the booker organisation, or the
    /// user who made it) and those who manage its resource; never a viewer.
    pub fn cancels_booking(
        user: &User,
        booking: &vaski_store::sharing::booking::Booking,
    ) -> Result<(), AppError> {
        sees_booking(user, booking)?;
        books(user)?;
        let of_booker = user.organisation_id.is_some()
            && user.organisation_id == booking.booker_organisation_id;
        if of_booker || booking.booked_by == Some(user.id) {
            return Ok(());
        }
        manages_resource(user, booking.owner_organisation_id)
    }
}
