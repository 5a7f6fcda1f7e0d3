//! Organisations of the network, with their tags, forms of cooperation and owners.

use crate::audit::{self, diff, Actor, Change, Subject};
use crate::db::{sql, Backend, Db, Query, Tx};
use crate::error::StoreError;
use crate::{in_list, Page};
use serde::Serialize;
use time::{Date, OffsetDateTime};
use vaski_domain::network::organisation::{normalised_name, OrganisationDraft};
use vaski_domain::network::search;
use vaski_domain::network::{CooperationForm, OrganisationKind, OrganisationStatus};
use vaski_domain::reference::industry::CLASSIFICATION;

#[derive(Debug, Clone, sqlx::FromRow)]
struct OrganisationRow {
    id: i64,
    name: String,
    business_id: Option<String>,
    kind: String,
    industry_code: Option<String>,
    industry_classification: Option<String>,
    municipality_code: Option<String>,
    address: Option<String>,
    website: Option<String>,
    status: String,
    notes: Option<String>,
    partner_since: Date,
    last_interaction_on: Option<Date>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

const COLUMNS: &str =
    "id, name, business_id, kind, industry_code, industry_classification, municipality_code, \
    address, website, status, notes, partner_since, last_interaction_on, created_at, updated_at";

/// An owner of a partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Owner {
    pub organisation_id: i64,
    pub user_id: i64,
    pub name: String,
}

/// An organisation as stored, with everything filed directly on it.
#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub business_id: Option<String>,
    pub kind: OrganisationKind,
    pub industry_code: Option<String>,
    pub industry_classification: Option<String>,
    pub municipality_code: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub status: OrganisationStatus,
    pub notes: Option<String>,
    pub partner_since: Date,
    pub last_interaction_on: Option<Date>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub tags: Vec<String>,
    pub cooperation: Vec<CooperationForm>,
    pub owners: Vec<Owner>,
}

impl Organisation {
    /// A partnership that rests on one person only.
    pub fn has_single_owner(&self) -> bool {
        self.owners.len() == 1
    }

    /// The values an audit entry compares, as text.
    fn snapshot(&self) -> Vec<(&'static str, Option<String>)> {
        snapshot_of(
            &self.name,
            self.business_id.as_deref(),
            self.kind,
            self.industry_code.as_deref(),
            self.municipality_code.as_deref(),
            self.address.as_deref(),
            self.website.as_deref(),
            self.status,
            self.notes.as_deref(),
            &self.tags,
            &self.cooperation,
        )
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a flat list of the audited fields"
)]
fn snapshot_of(
    name: &str,
    business_id: Option<&str>,
    kind: OrganisationKind,
    industry: Option<&str>,
    municipality: Option<&str>,
    address: Option<&str>,
    website: Option<&str>,
    status: OrganisationStatus,
    notes: Option<&str>,
    tags: &[String],
    cooperation: &[CooperationForm],
) -> Vec<(&'static str, Option<String>)> {
    let mut tags = tags.to_vec();
    tags.sort();
    let mut forms: Vec<&str> = cooperation.iter().map(|c| c.code()).collect();
    forms.sort_unstable();
    let joined = |v: Vec<String>| {
        if v.is_empty() {
            None
        } else {
            Some(v.join(", "))
        }
    };
    vec![
        ("name", Some(name.to_string())),
        ("business_id", business_id.map(str::to_string)),
        ("kind", Some(kind.code().to_string())),
        ("industry", industry.map(str::to_string)),
        ("municipality", municipality.map(str::to_string)),
        ("address", address.map(str::to_string)),
        ("website", website.map(str::to_string)),
        ("status", Some(status.code().to_string())),
        ("notes", notes.map(str::to_string)),
        ("tags", joined(tags)),
        (
            "cooperation",
            joined(forms.into_iter().map(str::to_string).collect()),
        ),
    ]
}

pub(crate) fn draft_snapshot(d: &OrganisationDraft) -> Vec<(&'static str, Option<String>)> {
    snapshot_of(
        &d.name,
        d.business_id.as_ref().map(|b| b.as_str()),
        d.kind,
        d.industry.map(|i| i.code.as_str()),
        d.municipality.map(|m| m.code.as_str()),
        d.address.as_deref(),
        d.website.as_deref(),
        d.status,
        d.notes.as_deref(),
        &d.tags,
        &d.cooperation,
    )
}

/// Whether storing the draft would change nothing of the organisation.
pub fn draft_matches(existing: &Organisation, draft: &OrganisationDraft) -> bool {
    diff(&existing.snapshot(), &draft_snapshot(draft)).is_empty()
}

pub(crate) fn search_text(d: &OrganisationDraft) -> String {
    let municipality = d
        .municipality
        .map(|m| format!("{} {}", m.name_fi, m.name_sv))
        .unwrap_or_default();
    let mut fields: Vec<&str> = vec![&d.name, &municipality];
    if let Some(b) = &d.business_id {
        fields.push(b.as_str());
    }
    fields.extend(d.tags.iter().map(String::as_str));
    if let Some(a) = &d.address {
        fields.push(a);
    }
    search::index_text(fields)
}

/// Creates an organisation; a taken business ID is a [`StoreError::Conflict`].
pub async fn create(
    tx: &mut Tx,
    d: &OrganisationDraft,
    partner_since: Date,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO organisations (name, normalised_name, business_id, kind, industry_code, \
                 industry_classification, municipality_code, address, website, status, notes, partner_since, \
                 search_text, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id")
            .bind(&d.name)
            .bind(normalised_name(&d.name))
            .bind(d.business_id.as_ref().map(|b| b.as_str()))
            .bind(d.kind.code())
            .bind(d.industry.map(|i| i.code.as_str()))
            .bind(d.industry.map(|_| CLASSIFICATION))
            .bind(d.municipality.map(|m| m.code.as_str()))
            .bind(d.address.as_deref())
            .bind(d.website.as_deref())
            .bind(d.status.code())
            .bind(d.notes.as_deref())
            .bind(partner_since)
            .bind(search_text(d))
            .bind(now),
        )
        .await?;
    write_tags_and_forms(tx, id, d).await?;
    let changes = diff(&[], &draft_snapshot(d));
    audit::record(
        tx,
        actor,
        "create",
        Subject {
            entity: "organisation",
            entity_id: Some(id),
            organisation_id: Some(id),
        },
        &changes,
    )
    .await?;
    Ok(id)
}

async fn write_tags_and_forms(
    tx: &mut Tx,
    id: i64,
    d: &OrganisationDraft,
) -> Result<(), StoreError> {
    tx.execute(sql("DELETE FROM organisation_tags WHERE organisation_id = $1").bind(id))
        .await?;
    tx.execute(sql("DELETE FROM organisation_cooperation WHERE organisation_id = $1").bind(id))
        .await?;
    for tag in &d.tags {
        tx.execute(
            sql("INSERT INTO organisation_tags (organisation_id, tag) VALUES ($1, $2)")
                .bind(id)
                .bind(tag),
        )
        .await?;
    }
    for form in &d.cooperation {
        tx.execute(
            sql("INSERT INTO organisation_cooperation (organisation_id, form) VALUES ($1, $2)")
                .bind(id)
                .bind(form.code()),
        )
        .await?;
    }
    Ok(())
}

/// Replaces an organisation's fields; records only the fields that changed. Returns whether
/// anything changed.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &OrganisationDraft,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let changes = diff(&old.snapshot(), &draft_snapshot(d));
    if changes.is_empty() {
        return Ok(false);
    }
    tx.execute(
        sql("UPDATE organisations SET name = $1, normalised_name = $2, business_id = $3, kind = $4, industry_code = $5, \
             industry_classification = $6, municipality_code = $7, address = $8, website = $9, status = $10, notes = $11, \
             search_text = $12, updated_at = $13 WHERE id = $14")
        .bind(&d.name)
        .bind(normalised_name(&d.name))
        .bind(d.business_id.as_ref().map(|b| b.as_str()))
        .bind(d.kind.code())
        .bind(d.industry.map(|i| i.code.as_str()))
        .bind(d.industry.map(|_| CLASSIFICATION))
        .bind(d.municipality.map(|m| m.code.as_str()))
        .bind(d.address.as_deref())
        .bind(d.website.as_deref())
        .bind(d.status.code())
        .bind(d.notes.as_deref())
        .bind(search_text(d))
        .bind(OffsetDateTime::now_utc())
        .bind(id),
    )
    .await?;
    write_tags_and_forms(tx, id, d).await?;
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "organisation",
            entity_id: Some(id),
            organisation_id: Some(id),
        },
        &changes,
    )
    .await?;
    Ok(true)
}

/// Deletes an organisation and everything filed under it; the audit entry keeps its last values.
pub async fn delete(tx: &mut Tx, id: i64, actor: &Actor) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM organisations WHERE id = $1").bind(id))
        .await?;
    let changes: Vec<Change> = old
        .snapshot()
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(f, v)| Change {
            field: f.to_string(),
            old: v,
            new: None,
        })
        .collect();
    audit::record(
        tx,
        actor,
        "delete",
        Subject {
            entity: "organisation",
            entity_id: Some(id),
            organisation_id: Some(id),
        },
        &changes,
    )
    .await?;
    Ok(())
}

/// Sets the staff users who own the partnership.
pub async fn set_owners(
    tx: &mut Tx,
    id: i64,
    user_ids: &[i64],
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let mut old_ids: Vec<i64> = old.owners.iter().map(|o| o.user_id).collect();
    let mut new_ids: Vec<i64> = user_ids.to_vec();
    new_ids.sort_unstable();
    new_ids.dedup();
    old_ids.sort_unstable();
    if old_ids == new_ids {
        return Ok(());
    }
    tx.execute(sql("DELETE FROM organisation_owners WHERE organisation_id = $1").bind(id))
        .await?;
    for user_id in &new_ids {
        tx.execute(
            sql("INSERT INTO organisation_owners (organisation_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*user_id),
        )
        .await?;
    }
    let text = |ids: &[i64]| {
        Some(
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let changes = [Change {
        field: "owners".into(),
        old: text(&old_ids),
        new: text(&new_ids),
    }];
    audit::record(
        tx,
        actor,
        "update",
        Subject {
            entity: "organisation",
            entity_id: Some(id),
            organisation_id: Some(id),
        },
        &changes,
    )
    .await?;
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Organisation>, StoreError> {
    let Some(row) = db
        .fetch_optional::<OrganisationRow>(
            sql(format!("SELECT {COLUMNS} FROM organisations WHERE id = $1")).bind(id),
        )
        .await?
    else {
        return Ok(None);
    };
    let tags: Vec<(String,)> = db.fetch_all(tags_query(id)).await?;
    let forms: Vec<(String,)> = db.fetch_all(forms_query(id)).await?;
    let owners: Vec<Owner> = db.fetch_all(owners_query(&[id])).await?;
    assemble(row, tags, forms, owners).map(Some)
}

async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Organisation>, StoreError> {
    let Some(row) = tx
        .fetch_optional::<OrganisationRow>(
            sql(format!("SELECT {COLUMNS} FROM organisations WHERE id = $1")).bind(id),
        )
        .await?
    else {
        return Ok(None);
    };
    let tags: Vec<(String,)> = tx.fetch_all(tags_query(id)).await?;
    let forms: Vec<(String,)> = tx.fetch_all(forms_query(id)).await?;
    let owners: Vec<Owner> = tx.fetch_all(owners_query(&[id])).await?;
    assemble(row, tags, forms, owners).map(Some)
}

/// An organisation by its business ID, inside a transaction (used by import).
pub async fn id_by_business_id(tx: &mut Tx, business_id: &str) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM organisations WHERE business_id = $1").bind(business_id),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The name of the organisation holding a business ID, for a 409 that names it.
pub async fn by_business_id(
    db: &Db,
    business_id: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    db.fetch_optional(
        sql("SELECT id, name FROM organisations WHERE business_id = $1").bind(business_id),
    )
    .await
}

/// All organisations matching a business ID or a normalised name with municipality, with
/// everything needed to compare them with import rows.
pub async fn load_for_import(tx: &mut Tx, ids: &[i64]) -> Result<Vec<Organisation>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(o) = get_in(tx, *id).await? {
            out.push(o);
        }
    }
    Ok(out)
}

fn tags_query(id: i64) -> Query {
    sql("SELECT tag FROM organisation_tags WHERE organisation_id = $1 ORDER BY tag").bind(id)
}

fn forms_query(id: i64) -> Query {
    sql("SELECT form FROM organisation_cooperation WHERE organisation_id = $1 ORDER BY form")
        .bind(id)
}

fn owners_query(ids: &[i64]) -> Query {
    let mut q = sql("");
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&format!(
        "SELECT o.organisation_id, o.user_id, u.name FROM organisation_owners o JOIN users u ON u.id = o.user_id \
         WHERE o.organisation_id IN ({list}) ORDER BY u.name"
    ));
    q
}

fn assemble(
    row: OrganisationRow,
    tags: Vec<(String,)>,
    forms: Vec<(String,)>,
    owners: Vec<Owner>,
) -> Result<Organisation, StoreError> {
    let corrupt =
        |what: &str, v: &str| StoreError::Corrupt(format!("organisation {}: {what} {v}", row.id));
    Ok(Organisation {
        id: row.id,
        kind: OrganisationKind::parse(&row.kind).map_err(|_| corrupt("kind", &row.kind))?,
        status: OrganisationStatus::parse(&row.status)
            .map_err(|_| corrupt("status", &row.status))?,
        cooperation: forms
            .into_iter()
            .filter_map(|(f,)| CooperationForm::parse(&f).ok())
            .collect(),
        tags: tags.into_iter().map(|(t,)| t).collect(),
        owners,
        name: row.name,
        business_id: row.business_id,
        industry_code: row.industry_code,
        industry_classification: row.industry_classification,
        municipality_code: row.municipality_code,
        address: row.address,
        website: row.website,
        notes: row.notes,
        partner_since: row.partner_since,
        last_interaction_on: row.last_interaction_on,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// What the organisation list can be narrowed by. Every filter is optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Free text, matched with the Finnish-aware search keys.
    pub q: Option<String>,
    pub kind: Option<OrganisationKind>,
    pub status: Option<OrganisationStatus>,
    pub municipality_code: Option<String>,
    pub tag: Option<String>,
    pub owner: Option<i64>,
    /// Only partnerships owned by one person.
    pub single_owner: bool,
    /// Restricts the list to one organisation (a partner user sees only their own).
    pub only_id: Option<i64>,
}

impl Filter {
    /// Nothing but a tag is asked for (the tag itself may be missing).
    fn only_tag(&self) -> bool {
        // Destructured so that a new field must be considered here.
        let Filter {
            q,
            kind,
            status,
            municipality_code,
            tag: _,
            owner,
            single_owner,
            only_id,
        } = self;
        q.is_none()
            && kind.is_none()
            && status.is_none()
            && municipality_code.is_none()
            && owner.is_none()
            && !single_owner
            && only_id.is_none()
    }
}

/// A row of the organisation list.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Summary {
    pub id: i64,
    pub name: String,
    pub business_id: Option<String>,
    pub kind: String,
    pub industry_code: Option<String>,
    pub municipality_code: Option<String>,
    pub status: String,
    pub last_interaction_on: Option<Date>,
    pub owner_count: i64,
}

/// The search box's condition. On SQLite, the stems are prefix queries on the FTS5 index of
/// `search_text` (migration 0004); on PostgreSQL, `LIKE '% stem%'`, which the trigram index
/// answers (migration 0003). Both find a stem at the beginning of any word.
fn search_condition(q: &mut Query, backend: Backend, text: &str) -> Vec<String> {
    match backend {
        Backend::Postgres => crate::search_conditions(q, "o.search_text", text),
        Backend::Sqlite => {
            let stems = search::query_stems(text);
            if stems.is_empty() {
                return Vec::new();
            }
            // Stems are folded to letters and digits, so quoting them is all FTS5 needs.
            let query: Vec<String> = stems.iter().map(|s| format!("\"{s}\"*")).collect();
            let p = q.push_arg(query.join(" "));
            vec![format!(
                "o.id IN (SELECT rowid FROM organisation_search WHERE organisation_search MATCH {p})"
            )]
        }
    }
}

fn filtered(select: &str, f: &Filter, backend: Backend) -> Query {
    filtered_from(sql(select), f, backend, Probe::Collect)
}

/// How the owner filter finds an organisation's owners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    /// Collect the owner's organisations first (`IN`): the cheapest for a narrow match.
    Collect,
    /// Look each organisation up (`EXISTS`) while walking the name index: the cheapest for a
    /// broad match, as the walk stops at the page.
    PerRow,
}

fn filtered_from(mut q: Query, f: &Filter, backend: Backend, probe: Probe) -> Query {
    let mut conditions: Vec<String> = Vec::new();
    if let Some(text) = f.q.as_deref() {
        conditions.extend(search_condition(&mut q, backend, text));
    }
    if let Some(kind) = f.kind {
        let p = q.push_arg(kind.code());
        conditions.push(format!("o.kind = {p}"));
    }
    if let Some(status) = f.status {
        let p = q.push_arg(status.code());
        conditions.push(format!("o.status = {p}"));
    }
    if let Some(m) = &f.municipality_code {
        let p = q.push_arg(m.as_str());
        conditions.push(format!("o.municipality_code = {p}"));
    }
    if let Some(tag) = &f.tag {
        let p = q.push_arg(tag.to_lowercase());
        let tagged = format!(
            "o.id IN (SELECT t.organisation_id FROM organisation_tags t WHERE t.tag = {p})"
        );
        conditions.push(if probe == Probe::PerRow && backend == Backend::Postgres {
            // `IS TRUE` keeps PostgreSQL from turning the `IN` into a join that looks up
            // each walked organisation's tags (2 µs each); the tag's organisations are
            // hashed once instead.
            format!("({tagged}) IS TRUE")
        } else {
            tagged
        });
    }
    if let Some(owner) = f.owner {
        let p = q.push_arg(owner);
        conditions.push(match probe {
            Probe::Collect => format!(
                "o.id IN (SELECT w.organisation_id FROM organisation_owners w WHERE w.user_id = {p})"
            ),
            Probe::PerRow => format!(
                "EXISTS (SELECT 1 FROM organisation_owners w WHERE w.organisation_id = o.id AND w.user_id = {p})"
            ),
        });
    }
    if f.single_owner {
        conditions.push("o.owner_count = 1".to_string());
    }
    if let Some(id) = f.only_id {
        let p = q.push_arg(id);
        conditions.push(format!("o.id = {p}"));
    }
    if !conditions.is_empty() {
        q.push_sql(" WHERE ");
        q.push_sql(&conditions.join(" AND "));
    }
    q
}

/// A page of organisations matching the filter, by name, and how many match in all.
pub async fn list(db: &Db, f: &Filter, page: Page) -> Result<(Vec<Summary>, i64), StoreError> {
    let (total,): (i64,) = db
        .fetch_one(filtered(
            "SELECT COUNT(*) FROM organisations o",
            f,
            db.backend(),
        ))
        .await?;
    let rows = page_rows(db, f, page, total >= COUNT_CAP).await?;
    Ok((rows, total))
}

/// How many organisations a list matches, counted up to a cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Total {
    pub count: i64,
    /// The count reached the cap: at least `count` match.
    pub at_least: bool,
}

/// Where a list counts no further: counting every match of a broad search costs as much as
/// reading them all, and nobody pages through a thousand partners.
pub const COUNT_CAP: i64 = 2000;

/// A page of the list for the list page: the matches counted up to `cap`. A broad match (the
/// cap reached, so at least one organisation in fifty on a large network) is read in name
/// order straight from the name index, stopping at the page; a narrow one is collected and
/// sorted. On SQLite the choice is made here, by `INDEXED BY`, since its planner cannot know
/// how many rows a search matches; PostgreSQL's planner estimates that itself.
pub async fn list_capped(
    db: &Db,
    f: &Filter,
    page: Page,
    cap: i64,
) -> Result<(Vec<Summary>, Total), StoreError> {
    let mut count = count_query(f, db.backend());
    let p = count.push_arg(cap);
    count.push_sql(&format!(" LIMIT {p}) AS matches"));
    let (n,): (i64,) = db.fetch_one(planned_for_words(count, f)).await?;
    let total = Total {
        count: n,
        at_least: n >= cap,
    };
    let rows = page_rows(db, f, page, total.at_least).await?;
    Ok((rows, total))
}

/// A search's or a tag's breadth depends on its words (`oy` matches 41 % of a network,
/// `virtanen` under 1 %), so its statements are planned for their own arguments on PostgreSQL.
fn planned_for_words(q: Query, f: &Filter) -> Query {
    if f.q.is_some() || f.tag.is_some() {
        q.planned_for_its_arguments()
    } else {
        q
    }
}

/// Counts the matches: an owner's partnerships are read from the owner's index and joined,
/// so that the count stops at the cap instead of collecting every partnership first.
fn count_query(f: &Filter, backend: Backend) -> Query {
    if let (Some(tag), true) = (&f.tag, f.only_tag()) {
        // Every tag row is an organisation's (foreign key): count them from the tag's index.
        return sql("SELECT COUNT(*) FROM (SELECT 1 FROM organisation_tags t WHERE t.tag = $1")
            .bind(tag.to_lowercase());
    }
    let mut q = sql("SELECT COUNT(*) FROM (SELECT 1 FROM organisations o");
    let mut rest = f.clone();
    if let Some(owner) = rest.owner.take() {
        let p = q.push_arg(owner);
        q.push_sql(&format!(
            " JOIN organisation_owners w ON w.organisation_id = o.id AND w.user_id = {p}"
        ));
    }
    filtered_from(q, &rest, backend, Probe::Collect)
}

async fn page_rows(
    db: &Db,
    f: &Filter,
    page: Page,
    broad: bool,
) -> Result<Vec<Summary>, StoreError> {
    if broad && db.backend() == Backend::Postgres && f.tag.is_some() {
        return page_by_ids_first(db, f, page).await;
    }
    // A search or an owner: SQLite's planner would collect the matches by id and sort them;
    // for a broad match, walking the name index is much cheaper. Plain column filters have
    // indexes that lead with the column and end with the name, which the planner finds itself.
    let walk = broad
        && db.backend() == Backend::Sqlite
        && (f.q.is_some() || f.owner.is_some() || f.tag.is_some());
    let from = if walk {
        "FROM organisations o INDEXED BY organisations_list_order"
    } else {
        "FROM organisations o"
    };
    let probe = if broad { Probe::PerRow } else { Probe::Collect };
    // A narrow search or tag on PostgreSQL: its planner, guessing the words common, walked the
    // name index past 75 000 organisations for the 648 of `virtanen` (148 ms). Fewer than
    // `COUNT_CAP` match, so the matches are collected on their own (the subquery with
    // `OFFSET 0` is planned apart) and sorted: a few ms.
    let collect_first =
        !broad && db.backend() == Backend::Postgres && (f.q.is_some() || f.tag.is_some());
    let select = if collect_first {
        format!("SELECT {LIST_COLUMNS} FROM (SELECT {LIST_COLUMNS}, o.normalised_name {from}")
    } else {
        format!("SELECT {LIST_COLUMNS} {from}")
    };
    let mut q = filtered_from(sql(select), f, db.backend(), probe);
    if collect_first {
        q.push_sql(" OFFSET 0) o");
    }
    let limit = q.push_arg(page.limit);
    let offset = q.push_arg(page.offset);
    q.push_sql(&format!(
        " ORDER BY o.normalised_name, o.id LIMIT {limit} OFFSET {offset}"
    ));
    db.fetch_all(planned_for_words(q, f)).await
}

/// The columns of a list row ([`Summary`]) of organisations `o`.
const LIST_COLUMNS: &str = "o.id, o.name, o.business_id, o.kind, o.industry_code, \
    o.municipality_code, o.status, o.last_interaction_on, o.owner_count";

/// A page of a broad tag on PostgreSQL: the page's ids are found by walking the name index
/// alone (index-only), and only the page's rows are read: 24 → 5 ms for page ten of 5 000.
async fn page_by_ids_first(db: &Db, f: &Filter, page: Page) -> Result<Vec<Summary>, StoreError> {
    let inner = "SELECT o.id AS page_id, o.normalised_name AS page_name FROM organisations o";
    let mut q = filtered_from(
        sql(format!(
            "SELECT {LIST_COLUMNS} FROM organisations o JOIN ({inner}"
        )),
        f,
        db.backend(),
        Probe::PerRow,
    );
    let limit = q.push_arg(page.limit);
    let offset = q.push_arg(page.offset);
    q.push_sql(&format!(
        " ORDER BY o.normalised_name, o.id LIMIT {limit} OFFSET {offset}) p \
         ON o.id = p.page_id ORDER BY p.page_name, p.page_id"
    ));
    db.fetch_all(planned_for_words(q, f)).await
}

/// Owners of the listed organisations, for the API's `owners` field.
pub async fn owners_of(db: &Db, ids: &[i64]) -> Result<Vec<Owner>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(owners_query(ids)).await
}

/// Every organisation's id and name, for pickers (agreement parties) and the map.
pub async fn names(db: &Db) -> Result<Vec<(i64, String)>, StoreError> {
    db.fetch_all(sql(
        "SELECT id, name FROM organisations ORDER BY normalised_name",
    ))
    .await
}

/// Recomputes the date of the latest interaction, after interactions change.
pub async fn refresh_last_interaction(tx: &mut Tx, id: i64) -> Result<(), StoreError> {
    let (latest,): (Option<Date>,) = tx
        .fetch_one(
            sql("SELECT MAX(occurred_on) FROM interactions WHERE organisation_id = $1").bind(id),
        )
        .await?;
    tx.execute(
        sql("UPDATE organisations SET last_interaction_on = $1 WHERE id = $2")
            .bind(latest)
            .bind(id),
    )
    .await?;
    Ok(())
}

pub async fn count(db: &Db) -> Result<i64, StoreError> {
    let (n,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM organisations"))
        .await?;
    Ok(n)
}
