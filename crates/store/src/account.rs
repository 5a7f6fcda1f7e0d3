//! Users, their sessions and API tokens, and the record of failed logins used for throttling.
//! Secrets are never stored: sessions and tokens by their SHA-256 hash, passwords by argon2id
//! (hashed in the web layer, stored here as the PHC string).

use crate::audit::{self, Actor, Change, Subject};
use crate::db::{sql, Db};
use crate::error::StoreError;
use time::{Duration, OffsetDateTime};
use vaski_domain::account::Role;
use vaski_domain::text::Email;
use vaski_domain::Language;

#[derive(Debug, Clone, sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    organisation_id: Option<i64>,
    password_hash: Option<String>,
    language: String,
    active: bool,
}

/// A user account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// For a partner user: the organisation they represent.
    pub organisation_id: Option<i64>,
    pub password_hash: Option<String>,
    pub language: Language,
    pub active: bool,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<User, StoreError> {
        Ok(User {
            id: r.id,
            email: r.email,
            name: r.name,
            role: Role::parse(&r.role)
                .map_err(|_| StoreError::Corrupt(format!("role {}", r.role)))?,
            organisation_id: r.organisation_id,
            password_hash: r.password_hash,
            language: Language::parse(&r.language).unwrap_or_default(),
            active: r.active,
        })
    }
}

const USER_COLUMNS: &str =
    "id, email, name, role, organisation_id, password_hash, language, active";

/// A new user as the command line or an administrator gives it.
pub struct NewUser<'a> {
    pub email: &'a Email,
    pub name: &'a str,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub password_hash: Option<&'a str>,
    pub language: Language,
}

pub async fn create_user(db: &Db, user: NewUser<'_>, actor: &Actor) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO users (email, name, role, organisation_id, password_hash, language, active, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7) RETURNING id")
            .bind(user.email.as_str())
            .bind(user.name)
            .bind(user.role.code())
            .bind(user.organisation_id)
            .bind(user.password_hash)
            .bind(user.language.code())
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let changes = [
        Change {
            field: "email".into(),
            old: None,
            new: Some(user.email.to_string()),
        },
        Change {
            field: "name".into(),
            old: None,
            new: Some(user.name.to_string()),
        },
        Change {
            field: "role".into(),
            old: None,
            new: Some(user.role.code().to_string()),
        },
    ];
    audit::record(
        &mut tx,
        actor,
        "create",
        Subject {
            entity: "user",
            entity_id: Some(id),
            organisation_id: user.organisation_id,
        },
        &changes,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<User>, StoreError> {
    let row: Option<UserRow> = db
        .fetch_optional(
            sql(format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1"))
                .bind(email.to_lowercase()),
        )
        .await?;
    row.map(User::try_from).transpose()
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<User>, StoreError> {
    let row: Option<UserRow> = db
        .fetch_optional(sql(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1")).bind(id))
        .await?;
    row.map(User::try_from).transpose()
}

/// Staff users who may own partnerships, by name.
pub async fn staff_users(db: &Db) -> Result<Vec<User>, StoreError> {
    let rows: Vec<UserRow> = db
        .fetch_all(sql(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE role IN ('admin', 'staff') AND active = TRUE ORDER BY name"
        )))
        .await?;
    rows.into_iter().map(User::try_from).collect()
}

pub async fn count_users(db: &Db) -> Result<i64, StoreError> {
    let (n,): (i64,) = db.fetch_one(sql("SELECT COUNT(*) FROM users")).await?;
    Ok(n)
}

pub async fn set_language(db: &Db, user_id: i64, language: Language) -> Result<(), StoreError> {
    db.execute(
        sql("UPDATE users SET language = $1 WHERE id = $2")
            .bind(language.code())
            .bind(user_id),
    )
    .await?;
    Ok(())
}

/// A logged-in browser session.
pub async fn create_session(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    lifetime: Duration,
) -> Result<(), StoreError> {
    let now = OffsetDateTime::now_utc();
    db.execute(
        sql("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf_token)
            .bind(now)
            .bind(now + lifetime),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct SessionUserRow {
    #[sqlx(flatten)]
    user: UserRow,
    csrf_token: String,
}

/// The active user of a session that has not expired, with the session's CSRF token: one
/// read, since every page asks it first.
pub async fn session_user(db: &Db, token_hash: &str) -> Result<Option<(User, String)>, StoreError> {
    let row: Option<SessionUserRow> = db
        .fetch_optional(
            sql("SELECT u.id, u.email, u.name, u.role, u.organisation_id, u.password_hash, u.language, u.active, \
                 s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = TRUE")
            .bind(token_hash)
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    row.map(|r| Ok((User::try_from(r.user)?, r.csrf_token)))
        .transpose()
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    db.execute(sql("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash))
        .await?;
    Ok(())
}

pub async fn delete_expired_sessions(db: &Db) -> Result<u64, StoreError> {
    db.execute(sql("DELETE FROM sessions WHERE expires_at <= $1").bind(OffsetDateTime::now_utc()))
        .await
}

pub async fn create_api_token(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    label: &str,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
                .bind(user_id)
                .bind(token_hash)
                .bind(label)
                .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    audit::record(
        &mut tx,
        actor,
        "create",
        Subject {
            entity: "api_token",
            entity_id: Some(id),
            organisation_id: None,
        },
        &[Change {
            field: "label".into(),
            old: None,
            new: Some(label.to_string()),
        }],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The active user an API token belongs to.
pub async fn user_by_api_token(db: &Db, token_hash: &str) -> Result<Option<User>, StoreError> {
    let row: Option<UserRow> = db
        .fetch_optional(
            sql("SELECT u.id, u.email, u.name, u.role, u.organisation_id, u.password_hash, u.language, u.active \
                 FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND u.active = TRUE")
            .bind(token_hash),
        )
        .await?;
    row.map(User::try_from).transpose()
}

pub async fn record_login_failure(db: &Db, account: &str, address: &str) -> Result<(), StoreError> {
    db.execute(
        sql("INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)")
            .bind(account.to_lowercase())
            .bind(address)
            .bind(OffsetDateTime::now_utc()),
    )
    .await?;
    Ok(())
}

/// Failed logins for an account and from an address within the window.
pub async fn recent_login_failures(
    db: &Db,
    account: &str,
    address: &str,
    window: Duration,
) -> Result<(i64, i64), StoreError> {
    let since = OffsetDateTime::now_utc() - window;
    let (by_account,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM login_failures WHERE account = $1 AND at > $2")
                .bind(account.to_lowercase())
                .bind(since),
        )
        .await?;
    let (by_address,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at > $2")
                .bind(address)
                .bind(since),
        )
        .await?;
    Ok((by_account, by_address))
}

pub async fn clear_login_failures(db: &Db, account: &str) -> Result<(), StoreError> {
    db.execute(sql("DELETE FROM login_failures WHERE account = $1").bind(account.to_lowercase()))
        .await?;
    Ok(())
}
