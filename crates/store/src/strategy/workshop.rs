//! Workshops of a plan: participants (users, or people who came through the workshop's code),
//! ideas grouped into themes, dot votes and the ranked result (docs/adr/0008-strategy.md).
//!
//! A participant without an account holds a random token, returned once when they join; only
//! its SHA-256 hash is stored, and it admits them only to their own workshop and only while
//! its window is open. A vote is checked against the participant's other votes and written in
//! one transaction that first takes a lock on the participant: SQLite's write transaction
//! (`BEGIN IMMEDIATE`) is that lock, on PostgreSQL the participant's row is locked
//! (`FOR UPDATE`), so parallel votes of one person queue and never pass the budget.

use crate::audit::{self, Actor, Change, Subject};
use crate::db::{sql, to_timestamp, Backend, Db, Tx};
use crate::error::StoreError;
use crate::in_list;
use jiff::Timestamp;
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};
use vaski_domain::strategy::workshop::{
    self as rules, DisplayName, Dots, IdeaText, JoinCode, Tally, ThemeName, VoteRefusal, VoteRules,
    Window, WorkshopDraft,
};
use vaski_domain::text::Invalid;

/// How many fresh codes a new workshop tries before giving up; one clash in 10¹² is rare, a
/// second in a row means something else is wrong.
const CODE_ATTEMPTS: usize = 5;

/// A workshop as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workshop {
    pub id: i64,
    pub plan_id: i64,
    /// The plan's organisation, whose history shows the workshop's changes.
    pub organisation_id: i64,
    pub title: String,
    pub held_on: Date,
    pub theme: Option<String>,
    pub code: JoinCode,
    pub window: Window,
    pub rules: VoteRules,
}

#[derive(Debug, sqlx::FromRow)]
struct WorkshopRow {
    id: i64,
    plan_id: i64,
    organisation_id: i64,
    title: String,
    held_on: Date,
    theme: Option<String>,
    code: String,
    opens_at: OffsetDateTime,
    closes_at: OffsetDateTime,
    vote_budget: i64,
    vote_cap: Option<i64>,
    anonymous_votes: bool,
}

const WORKSHOP_COLUMNS: &str = "w.id, w.plan_id, p.organisation_id, w.title, w.held_on, w.theme, \
     w.code, w.opens_at, w.closes_at, w.vote_budget, w.vote_cap, w.anonymous_votes \
     FROM workshops w JOIN plans p ON p.id = w.plan_id";

impl TryFrom<WorkshopRow> for Workshop {
    type Error = StoreError;

    fn try_from(r: WorkshopRow) -> Result<Workshop, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("workshop {} {what}", r.id));
        let window = Window::new(to_timestamp(r.opens_at)?, to_timestamp(r.closes_at)?)
            .map_err(|_| corrupt("window"))?;
        let rules = VoteRules::new(r.vote_budget, r.vote_cap, r.anonymous_votes)
            .map_err(|_| corrupt("vote rules"))?;
        let code = JoinCode::parse(&r.code).map_err(|_| corrupt("code"))?;
        Ok(Workshop {
            id: r.id,
            plan_id: r.plan_id,
            organisation_id: r.organisation_id,
            title: r.title,
            held_on: r.held_on,
            theme: r.theme,
            code,
            window,
            rules,
        })
    }
}

/// The workshop's fields as the audit trail records them.
fn snapshot(d: &WorkshopDraft) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("title", Some(d.title.clone())),
        ("held_on", Some(d.held_on.to_string())),
        ("theme", d.theme.clone()),
        ("opens_at", Some(d.window.opens_at().to_string())),
        ("closes_at", Some(d.window.closes_at().to_string())),
        ("vote_budget", Some(d.rules.budget().to_string())),
        ("vote_cap", d.rules.cap_per_idea().map(|c| c.to_string())),
        ("anonymous_votes", Some(d.rules.anonymous().to_string())),
    ]
}

fn draft_of(w: &Workshop) -> WorkshopDraft {
    WorkshopDraft {
        title: w.title.clone(),
        held_on: w.held_on,
        theme: w.theme.clone(),
        window: w.window,
        rules: w.rules,
    }
}

fn subject(entity: &'static str, id: i64, organisation_id: i64) -> Subject<'static> {
    Subject {
        entity,
        entity_id: Some(id),
        organisation_id: Some(organisation_id),
    }
}

fn new_code() -> JoinCode {
    JoinCode::generate(&mut rand::thread_rng())
}

/// A new workshop under the plan, with a fresh join code.
pub async fn create(
    tx: &mut Tx,
    plan_id: i64,
    draft: &WorkshopDraft,
    actor: &Actor,
) -> Result<Workshop, StoreError> {
    let (organisation_id,): (i64,) = tx
        .fetch_optional(sql("SELECT organisation_id FROM plans WHERE id = $1").bind(plan_id))
        .await?
        .ok_or(StoreError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    for _ in 0..CODE_ATTEMPTS {
        let code = new_code();
        // ON CONFLICT rather than catching the unique violation: on PostgreSQL a failed
        // statement would abort the caller's whole transaction.
        let inserted: Option<(i64,)> = tx
            .fetch_optional(
                sql("INSERT INTO workshops (plan_id, title, held_on, theme, code, opens_at, closes_at, \
                     vote_budget, vote_cap, anonymous_votes, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
                     ON CONFLICT (code) DO NOTHING RETURNING id")
                .bind(plan_id)
                .bind(&draft.title)
                .bind(draft.held_on)
                .bind(draft.theme.as_deref())
                .bind(code.as_str())
                .bind(draft.window.opens_at())
                .bind(draft.window.closes_at())
                .bind(i64::from(draft.rules.budget()))
                .bind(draft.rules.cap_per_idea().map(i64::from))
                .bind(draft.rules.anonymous())
                .bind(actor.user_id)
                .bind(now),
            )
            .await?;
        if let Some((id,)) = inserted {
            let changes = audit::diff(&[], &snapshot(draft));
            let subject = subject("workshop", id, organisation_id);
            audit::record(tx, actor, "create", subject, &changes).await?;
            return get_in(tx, id).await?.ok_or(StoreError::NotFound);
        }
    }
    Err(StoreError::Conflict {
        constraint: "workshops_code_key".into(),
    })
}

/// Changes a workshop's title, date, theme, window and vote rules; the code stays. A budget or
/// cap below the dots already given is refused, since those votes would break the new rules.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    draft: &WorkshopDraft,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    check_rules_hold_votes(tx, id, &draft.rules).await?;
    tx.execute(
        sql("UPDATE workshops SET title = $1, held_on = $2, theme = $3, opens_at = $4, closes_at = $5, \
             vote_budget = $6, vote_cap = $7, anonymous_votes = $8, updated_at = $9 WHERE id = $10")
        .bind(&draft.title)
        .bind(draft.held_on)
        .bind(draft.theme.as_deref())
        .bind(draft.window.opens_at())
        .bind(draft.window.closes_at())
        .bind(i64::from(draft.rules.budget()))
        .bind(draft.rules.cap_per_idea().map(i64::from))
        .bind(draft.rules.anonymous())
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await?;
    let changes = audit::diff(&snapshot(&draft_of(&old)), &snapshot(draft));
    if !changes.is_empty() {
        let subject = subject("workshop", id, old.organisation_id);
        audit::record(tx, actor, "update", subject, &changes).await?;
    }
    Ok(())
}

async fn check_rules_hold_votes(
    tx: &mut Tx,
    workshop_id: i64,
    new: &VoteRules,
) -> Result<(), StoreError> {
    let (most_given,): (i64,) = tx
        .fetch_one(
            sql("SELECT CAST(COALESCE(MAX(t.total), 0) AS BIGINT) FROM \
                 (SELECT SUM(v.dots) AS total FROM votes v \
                  JOIN workshop_participants p ON p.id = v.participant_id \
                  WHERE p.workshop_id = $1 GROUP BY v.participant_id) t")
            .bind(workshop_id),
        )
        .await?;
    if most_given > i64::from(new.budget()) {
        return Err(StoreError::Invalid {
            field: "vote_budget",
            key: "error-workshop-budget-below-votes",
        });
    }
    let (most_on_idea,): (i64,) = tx
        .fetch_one(
            sql(
                "SELECT CAST(COALESCE(MAX(v.dots), 0) AS BIGINT) FROM votes v \
                 JOIN ideas i ON i.id = v.idea_id WHERE i.workshop_id = $1",
            )
            .bind(workshop_id),
        )
        .await?;
    if most_on_idea > i64::from(new.most_per_idea()) {
        return Err(StoreError::Invalid {
            field: "vote_cap",
            key: "error-workshop-cap-below-votes",
        });
    }
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Workshop>, StoreError> {
    let row: Option<WorkshopRow> = db
        .fetch_optional(sql(format!("SELECT {WORKSHOP_COLUMNS} WHERE w.id = $1")).bind(id))
        .await?;
    row.map(Workshop::try_from).transpose()
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Workshop>, StoreError> {
    let row: Option<WorkshopRow> = tx
        .fetch_optional(sql(format!("SELECT {WORKSHOP_COLUMNS} WHERE w.id = $1")).bind(id))
        .await?;
    row.map(Workshop::try_from).transpose()
}

/// The workshops of a plan, latest first.
pub async fn of_plan(db: &Db, plan_id: i64) -> Result<Vec<Workshop>, StoreError> {
    let rows: Vec<WorkshopRow> = db
        .fetch_all(
            sql(format!(
                "SELECT {WORKSHOP_COLUMNS} WHERE w.plan_id = $1 ORDER BY w.held_on DESC, w.id DESC"
            ))
            .bind(plan_id),
        )
        .await?;
    rows.into_iter().map(Workshop::try_from).collect()
}

/// The workshop a join code belongs to, open or not (the join page says which).
pub async fn by_code(db: &Db, code: &JoinCode) -> Result<Option<Workshop>, StoreError> {
    let row: Option<WorkshopRow> = db
        .fetch_optional(
            sql(format!("SELECT {WORKSHOP_COLUMNS} WHERE w.code = $1")).bind(code.as_str()),
        )
        .await?;
    row.map(Workshop::try_from).transpose()
}

/// Someone taking part in a workshop: a user, or a person who came through the code.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Participant {
    pub id: i64,
    pub workshop_id: i64,
    pub user_id: Option<i64>,
    pub display_name: String,
}

impl Participant {
    /// Who the audit trail says made a participant's change: the user, or for a person
    /// without an account the name they gave.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user_id,
            label: self.display_name.clone(),
        }
    }
}

const PARTICIPANT_COLUMNS: &str = "p.id, p.workshop_id, p.user_id, p.display_name";

/// A participant who has just come through the code, with the token that admits them from now
/// on. The token is not stored and cannot be shown again.
#[derive(Debug, Clone)]
pub struct Joined {
    pub participant: Participant,
    pub token: String,
}

/// Makes a logged-in user a participant of the workshop, or returns them as they already are.
pub async fn join_as_user(
    tx: &mut Tx,
    workshop_id: i64,
    user_id: i64,
    name: &DisplayName,
) -> Result<Participant, StoreError> {
    let workshop = get_in(tx, workshop_id).await?.ok_or(StoreError::NotFound)?;
    let inserted: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO workshop_participants (workshop_id, user_id, display_name, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (workshop_id, user_id) DO NOTHING RETURNING id")
            .bind(workshop_id)
            .bind(user_id)
            .bind(name.as_str())
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let participant: Participant = tx
        .fetch_one(
            sql(format!(
                "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants p \
                 WHERE p.workshop_id = $1 AND p.user_id = $2"
            ))
            .bind(workshop_id)
            .bind(user_id),
        )
        .await?;
    if let Some((id,)) = inserted {
        audit_joined(tx, &participant, id, workshop.organisation_id).await?;
    }
    Ok(participant)
}

async fn audit_joined(
    tx: &mut Tx,
    participant: &Participant,
    id: i64,
    organisation_id: i64,
) -> Result<(), StoreError> {
    let changes = [Change {
        field: "display_name".into(),
        old: None,
        new: Some(participant.display_name.clone()),
    }];
    let subject = subject("workshop_participant", id, organisation_id);
    audit::record(tx, &participant.actor(), "create", subject, &changes).await
}

/// Admits a person without an account through the workshop's code while its window is open.
/// An unknown code is not found; a workshop not yet open or already closed is refused on the
/// `code` field with the reason.
pub async fn join_with_code(
    db: &Db,
    code: &JoinCode,
    name: &DisplayName,
    now: Timestamp,
) -> Result<Joined, StoreError> {
    let mut tx = db.begin().await?;
    let row: Option<WorkshopRow> = tx
        .fetch_optional(
            sql(format!("SELECT {WORKSHOP_COLUMNS} WHERE w.code = $1")).bind(code.as_str()),
        )
        .await?;
    let workshop = Workshop::try_from(row.ok_or(StoreError::NotFound)?)?;
    if let Some(refusal) = workshop.window.refusal_at(now) {
        return Err(invalid("code", refusal));
    }
    let token = new_token();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO workshop_participants (workshop_id, display_name, token_hash, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(workshop.id)
            .bind(name.as_str())
            .bind(hash_token(&token))
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let participant = Participant {
        id,
        workshop_id: workshop.id,
        user_id: None,
        display_name: name.as_str().to_string(),
    };
    audit_joined(&mut tx, &participant, id, workshop.organisation_id).await?;
    tx.commit().await?;
    Ok(Joined { participant, token })
}

fn invalid(field: &'static str, e: Invalid) -> StoreError {
    StoreError::Invalid { field, key: e.key }
}

/// 32 random bytes from the operating system, hex.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps instead of a participant's token.
fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The participant a token admits to this workshop, only while its window is open at `now`.
pub async fn participant_by_token(
    db: &Db,
    workshop_id: i64,
    token: &str,
    now: Timestamp,
) -> Result<Option<Participant>, StoreError> {
    db.fetch_optional(
        sql(format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants p \
             JOIN workshops w ON w.id = p.workshop_id \
             WHERE p.token_hash = $1 AND p.workshop_id = $2 AND w.opens_at <= $3 AND w.closes_at > $3"
        ))
        .bind(hash_token(token))
        .bind(workshop_id)
        .bind(now),
    )
    .await
}

/// The participant a logged-in user is in the workshop, if they joined.
pub async fn participant_of_user(
    db: &Db,
    workshop_id: i64,
    user_id: i64,
) -> Result<Option<Participant>, StoreError> {
    db.fetch_optional(
        sql(format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants p \
             WHERE p.workshop_id = $1 AND p.user_id = $2"
        ))
        .bind(workshop_id)
        .bind(user_id),
    )
    .await
}

pub async fn participant(db: &Db, id: i64) -> Result<Option<Participant>, StoreError> {
    db.fetch_optional(
        sql(format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants p WHERE p.id = $1"
        ))
        .bind(id),
    )
    .await
}

/// Everyone taking part, by name.
pub async fn participants(db: &Db, workshop_id: i64) -> Result<Vec<Participant>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants p \
             WHERE p.workshop_id = $1 ORDER BY p.display_name, p.id"
        ))
        .bind(workshop_id),
    )
    .await
}

/// An idea and who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Idea {
    pub id: i64,
    pub workshop_id: i64,
    pub text: String,
    pub participant_id: Option<i64>,
    /// The author's name; none once the author has been removed.
    pub author: Option<String>,
    pub theme_id: Option<i64>,
}

const IDEA_COLUMNS: &str = "i.id, i.workshop_id, i.text, i.participant_id, \
     p.display_name AS author, i.theme_id \
     FROM ideas i LEFT JOIN workshop_participants p ON p.id = i.participant_id";

/// The workshop's ideas in the order they were written.
pub async fn ideas(db: &Db, workshop_id: i64) -> Result<Vec<Idea>, StoreError> {
    db.fetch_all(
        sql(format!(
            "SELECT {IDEA_COLUMNS} WHERE i.workshop_id = $1 ORDER BY i.id"
        ))
        .bind(workshop_id),
    )
    .await
}

pub async fn idea(db: &Db, id: i64) -> Result<Option<Idea>, StoreError> {
    db.fetch_optional(sql(format!("SELECT {IDEA_COLUMNS} WHERE i.id = $1")).bind(id))
        .await
}

async fn idea_in(tx: &mut Tx, id: i64) -> Result<Idea, StoreError> {
    tx.fetch_optional(sql(format!("SELECT {IDEA_COLUMNS} WHERE i.id = $1")).bind(id))
        .await?
        .ok_or(StoreError::NotFound)
}

async fn organisation_of_workshop(tx: &mut Tx, workshop_id: i64) -> Result<i64, StoreError> {
    let (id,): (i64,) = tx
        .fetch_optional(
            sql(
                "SELECT p.organisation_id FROM workshops w JOIN plans p ON p.id = w.plan_id \
                 WHERE w.id = $1",
            )
            .bind(workshop_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(id)
}

/// Refuses a theme of another workshop (or none at all) on the `theme_id` field.
async fn check_theme(
    tx: &mut Tx,
    workshop_id: i64,
    theme_id: Option<i64>,
) -> Result<(), StoreError> {
    let Some(theme_id) = theme_id else {
        return Ok(());
    };
    let found: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM idea_themes WHERE id = $1 AND workshop_id = $2")
                .bind(theme_id)
                .bind(workshop_id),
        )
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::Invalid {
            field: "theme_id",
            key: "error-workshop-theme-unknown",
        }),
    }
}

/// A new idea by a participant, in their workshop, optionally under a theme of it.
pub async fn add_idea(
    tx: &mut Tx,
    author: &Participant,
    text: &IdeaText,
    theme_id: Option<i64>,
) -> Result<Idea, StoreError> {
    let organisation_id = organisation_of_workshop(tx, author.workshop_id).await?;
    check_theme(tx, author.workshop_id, theme_id).await?;
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO ideas (workshop_id, text, participant_id, theme_id, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
            .bind(author.workshop_id)
            .bind(text.as_str())
            .bind(author.id)
            .bind(theme_id)
            .bind(now),
        )
        .await?;
    let changes = [Change {
        field: "text".into(),
        old: None,
        new: Some(text.as_str().to_string()),
    }];
    let subject = subject("idea", id, organisation_id);
    audit::record(tx, &author.actor(), "create", subject, &changes).await?;
    idea_in(tx, id).await
}

/// Rewrites an idea's text.
pub async fn edit_idea(
    tx: &mut Tx,
    id: i64,
    text: &IdeaText,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = idea_in(tx, id).await?;
    if old.text == text.as_str() {
        return Ok(());
    }
    let organisation_id = organisation_of_workshop(tx, old.workshop_id).await?;
    tx.execute(
        sql("UPDATE ideas SET text = $1, updated_at = $2 WHERE id = $3")
            .bind(text.as_str())
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let changes = [Change {
        field: "text".into(),
        old: Some(old.text),
        new: Some(text.as_str().to_string()),
    }];
    let subject = subject("idea", id, organisation_id);
    audit::record(tx, actor, "update", subject, &changes).await
}

/// Removes an idea and the dots given to it, which go back to their participants.
pub async fn delete_idea(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = idea_in(tx, id).await?;
    let organisation_id = organisation_of_workshop(tx, old.workshop_id).await?;
    tx.execute(sql("DELETE FROM ideas WHERE id = $1").bind(id))
        .await?;
    let changes = [Change {
        field: "text".into(),
        old: Some(old.text),
        new: None,
    }];
    let subject = subject("idea", id, organisation_id);
    audit::record(tx, actor, "delete", subject, &changes).await
}

/// A theme that ideas are grouped under.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Theme {
    pub id: i64,
    pub workshop_id: i64,
    pub name: String,
    pub position: i64,
}

/// The workshop's themes in the order they were made.
pub async fn themes(db: &Db, workshop_id: i64) -> Result<Vec<Theme>, StoreError> {
    db.fetch_all(
        sql("SELECT id, workshop_id, name, position FROM idea_themes \
             WHERE workshop_id = $1 ORDER BY position, id")
        .bind(workshop_id),
    )
    .await
}

async fn theme_in(tx: &mut Tx, id: i64) -> Result<Theme, StoreError> {
    tx.fetch_optional(
        sql("SELECT id, workshop_id, name, position FROM idea_themes WHERE id = $1").bind(id),
    )
    .await?
    .ok_or(StoreError::NotFound)
}

/// Refuses a name another theme of the workshop has, before the unique constraint would (a
/// failed statement aborts a PostgreSQL transaction).
async fn check_theme_name_free(
    tx: &mut Tx,
    workshop_id: i64,
    name: &ThemeName,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let taken: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM idea_themes WHERE workshop_id = $1 AND name = $2 AND id <> $3")
                .bind(workshop_id)
                .bind(name.as_str())
                .bind(except.unwrap_or(0)),
        )
        .await?;
    match taken {
        Some(_) => Err(StoreError::Invalid {
            field: "name",
            key: "error-workshop-theme-taken",
        }),
        None => Ok(()),
    }
}

pub async fn create_theme(
    tx: &mut Tx,
    workshop_id: i64,
    name: &ThemeName,
    actor: &Actor,
) -> Result<Theme, StoreError> {
    let organisation_id = organisation_of_workshop(tx, workshop_id).await?;
    check_theme_name_free(tx, workshop_id, name, None).await?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO idea_themes (workshop_id, name, position) \
                 VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM idea_themes WHERE workshop_id = $1)) \
                 RETURNING id")
            .bind(workshop_id)
            .bind(name.as_str()),
        )
        .await?;
    let changes = [Change {
        field: "name".into(),
        old: None,
        new: Some(name.as_str().to_string()),
    }];
    let subject = subject("idea_theme", id, organisation_id);
    audit::record(tx, actor, "create", subject, &changes).await?;
    theme_in(tx, id).await
}

pub async fn rename_theme(
    tx: &mut Tx,
    id: i64,
    name: &ThemeName,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = theme_in(tx, id).await?;
    if old.name == name.as_str() {
        return Ok(());
    }
    check_theme_name_free(tx, old.workshop_id, name, Some(id)).await?;
    let organisation_id = organisation_of_workshop(tx, old.workshop_id).await?;
    tx.execute(
        sql("UPDATE idea_themes SET name = $1 WHERE id = $2")
            .bind(name.as_str())
            .bind(id),
    )
    .await?;
    let changes = [Change {
        field: "name".into(),
        old: Some(old.name),
        new: Some(name.as_str().to_string()),
    }];
    let subject = subject("idea_theme", id, organisation_id);
    audit::record(tx, actor, "update", subject, &changes).await
}

/// Removes a theme; its ideas stay, ungrouped.
pub async fn delete_theme(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = theme_in(tx, id).await?;
    let organisation_id = organisation_of_workshop(tx, old.workshop_id).await?;
    tx.execute(sql("DELETE FROM idea_themes WHERE id = $1").bind(id))
        .await?;
    let changes = [Change {
        field: "name".into(),
        old: Some(old.name),
        new: None,
    }];
    let subject = subject("idea_theme", id, organisation_id);
    audit::record(tx, actor, "delete", subject, &changes).await
}

/// Groups ideas of the workshop under a theme of it, or takes them out of any (`None`). An
/// idea of another workshop is not found and nothing moves.
pub async fn move_ideas(
    tx: &mut Tx,
    workshop_id: i64,
    idea_ids: &[i64],
    theme_id: Option<i64>,
    actor: &Actor,
) -> Result<(), StoreError> {
    let organisation_id = organisation_of_workshop(tx, workshop_id).await?;
    check_theme(tx, workshop_id, theme_id).await?;
    let mut wanted = idea_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut q = sql("SELECT id, theme_id FROM ideas WHERE workshop_id = $1").bind(workshop_id);
    let list = in_list(&mut q, wanted.iter().copied());
    q.push_sql(&format!(" AND id IN ({list})"));
    let found: Vec<(i64, Option<i64>)> = tx.fetch_all(q).await?;
    if found.len() != wanted.len() {
        return Err(StoreError::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    for (id, old_theme) in found.into_iter().filter(|(_, t)| *t != theme_id) {
        tx.execute(
            sql("UPDATE ideas SET theme_id = $1, updated_at = $2 WHERE id = $3")
                .bind(theme_id)
                .bind(now)
                .bind(id),
        )
        .await?;
        let changes = [Change {
            field: "theme_id".into(),
            old: old_theme.map(|t| t.to_string()),
            new: theme_id.map(|t| t.to_string()),
        }];
        let subject = subject("idea", id, organisation_id);
        audit::record(tx, actor, "update", subject, &changes).await?;
    }
    Ok(())
}

/// Why a vote was not written; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefused {
    /// The dots would break the workshop's vote rules (budget or cap).
    #[error(transparent)]
    Rules(#[from] VoteRefusal),
    /// The workshop is not open for votes at this moment.
    #[error("{}", .0.key)]
    Window(Invalid),
}

impl VoteRefused {
    /// The message-catalogue key of the reason.
    pub fn key(&self) -> &'static str {
        match self {
            VoteRefused::Rules(r) => r.key(),
            VoteRefused::Window(i) => i.key,
        }
    }
}

/// A refused vote as the store's error, on the `dots` field, for callers that need no numbers.
impl From<VoteRefused> for StoreError {
    fn from(r: VoteRefused) -> StoreError {
        StoreError::Invalid {
            field: "dots",
            key: r.key(),
        }
    }
}

/// A participant's dots on an idea after a vote, and how many they have left to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voted {
    pub dots: u32,
    pub left: u32,
}

/// Sets a participant's dots on an idea of their workshop to `dots` (0 takes them back), while
/// the window is open at `now` and within the vote rules. The check and the write are one
/// transaction under the participant's lock (see the module comment).
pub async fn set_dots(
    db: &Db,
    participant_id: i64,
    idea_id: i64,
    dots: u32,
    now: Timestamp,
) -> Result<Result<Voted, VoteRefused>, StoreError> {
    let mut tx = db.begin().await?;
    let participant = lock_participant(&mut tx, participant_id).await?;
    let workshop = get_in(&mut tx, participant.workshop_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if let Some(refusal) = workshop.window.refusal_at(now) {
        return Ok(Err(VoteRefused::Window(refusal)));
    }
    let idea = idea_in(&mut tx, idea_id).await?;
    if idea.workshop_id != workshop.id {
        return Err(StoreError::NotFound);
    }
    let given = dots_given(&mut tx, participant_id, idea_id).await?;
    if let Err(refusal) = rules::may_set_dots(&workshop.rules, given, dots) {
        return Ok(Err(refusal.into()));
    }
    if dots != given.on_idea {
        write_dots(&mut tx, participant_id, idea_id, dots).await?;
        let changes = [Change {
            field: "dots".into(),
            old: Some(given.on_idea.to_string()),
            new: Some(dots.to_string()),
        }];
        let subject = subject("workshop_vote", idea_id, workshop.organisation_id);
        let actor = vote_actor(&workshop, &participant);
        audit::record(&mut tx, &actor, "update", subject, &changes).await?;
    }
    tx.commit().await?;
    let left = workshop
        .rules
        .budget()
        .saturating_sub(given.elsewhere)
        .saturating_sub(dots);
    Ok(Ok(Voted { dots, left }))
}

/// Records a participant's dots on an idea after the workshop, as typed in from the paper
/// dots of a workshop held without Vaski (and by the demo): the budget and the cap hold, the
/// window does not, since the votes were given while it was open. Audited like a vote.
pub async fn record_dots(
    tx: &mut Tx,
    participant_id: i64,
    idea_id: i64,
    dots: u32,
) -> Result<Result<(), VoteRefused>, StoreError> {
    let participant = lock_participant(tx, participant_id).await?;
    let workshop = get_in(tx, participant.workshop_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let idea = idea_in(tx, idea_id).await?;
    if idea.workshop_id != workshop.id {
        return Err(StoreError::NotFound);
    }
    let given = dots_given(tx, participant_id, idea_id).await?;
    if let Err(refusal) = rules::may_set_dots(&workshop.rules, given, dots) {
        return Ok(Err(refusal.into()));
    }
    write_dots(tx, participant_id, idea_id, dots).await?;
    let changes = [Change {
        field: "dots".into(),
        old: Some(given.on_idea.to_string()),
        new: Some(dots.to_string()),
    }];
    let subject = subject("workshop_vote", idea_id, workshop.organisation_id);
    audit::record(
        tx,
        &vote_actor(&workshop, &participant),
        "record",
        subject,
        &changes,
    )
    .await?;
    Ok(Ok(()))
}

/// Takes the participant's lock for the rest of the transaction (see the module comment).
async fn lock_participant(tx: &mut Tx, id: i64) -> Result<Participant, StoreError> {
    let lock = match tx.backend() {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    tx.fetch_optional(
        sql(format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM workshop_participants p WHERE p.id = $1{lock}"
        ))
        .bind(id),
    )
    .await?
    .ok_or(StoreError::NotFound)
}

/// Who an audited vote names: in a workshop with anonymous votes no one, since the history
/// would otherwise show who gave which dots.
fn vote_actor(workshop: &Workshop, participant: &Participant) -> Actor {
    if workshop.rules.anonymous() {
        Actor::system("workshop participant")
    } else {
        participant.actor()
    }
}

async fn dots_given(tx: &mut Tx, participant_id: i64, idea_id: i64) -> Result<Dots, StoreError> {
    let (elsewhere, on_idea): (i64, i64) = tx
        .fetch_one(
            sql("SELECT CAST(COALESCE(SUM(CASE WHEN idea_id = $2 THEN 0 ELSE dots END), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(CASE WHEN idea_id = $2 THEN dots ELSE 0 END), 0) AS BIGINT) \
                 FROM votes WHERE participant_id = $1")
            .bind(participant_id)
            .bind(idea_id),
        )
        .await?;
    Ok(Dots {
        elsewhere: count(elsewhere)?,
        on_idea: count(on_idea)?,
    })
}

async fn write_dots(
    tx: &mut Tx,
    participant_id: i64,
    idea_id: i64,
    dots: u32,
) -> Result<(), StoreError> {
    if dots == 0 {
        tx.execute(
            sql("DELETE FROM votes WHERE idea_id = $1 AND participant_id = $2")
                .bind(idea_id)
                .bind(participant_id),
        )
        .await?;
    } else {
        tx.execute(
            sql("INSERT INTO votes (idea_id, participant_id, dots, updated_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (idea_id, participant_id) DO UPDATE SET dots = excluded.dots, updated_at = excluded.updated_at")
            .bind(idea_id)
            .bind(participant_id)
            .bind(i64::from(dots))
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    }
    Ok(())
}

fn count(n: i64) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("dot count {n}")))
}

/// A participant's own dots, idea by idea, for the voting page.
pub async fn dots_of(db: &Db, participant_id: i64) -> Result<Vec<(i64, u32)>, StoreError> {
    let rows: Vec<(i64, i64)> = db
        .fetch_all(
            sql("SELECT idea_id, dots FROM votes WHERE participant_id = $1 ORDER BY idea_id")
                .bind(participant_id),
        )
        .await?;
    rows.into_iter()
        .map(|(idea, dots)| Ok((idea, count(dots)?)))
        .collect()
}

/// The dots a participant has not given yet.
pub async fn remaining_dots(db: &Db, participant_id: i64) -> Result<u32, StoreError> {
    let (budget, given): (i64, i64) = db
        .fetch_optional(
            sql("SELECT w.vote_budget, CAST(COALESCE((SELECT SUM(v.dots) FROM votes v \
                 WHERE v.participant_id = p.id), 0) AS BIGINT) \
                 FROM workshop_participants p JOIN workshops w ON w.id = p.workshop_id WHERE p.id = $1")
            .bind(participant_id),
        )
        .await?
        .ok_or(StoreError::NotFound)?;
    count(budget.saturating_sub(given).max(0))
}

/// One participant's dots on an idea, shown only where votes are named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voter {
    pub participant_id: i64,
    pub name: String,
    pub dots: u32,
}

/// An idea's place in the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedIdea {
    /// Shared by ideas with the same dots and voters ("1., 2., 2., 4.").
    pub rank: u32,
    pub idea_id: i64,
    pub text: String,
    pub theme_id: Option<i64>,
    pub theme: Option<String>,
    pub dots: u32,
    pub voters: u32,
    /// Who gave the dots, most first; `None` when the workshop's votes are anonymous.
    pub named_voters: Option<Vec<Voter>>,
}

#[derive(Debug, sqlx::FromRow)]
struct TallyRow {
    id: i64,
    text: String,
    theme_id: Option<i64>,
    theme: Option<String>,
    dots: i64,
    voters: i64,
}

/// The ranked result: every idea, most dots first, then most voters; ideas that tie are listed
/// in the order they were written.
pub async fn result(db: &Db, workshop_id: i64) -> Result<Vec<RankedIdea>, StoreError> {
    let workshop = get(db, workshop_id).await?.ok_or(StoreError::NotFound)?;
    let rows: Vec<TallyRow> = db
        .fetch_all(
            sql("SELECT i.id, i.text, i.theme_id, t.name AS theme, \
                 CAST(COALESCE(SUM(v.dots), 0) AS BIGINT) AS dots, \
                 CAST(COUNT(v.participant_id) AS BIGINT) AS voters \
                 FROM ideas i LEFT JOIN idea_themes t ON t.id = i.theme_id \
                 LEFT JOIN votes v ON v.idea_id = i.id \
                 WHERE i.workshop_id = $1 GROUP BY i.id, i.text, i.theme_id, t.name ORDER BY i.id")
            .bind(workshop_id),
        )
        .await?;
    let mut voters = if workshop.rules.anonymous() {
        None
    } else {
        Some(named_voters(db, workshop_id).await?)
    };
    let mut ideas = Vec::with_capacity(rows.len());
    for r in rows {
        let tally = Tally {
            dots: count(r.dots)?,
            voters: count(r.voters)?,
        };
        ideas.push((r, tally));
    }
    let ranked = rules::rank(ideas, |(_, tally)| *tally);
    Ok(ranked
        .into_iter()
        .map(|(rank, (r, tally))| RankedIdea {
            rank,
            idea_id: r.id,
            named_voters: voters.as_mut().map(|all| take_voters(all, r.id)),
            text: r.text,
            theme_id: r.theme_id,
            theme: r.theme,
            dots: tally.dots,
            voters: tally.voters,
        })
        .collect())
}

/// Every named vote of the workshop as (idea, voter), most dots first.
async fn named_voters(db: &Db, workshop_id: i64) -> Result<Vec<(i64, Voter)>, StoreError> {
    let rows: Vec<(i64, i64, String, i64)> = db
        .fetch_all(
            sql(
                "SELECT v.idea_id, p.id, p.display_name, v.dots FROM votes v \
                 JOIN workshop_participants p ON p.id = v.participant_id \
                 WHERE p.workshop_id = $1 ORDER BY v.dots DESC, p.display_name, p.id",
            )
            .bind(workshop_id),
        )
        .await?;
    rows.into_iter()
        .map(|(idea, id, name, dots)| {
            Ok((
                idea,
                Voter {
                    participant_id: id,
                    name,
                    dots: count(dots)?,
                },
            ))
        })
        .collect()
}

fn take_voters(all: &mut Vec<(i64, Voter)>, idea_id: i64) -> Vec<Voter> {
    let (mine, rest): (Vec<_>, Vec<_>) = all.drain(..).partition(|(idea, _)| *idea == idea_id);
    *all = rest;
    mine.into_iter().map(|(_, v)| v).collect()
}
