//! Carrying out an import of organisations (and their contact people) in one transaction.
//!
//! The domain ([`vaski_domain::network::import`]) decides what a file means; this module looks
//! the file's organisations up in the database and writes the plan. Planning and writing
//! happen **inside the same write transaction**, so that a concurrent import or edit cannot
//! slip between the look-up and the writes, and a crash at any point leaves the database as
//! it was (the transaction is never committed).
//!
//! Performance: a file of 50 000 rows must import in seconds, so nothing here is done row by
//! row. The stored organisations the file may describe are looked up with a few `IN (...)`
//! queries and loaded once into a [`Snapshot`]; new organisations, their tags, forms of
//! cooperation, owners, contact people and audit entries are written with multi-row `INSERT`s
//! whose ids are reserved beforehand, and changed organisations and people with multi-row
//! `WITH v (...) AS (VALUES ...) UPDATE ... FROM v`. The rows written and the audit entries
//! are the ones `organisation::create`/`update` and `person::create`/`update` write (the
//! search index, the audited fields and their diff are computed the same way).
//!
//! Audit: every created organisation and contact gets its own entry (action `import`), every
//! change the usual field-by-field `update` entry, and the import as a whole one entry
//! (action `import`, entity `import`) with the file name, the mode and the counts. An import
//! that changes nothing (a file imported again in upsert mode) writes only that summary entry,
//! so that the log still says the file was imported.
//!
//! Uploads waiting between a preview and its confirmation are kept in `import_uploads`, keyed
//! by a random id and the user, for an hour (see [`store_upload`]).

use crate::audit::{self, diff, Actor, Change, Subject};
use crate::db::{sql, Backend, Db, Query, Tx, Value};
use crate::error::StoreError;
use std::collections::{BTreeMap, HashMap, HashSet};
use time::{Date, Duration, OffsetDateTime};
use vaski_domain::network::import::{
    matching_contact, plan, Candidates, Existing, ExistingContact, ExistingOrganisation,
    ImportMode, ImportPlan,
};
use vaski_domain::network::organisation::{normalised_name, OrganisationDraft};
use vaski_domain::network::person::PersonDraft;
use vaski_domain::network::{BusinessId, CooperationForm, OrganisationKind, OrganisationStatus};
use vaski_domain::reference::industry::CLASSIFICATION;
use vaski_domain::reference::{Industry, Municipality};
use vaski_domain::text::Email;

use super::organisation;

/// How many values an `IN (...)` list or a multi-row `INSERT` binds at most per statement,
/// within SQLite's 32 766 and PostgreSQL's 65 535 bind parameters.
const MAX_BINDS: usize = 8_000;

/// The placeholder of the argument just bound to `q`. On SQLite it is an anonymous `?`
/// (arguments bind in order): the driver looks up the name of every `$n` parameter, which
/// costs SQLite time linear in the statement's parameter count, so statements of thousands of
/// `$n` would bind in quadratic time. On PostgreSQL it is `$n`.
fn placeholder(backend: Backend, q: &mut Query, v: Value) -> String {
    let numbered = q.push_arg(v);
    match backend {
        Backend::Sqlite => "?".to_string(),
        Backend::Postgres => numbered,
    }
}

// ---------------------------------------------------------------------------------------------
// Options and outcome
// ---------------------------------------------------------------------------------------------

/// What to do with the good rows when some rows are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Write nothing if any row is refused.
    #[default]
    Abort,
    /// Write the good rows and report the refused ones.
    Skip,
}

impl OnError {
    pub fn code(self) -> &'static str {
        match self {
            OnError::Abort => "abort",
            OnError::Skip => "skip",
        }
    }

    pub fn parse(s: &str) -> Option<OnError> {
        match s.trim() {
            "abort" => Some(OnError::Abort),
            "skip" => Some(OnError::Skip),
            _ => None,
        }
    }
}

/// The code of an import mode (`create`, `upsert`), as forms and the command line use it.
pub fn mode_code(mode: ImportMode) -> &'static str {
    match mode {
        ImportMode::Create => "create",
        ImportMode::Upsert => "upsert",
    }
}

/// The import mode of a code.
pub fn parse_mode(s: &str) -> Option<ImportMode> {
    match s.trim() {
        "create" => Some(ImportMode::Create),
        "upsert" => Some(ImportMode::Upsert),
        _ => None,
    }
}

/// How an import is to be carried out.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub mode: ImportMode,
    pub on_error: OnError,
    /// The uploaded file's name, for the audit trail and the contacts' lawful basis.
    pub file_name: String,
    /// Plan only; write nothing.
    pub dry_run: bool,
}

/// What an import did (or, for a dry run or an aborted import, would have done).
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
    /// The plan the import followed, with every refusal.
    pub plan: ImportPlan,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows refused (a row with several problems counts once).
    pub refused_rows: usize,
    /// Whether the plan's creates and updates were committed.
    pub written: bool,
    /// Whether refused rows stopped the import (`on_error = abort`); nothing was written.
    pub aborted: bool,
}

// ---------------------------------------------------------------------------------------------
// The stored organisations a file may describe
// ---------------------------------------------------------------------------------------------

/// The stored organisations a file may describe, loaded once inside the import's transaction.
#[derive(Debug, Default)]
pub struct Snapshot {
    organisations: HashMap<i64, ExistingOrganisation>,
    by_business_id: HashMap<String, i64>,
    /// Normalised name and municipality code → ids, lowest first.
    by_name: HashMap<(String, Option<String>), Vec<i64>>,
}

impl Snapshot {
    /// The stored organisation of an id, if the snapshot holds it.
    pub fn get(&self, id: i64) -> Option<&ExistingOrganisation> {
        self.organisations.get(&id)
    }
}

impl Existing for Snapshot {
    fn by_business_id(&self, id: &BusinessId) -> Option<ExistingOrganisation> {
        self.by_business_id
            .get(id.as_str())
            .and_then(|i| self.organisations.get(i))
            .cloned()
    }

    /// Of several organisations with the same name in the same municipality, one without a
    /// business ID is preferred (only such can be matched by a row with a business ID), then
    /// the oldest.
    fn by_name_and_municipality(
        &self,
        normalised_name: &str,
        municipality_code: Option<&str>,
    ) -> Option<ExistingOrganisation> {
        let key = (
            normalised_name.to_string(),
            municipality_code.map(str::to_string),
        );
        let ids = self.by_name.get(&key)?;
        let found = ids
            .iter()
            .filter_map(|i| self.organisations.get(i))
            .min_by_key(|o| (o.current.business_id.is_some(), o.id))?;
        Some(found.clone())
    }
}

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    id: i64,
    name: String,
    business_id: Option<String>,
    kind: String,
    industry_code: Option<String>,
    municipality_code: Option<String>,
    address: Option<String>,
    website: Option<String>,
    status: String,
    notes: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    organisation_id: i64,
    id: i64,
    name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    lawful_basis: Option<String>,
}

/// Runs a query once per slice of `values`, with the slice as the `IN (...)` list put where
/// `{list}` stands in `text`, and collects the rows.
async fn fetch_in<T: crate::db::Record, V: Clone + Into<Value>>(
    tx: &mut Tx,
    text: &str,
    values: &[V],
) -> Result<Vec<T>, StoreError> {
    let backend = tx.backend();
    let mut out = Vec::new();
    for chunk in values.chunks(MAX_BINDS) {
        let mut q = sql("");
        let list = chunk
            .iter()
            .map(|v| placeholder(backend, &mut q, v.clone().into()))
            .collect::<Vec<_>>()
            .join(", ");
        q.push_sql(&text.replace("{list}", &list));
        out.extend(tx.fetch_all::<T>(q).await?);
    }
    Ok(out)
}

/// Loads the stored organisations the candidates may describe: those with one of the file's
/// business IDs, and those with one of the file's normalised names, with their tags, forms
/// of cooperation and current contact people.
pub async fn snapshot(tx: &mut Tx, candidates: &Candidates) -> Result<Snapshot, StoreError> {
    let mut business_ids: HashSet<String> = HashSet::new();
    let mut names: HashSet<String> = HashSet::new();
    for c in candidates.items() {
        // The plan's keys: a business ID as it parses, and the normalised name (which the
        // trimming of validation does not change). Rows that do not validate are refused by
        // the plan; looking them up costs nothing.
        if let Ok(b) = BusinessId::parse(&c.organisation.business_id) {
            business_ids.insert(b.as_str().to_string());
        }
        let name = normalised_name(&c.organisation.name);
        if !name.is_empty() {
            names.insert(name);
        }
    }
    let business_ids: Vec<String> = business_ids.into_iter().collect();
    let names: Vec<String> = names.into_iter().collect();
    let mut ids: Vec<(i64,)> = fetch_in(
        tx,
        "SELECT id FROM organisations WHERE business_id IN ({list})",
        &business_ids,
    )
    .await?;
    ids.extend(
        fetch_in::<(i64,), _>(
            tx,
            "SELECT id FROM organisations WHERE normalised_name IN ({list})",
            &names,
        )
        .await?,
    );
    let mut ids: Vec<i64> = ids.into_iter().map(|(i,)| i).collect();
    ids.sort_unstable();
    ids.dedup();
    load(tx, &ids).await
}

/// Loads organisations by id into a snapshot.
async fn load(tx: &mut Tx, ids: &[i64]) -> Result<Snapshot, StoreError> {
    let rows: Vec<OrganisationRow> = fetch_in(
        tx,
        "SELECT id, name, business_id, kind, industry_code, municipality_code, address, website, \
         status, notes FROM organisations WHERE id IN ({list})",
        ids,
    )
    .await?;
    let tags: Vec<(i64, String)> = fetch_in(
        tx,
        "SELECT organisation_id, tag FROM organisation_tags WHERE organisation_id IN ({list}) \
         ORDER BY organisation_id, tag",
        ids,
    )
    .await?;
    let forms: Vec<(i64, String)> = fetch_in(
        tx,
        "SELECT organisation_id, form FROM organisation_cooperation WHERE organisation_id IN ({list}) \
         ORDER BY organisation_id, form",
        ids,
    )
    .await?;
    let contacts: Vec<ContactRow> = fetch_in(
        tx,
        "SELECT r.organisation_id, p.id, p.name, p.title, p.email, p.phone, p.lawful_basis \
         FROM person_roles r JOIN people p ON p.id = r.person_id \
         WHERE r.end_on IS NULL AND r.organisation_id IN ({list}) ORDER BY r.id",
        ids,
    )
    .await?;
    let mut tags_of: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, tag) in tags {
        tags_of.entry(id).or_default().push(tag);
    }
    let mut forms_of: HashMap<i64, Vec<CooperationForm>> = HashMap::new();
    for (id, form) in forms {
        if let Ok(f) = CooperationForm::parse(&form) {
            forms_of.entry(id).or_default().push(f);
        }
    }
    let mut contacts_of: HashMap<i64, Vec<ExistingContact>> = HashMap::new();
    for c in contacts {
        let list = contacts_of.entry(c.organisation_id).or_default();
        if list.iter().any(|e| e.id == c.id) {
            continue;
        }
        list.push(ExistingContact {
            id: c.id,
            person: PersonDraft {
                name: c.name,
                title: c.title,
                email: c.email.as_deref().and_then(|e| Email::parse(e).ok()),
                phone: c.phone,
                lawful_basis: c.lawful_basis,
            },
        });
    }
    let mut snapshot = Snapshot::default();
    for row in rows {
        let id = row.id;
        let current = draft_of(
            row,
            tags_of.remove(&id).unwrap_or_default(),
            forms_of.remove(&id).unwrap_or_default(),
        )?;
        if let Some(b) = &current.business_id {
            snapshot.by_business_id.insert(b.as_str().to_string(), id);
        }
        snapshot
            .by_name
            .entry((
                normalised_name(&current.name),
                current.municipality.map(|m| m.code.clone()),
            ))
            .or_default()
            .push(id);
        snapshot.organisations.insert(
            id,
            ExistingOrganisation {
                id,
                current,
                contacts: contacts_of.remove(&id).unwrap_or_default(),
            },
        );
    }
    for ids in snapshot.by_name.values_mut() {
        ids.sort_unstable();
    }
    Ok(snapshot)
}

/// A stored organisation in the form a validated import row has.
fn draft_of(
    row: OrganisationRow,
    tags: Vec<String>,
    cooperation: Vec<CooperationForm>,
) -> Result<OrganisationDraft, StoreError> {
    let id = row.id;
    let corrupt =
        |what: &str, v: &str| StoreError::Corrupt(format!("organisation {id}: {what} {v}"));
    let business_id = match row.business_id.as_deref() {
        Some(b) => Some(BusinessId::parse(b).map_err(|_| corrupt("business ID", b))?),
        None => None,
    };
    Ok(OrganisationDraft {
        business_id,
        kind: OrganisationKind::parse(&row.kind).map_err(|_| corrupt("kind", &row.kind))?,
        industry: row.industry_code.as_deref().and_then(Industry::by_code),
        municipality: row
            .municipality_code
            .as_deref()
            .and_then(Municipality::by_code),
        status: OrganisationStatus::parse(&row.status)
            .map_err(|_| corrupt("status", &row.status))?,
        name: row.name,
        address: row.address,
        website: row.website,
        tags,
        cooperation,
        notes: row.notes,
    })
}

// ---------------------------------------------------------------------------------------------
// Planning and applying
// ---------------------------------------------------------------------------------------------

/// Plans inside the transaction: loads the snapshot and sorts the rows. An update that would
/// only reorder tags or forms of cooperation (which are stored as sets) is counted as
/// unchanged, so that importing the same file again changes nothing.
pub async fn plan_in(
    tx: &mut Tx,
    candidates: &Candidates,
    mode: ImportMode,
) -> Result<(ImportPlan, Snapshot), StoreError> {
    let snapshot = snapshot(tx, candidates).await?;
    let mut plan = plan(candidates, &snapshot, mode);
    let updates = std::mem::take(&mut plan.updates);
    for update in updates {
        let (row, id, draft, contact) = &update;
        let same = contact.is_none()
            && snapshot
                .get(*id)
                .is_some_and(|e| same_as_stored(&e.current, draft));
        if same {
            plan.unchanged.push((*row, *id));
        } else {
            plan.updates.push(update);
        }
    }
    plan.unchanged.sort_unstable();
    Ok((plan, snapshot))
}

/// Whether two drafts store the same: tags and forms of cooperation compared as sets.
fn same_as_stored(stored: &OrganisationDraft, new: &OrganisationDraft) -> bool {
    let sorted = |d: &OrganisationDraft| {
        let mut d = d.clone();
        d.tags.sort();
        d.cooperation.sort_by_key(|c| c.code());
        d
    };
    sorted(stored) == sorted(new)
}

/// What an import would do, without writing anything: the same plan [`apply`] makes.
pub async fn preview(
    db: &Db,
    candidates: &Candidates,
    mode: ImportMode,
) -> Result<ImportPlan, StoreError> {
    let mut tx = db.begin().await?;
    let (plan, _) = plan_in(&mut tx, candidates, mode).await?;
    drop(tx);
    Ok(plan)
}

/// Imports in one transaction: plans against the database, then (unless this is a dry run,
/// or rows were refused and `on_error` is `abort`) writes the creates and updates and one
/// audit entry for the import, and commits. Nothing is written otherwise.
pub async fn apply(
    db: &Db,
    candidates: &Candidates,
    options: &ImportOptions,
    actor: &Actor,
) -> Result<ImportOutcome, StoreError> {
    let mut tx = db.begin().await?;
    let outcome = apply_in(&mut tx, candidates, options, actor).await?;
    if outcome.written {
        tx.commit().await?;
    }
    Ok(outcome)
}

/// [`apply`] inside a transaction the caller commits; `written` says whether anything was
/// written to it.
pub async fn apply_in(
    tx: &mut Tx,
    candidates: &Candidates,
    options: &ImportOptions,
    actor: &Actor,
) -> Result<ImportOutcome, StoreError> {
    lock_for_import(tx).await?;
    let (plan, snapshot) = plan_in(tx, candidates, options.mode).await?;
    let mut outcome = ImportOutcome {
        created: plan.creates.len(),
        updated: plan.updates.len(),
        unchanged: plan.unchanged.len(),
        refused_rows: plan.refused_rows(),
        written: false,
        aborted: false,
        plan,
    };
    if !outcome.plan.refused.is_empty() && options.on_error == OnError::Abort {
        outcome.aborted = true;
        return Ok(outcome);
    }
    if options.dry_run {
        return Ok(outcome);
    }
    let now = OffsetDateTime::now_utc();
    let note = lawful_basis_note(&options.file_name, now.date());
    write_plan(tx, &outcome.plan, &snapshot, actor, &note, now).await?;
    let summary = [
        ("file", options.file_name.clone()),
        ("mode", mode_code(options.mode).to_string()),
        ("on_error", options.on_error.code().to_string()),
        ("created", outcome.created.to_string()),
        ("updated", outcome.updated.to_string()),
        ("unchanged", outcome.unchanged.to_string()),
        ("refused", outcome.refused_rows.to_string()),
    ]
    .into_iter()
    .map(|(field, value)| Change {
        field: field.to_string(),
        old: None,
        new: Some(value),
    })
    .collect::<Vec<_>>();
    audit::record(
        tx,
        actor,
        "import",
        Subject {
            entity: "import",
            entity_id: None,
            organisation_id: None,
        },
        &summary,
    )
    .await?;
    outcome.written = true;
    Ok(outcome)
}

/// Makes sure nobody else writes organisations between this import's look-up and its writes.
/// SQLite's `BEGIN IMMEDIATE` has taken the write lock already. PostgreSQL's default isolation
/// (read committed) would let two imports plan the same new organisation; `SHARE ROW
/// EXCLUSIVE` conflicts with itself and with every insert, update and delete of the table,
/// while reads go on, until the transaction ends.
async fn lock_for_import(tx: &mut Tx) -> Result<(), StoreError> {
    if tx.backend() == Backend::Postgres {
        tx.execute(sql("LOCK TABLE organisations IN SHARE ROW EXCLUSIVE MODE"))
            .await?;
    }
    Ok(())
}

/// The lawful basis given to contact people an import adds: where they came from and why
/// Vaski may hold them.
pub fn lawful_basis_note(file_name: &str, on: Date) -> String {
    format!(
        "Tuotu tiedostosta {} {}.{}.{}: yhteistyösuhde (oikeutettu etu)",
        file_name.trim(),
        on.day(),
        u8::from(on.month()),
        on.year()
    )
}

// ---------------------------------------------------------------------------------------------
// Batched creation
// ---------------------------------------------------------------------------------------------

/// A value of a multi-row `INSERT`: its own, or one shared by every row of the statement.
enum Cell {
    Own(Value),
    Shared(usize),
}

fn own(v: impl Into<Value>) -> Cell {
    Cell::Own(v.into())
}

/// Inserts rows; `head` is `INSERT INTO table (columns)`, `shared` the values every row may
/// refer to with [`Cell::Shared`]. PostgreSQL takes them with `COPY ... FROM STDIN`, several
/// times faster than `INSERT` for thousands of rows; SQLite with multi-row
/// `INSERT ... VALUES (...), (...)` statements.
async fn insert_many(
    tx: &mut Tx,
    head: &str,
    shared: &[Value],
    rows: &[Vec<Cell>],
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    match (tx, head.strip_prefix("INSERT INTO ")) {
        (Tx::Postgres(t), Some(target)) => copy_in(t, target, shared, rows).await,
        (tx, _) => values_many(tx, head, "", shared, rows).await,
    }
}

/// How many bytes of `COPY` data are sent at a time.
const COPY_CHUNK: usize = 1 << 20;

/// Sends rows to PostgreSQL with `COPY target FROM STDIN` (text format).
async fn copy_in(
    conn: &mut sqlx::PgConnection,
    target: &str,
    shared: &[Value],
    rows: &[Vec<Cell>],
) -> Result<(), StoreError> {
    let mut copy = conn
        .copy_in_raw(&format!("COPY {target} FROM STDIN"))
        .await?;
    let mut buf: Vec<u8> = Vec::with_capacity(COPY_CHUNK + 4096);
    for row in rows {
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                buf.push(b'\t');
            }
            let value = match cell {
                Cell::Own(v) => Some(v),
                Cell::Shared(k) => shared.get(*k),
            };
            copy_value(&mut buf, value)?;
        }
        buf.push(b'\n');
        if buf.len() >= COPY_CHUNK {
            copy.send(std::mem::take(&mut buf)).await?;
            buf.reserve(COPY_CHUNK + 4096);
        }
    }
    if !buf.is_empty() {
        copy.send(buf).await?;
    }
    copy.finish().await?;
    Ok(())
}

/// One value in `COPY`'s text format: `\N` for NULL, text with backslash, tab and line
/// breaks escaped.
fn copy_value(buf: &mut Vec<u8>, value: Option<&Value>) -> Result<(), StoreError> {
    const NULL: &[u8] = b"\\N";
    match value {
        None
        | Some(Value::Int(None))
        | Some(Value::Float(None))
        | Some(Value::Text(None))
        | Some(Value::Date(None))
        | Some(Value::Time(None)) => buf.extend_from_slice(NULL),
        Some(Value::Int(Some(i))) => buf.extend_from_slice(i.to_string().as_bytes()),
        Some(Value::Float(Some(x))) => buf.extend_from_slice(x.to_string().as_bytes()),
        Some(Value::Bool(b)) => buf.push(if *b { b't' } else { b'f' }),
        Some(Value::Date(Some(d))) => buf.extend_from_slice(d.to_string().as_bytes()),
        Some(Value::Time(Some(t))) => {
            let text = t
                .format(&time::format_description::well_known::Rfc3339)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            buf.extend_from_slice(text.as_bytes());
        }
        Some(Value::Text(Some(text))) => {
            for byte in text.bytes() {
                match byte {
                    b'\\' => buf.extend_from_slice(b"\\\\"),
                    b'\t' => buf.extend_from_slice(b"\\t"),
                    b'\n' => buf.extend_from_slice(b"\\n"),
                    b'\r' => buf.extend_from_slice(b"\\r"),
                    other => buf.push(other),
                }
            }
        }
        Some(Value::Bytes(bytes)) => {
            buf.extend_from_slice(b"\\\\x");
            buf.extend_from_slice(hex_lower(bytes).as_bytes());
        }
    }
    Ok(())
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `head VALUES (...), (...) tail` for the rows, as many rows per statement as the
/// bind limit allows.
async fn values_many(
    tx: &mut Tx,
    head: &str,
    tail: &str,
    shared: &[Value],
    rows: &[Vec<Cell>],
) -> Result<(), StoreError> {
    let backend = tx.backend();
    let width = rows.first().map_or(1, Vec::len).max(1);
    let per_statement = (MAX_BINDS / width).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut q = sql("");
        // PostgreSQL binds a shared value once and refers to it by number; SQLite's anonymous
        // parameters take it again in every row.
        let shared_args: Vec<String> = match backend {
            Backend::Postgres => shared.iter().map(|v| q.push_arg(v.clone())).collect(),
            Backend::Sqlite => Vec::new(),
        };
        let mut text = String::with_capacity(head.len() + chunk.len() * width * 6);
        text.push_str(head);
        text.push_str(" VALUES ");
        for (i, row) in chunk.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push('(');
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    text.push_str(", ");
                }
                let arg = match (cell, backend) {
                    (Cell::Own(v), _) => placeholder(backend, &mut q, v.clone()),
                    (Cell::Shared(k), Backend::Postgres) => shared_args
                        .get(*k)
                        .cloned()
                        .unwrap_or_else(|| "NULL".into()),
                    (Cell::Shared(k), Backend::Sqlite) => match shared.get(*k) {
                        Some(v) => placeholder(backend, &mut q, v.clone()),
                        None => "NULL".into(),
                    },
                };
                text.push_str(&arg);
            }
            text.push(')');
        }
        text.push_str(tail);
        q.push_sql(&text);
        tx.execute(q).await?;
    }
    Ok(())
}

/// Reserves `n` ids of a table, so that rows inserted in bulk are known by id without relying
/// on the order of `RETURNING`. On SQLite the transaction holds the write lock (`BEGIN
/// IMMEDIATE`), so the ids after the largest are free; on PostgreSQL they come from the
/// identity column's sequence.
async fn reserve_ids(tx: &mut Tx, table: &str, n: usize) -> Result<Vec<i64>, StoreError> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let count = i64::try_from(n).map_err(|_| StoreError::Corrupt("too many rows".into()))?;
    match tx.backend() {
        Backend::Sqlite => {
            let (max,): (Option<i64>,) = tx
                .fetch_one(sql(format!("SELECT MAX(id) FROM {table}")))
                .await?;
            let first = max.unwrap_or(0) + 1;
            Ok((first..first + count).collect())
        }
        Backend::Postgres => {
            let rows: Vec<(i64,)> = tx
                .fetch_all(
                    sql(format!(
                        "SELECT nextval(pg_get_serial_sequence('{table}', 'id')) \
                         FROM generate_series(CAST(1 AS BIGINT), $1)"
                    ))
                    .bind(count),
                )
                .await?;
            Ok(rows.into_iter().map(|(i,)| i).collect())
        }
    }
}

/// Runs a statement once per slice of `ids`, with the slice as the `IN (...)` list put where
/// `{list}` stands in `text`.
async fn execute_in(tx: &mut Tx, text: &str, ids: &[i64]) -> Result<(), StoreError> {
    let backend = tx.backend();
    for chunk in ids.chunks(MAX_BINDS) {
        let mut q = sql("");
        let list = chunk
            .iter()
            .map(|id| placeholder(backend, &mut q, Value::from(*id)))
            .collect::<Vec<_>>()
            .join(", ");
        q.push_sql(&text.replace("{list}", &list));
        tx.execute(q).await?;
    }
    Ok(())
}

/// Audit entries gathered while an import writes, inserted together at the end; each is
/// what `organisation::create`/`update` and `person::create`/`update` would record.
struct AuditRows(Vec<Vec<Cell>>);

impl AuditRows {
    fn push(
        &mut self,
        action: &'static str,
        entity: &'static str,
        entity_id: i64,
        organisation_id: i64,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        self.0.push(vec![
            Cell::Shared(0),
            Cell::Shared(1),
            Cell::Shared(2),
            own(action),
            own(entity),
            own(entity_id),
            own(organisation_id),
            own(changes_json(changes)?),
        ]);
        Ok(())
    }

    async fn insert(
        self,
        tx: &mut Tx,
        actor: &Actor,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        insert_many(
            tx,
            crate::audit::INSERT_INTO,
            &[
                Value::from(now),
                Value::from(actor.user_id),
                Value::from(actor.label.as_str()),
            ],
            &self.0,
        )
        .await
    }
}

/// A contact of an updated organisation whose stored values the file changes.
struct PersonUpdate {
    id: i64,
    organisation_id: i64,
    person: PersonDraft,
    changes: Vec<Change>,
}

/// Writes the plan's creates and updates in a few statements per thousand rows, with an
/// audit entry for each organisation and person created (action `import`) or changed
/// (action `update`, the changed fields).
async fn write_plan(
    tx: &mut Tx,
    plan: &ImportPlan,
    snapshot: &Snapshot,
    actor: &Actor,
    note: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let mut audit = AuditRows(Vec::new());
    let with_basis = |p: &PersonDraft| {
        let mut p = p.clone();
        if p.lawful_basis.is_none() {
            p.lawful_basis = Some(note.to_string());
        }
        p
    };
    let ids = create_organisations(tx, &plan.creates, actor, now, &mut audit).await?;
    let mut new_people: Vec<(i64, PersonDraft)> = plan
        .creates
        .iter()
        .zip(&ids)
        .filter_map(|((_, _, contact), id)| contact.as_ref().map(|p| (*id, with_basis(p))))
        .collect();
    let mut changed: Vec<(i64, &OrganisationDraft, &OrganisationDraft, Vec<Change>)> = Vec::new();
    let mut person_updates: Vec<PersonUpdate> = Vec::new();
    for (_, id, draft, contact) in &plan.updates {
        let Some(stored) = snapshot.get(*id) else {
            return Err(StoreError::NotFound);
        };
        let changes = diff(
            &super::organisation::draft_snapshot(&stored.current),
            &super::organisation::draft_snapshot(draft),
        );
        if !changes.is_empty() {
            changed.push((*id, &stored.current, draft, changes));
        }
        let Some(person) = contact else { continue };
        let person = with_basis(person);
        match matching_contact(&stored.contacts, &person) {
            Some(known) => {
                let changes = diff(
                    &super::person::snapshot(&known.person),
                    &super::person::snapshot(&person),
                );
                if !changes.is_empty() {
                    person_updates.push(PersonUpdate {
                        id: known.id,
                        organisation_id: *id,
                        person,
                        changes,
                    });
                }
            }
            None => new_people.push((*id, person)),
        }
    }
    update_organisations(tx, &changed, now, &mut audit).await?;
    create_people(tx, &new_people, now, &mut audit).await?;
    update_people(tx, &person_updates, now, &mut audit).await?;
    audit.insert(tx, actor, now).await
}

/// The columns of an organisation row an import writes, in the order of
/// [`ORGANISATION_COLUMNS`].
fn organisation_cells(d: &OrganisationDraft) -> Vec<Cell> {
    vec![
        own(d.name.as_str()),
        own(normalised_name(&d.name)),
        own(d.business_id.as_ref().map(|b| b.as_str())),
        own(d.kind.code()),
        own(d.industry.map(|i| i.code.as_str())),
        own(d.industry.map(|_| CLASSIFICATION)),
        own(d.municipality.map(|m| m.code.as_str())),
        own(d.address.as_deref()),
        own(d.website.as_deref()),
        own(d.status.code()),
        own(d.notes.as_deref()),
        own(super::organisation::search_text(d)),
    ]
}

const ORGANISATION_COLUMNS: &[&str] = &[
    "name",
    "normalised_name",
    "business_id",
    "kind",
    "industry_code",
    "industry_classification",
    "municipality_code",
    "address",
    "website",
    "status",
    "notes",
    "search_text",
];

/// Inserts the tags and forms of cooperation of organisations.
async fn insert_tags_and_forms<'a>(
    tx: &mut Tx,
    organisations: impl Iterator<Item = (i64, &'a OrganisationDraft)> + Clone,
    tags: bool,
    forms: bool,
) -> Result<(), StoreError> {
    if tags {
        let rows: Vec<Vec<Cell>> = organisations
            .clone()
            .flat_map(|(id, d)| d.tags.iter().map(move |t| vec![own(id), own(t.as_str())]))
            .collect();
        insert_many(
            tx,
            "INSERT INTO organisation_tags (organisation_id, tag)",
            &[],
            &rows,
        )
        .await?;
    }
    if forms {
        let rows: Vec<Vec<Cell>> = organisations
            .flat_map(|(id, d)| {
                d.cooperation
                    .iter()
                    .map(move |f| vec![own(id), own(f.code())])
            })
            .collect();
        insert_many(
            tx,
            "INSERT INTO organisation_cooperation (organisation_id, form)",
            &[],
            &rows,
        )
        .await?;
    }
    Ok(())
}

/// Creates the plan's new organisations with their tags, forms and owner (the importing
/// user); returns their ids in the plan's order.
async fn create_organisations(
    tx: &mut Tx,
    creates: &[(usize, OrganisationDraft, Option<PersonDraft>)],
    actor: &Actor,
    now: OffsetDateTime,
    audit: &mut AuditRows,
) -> Result<Vec<i64>, StoreError> {
    if creates.is_empty() {
        return Ok(Vec::new());
    }
    let ids = reserve_ids(tx, "organisations", creates.len()).await?;
    let rows: Vec<Vec<Cell>> = creates
        .iter()
        .zip(&ids)
        .map(|((_, d, _), id)| {
            let mut row = vec![own(*id)];
            row.extend(organisation_cells(d));
            row.extend([Cell::Shared(0), Cell::Shared(1), Cell::Shared(1)]);
            row
        })
        .collect();
    insert_many(
        tx,
        &format!(
            "INSERT INTO organisations (id, {}, partner_since, created_at, updated_at)",
            ORGANISATION_COLUMNS.join(", ")
        ),
        &[Value::from(now.date()), Value::from(now)],
        &rows,
    )
    .await?;
    let created = || creates.iter().zip(&ids).map(|((_, d, _), id)| (*id, d));
    insert_tags_and_forms(tx, created(), true, true).await?;
    if let Some(user_id) = actor.user_id {
        let rows: Vec<Vec<Cell>> = ids
            .iter()
            .map(|id| vec![own(*id), Cell::Shared(0)])
            .collect();
        insert_many(
            tx,
            "INSERT INTO organisation_owners (organisation_id, user_id)",
            &[Value::from(user_id)],
            &rows,
        )
        .await?;
    }
    let owners = actor.user_id.map(|u| Change {
        field: "owners".into(),
        old: None,
        new: Some(u.to_string()),
    });
    for (id, d) in created() {
        let mut changes = diff(&[], &super::organisation::draft_snapshot(d));
        changes.extend(owners.clone());
        audit.push("import", "organisation", id, id, &changes)?;
    }
    Ok(ids)
}

/// Writes the changed organisations: their fields with one statement per thousand rows, and
/// their tags and forms where those changed.
/// Sets `columns` (and `updated_at`) of many rows of `table` in a few statements: each row is
/// its id and its cells in the order of `columns`.
async fn update_many(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    rows: impl Iterator<Item = (i64, Vec<Cell>)>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let rows: Vec<Vec<Cell>> = rows
        .map(|(id, cells)| {
            let mut row = vec![own(id)];
            row.extend(cells);
            row.push(Cell::Shared(0));
            row
        })
        .collect();
    let set = columns
        .iter()
        .chain(&["updated_at"])
        .map(|c| format!("{c} = v.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    values_many(
        tx,
        &format!("WITH v (id, {}, updated_at) AS (", columns.join(", ")),
        &format!(") UPDATE {table} SET {set} FROM v WHERE {table}.id = v.id"),
        &[Value::from(now)],
        &rows,
    )
    .await
}

async fn update_organisations(
    tx: &mut Tx,
    changed: &[(i64, &OrganisationDraft, &OrganisationDraft, Vec<Change>)],
    now: OffsetDateTime,
    audit: &mut AuditRows,
) -> Result<(), StoreError> {
    if changed.is_empty() {
        return Ok(());
    }
    let rows = changed
        .iter()
        .map(|(id, _, d, _)| (*id, organisation_cells(d)));
    update_many(tx, "organisations", ORGANISATION_COLUMNS, rows, now).await?;
    let field_changed = |field: &str, c: &[Change]| c.iter().any(|c| c.field == field);
    let tags: Vec<i64> = changed
        .iter()
        .filter(|(_, _, _, c)| field_changed("tags", c))
        .map(|(id, ..)| *id)
        .collect();
    let forms: Vec<i64> = changed
        .iter()
        .filter(|(_, _, _, c)| field_changed("cooperation", c))
        .map(|(id, ..)| *id)
        .collect();
    execute_in(
        tx,
        "DELETE FROM organisation_tags WHERE organisation_id IN ({list})",
        &tags,
    )
    .await?;
    execute_in(
        tx,
        "DELETE FROM organisation_cooperation WHERE organisation_id IN ({list})",
        &forms,
    )
    .await?;
    let with = |field: &'static str| {
        changed
            .iter()
            .filter(move |(_, _, _, c)| field_changed(field, c))
            .map(|(id, _, d, _)| (*id, *d))
    };
    insert_tags_and_forms(tx, with("tags"), true, false).await?;
    insert_tags_and_forms(tx, with("cooperation"), false, true).await?;
    for (id, _, _, changes) in changed {
        audit.push("update", "organisation", *id, *id, changes)?;
    }
    Ok(())
}

/// The columns of a person row an import writes, as [`PERSON_COLUMNS`] names them.
fn person_cells(p: &PersonDraft) -> Vec<Cell> {
    vec![
        own(p.name.as_str()),
        own(p.title.as_deref()),
        own(p.email.as_ref().map(|e| e.as_str())),
        own(p.phone.as_deref()),
        own(p.lawful_basis.as_deref()),
        own(super::person::search_text(p)),
    ]
}

const PERSON_COLUMNS: &[&str] = &[
    "name",
    "title",
    "email",
    "phone",
    "lawful_basis",
    "search_text",
];

/// Creates contact people, each with a role at their organisation starting today.
async fn create_people(
    tx: &mut Tx,
    people: &[(i64, PersonDraft)],
    now: OffsetDateTime,
    audit: &mut AuditRows,
) -> Result<(), StoreError> {
    if people.is_empty() {
        return Ok(());
    }
    let ids = reserve_ids(tx, "people", people.len()).await?;
    let rows: Vec<Vec<Cell>> = people
        .iter()
        .zip(&ids)
        .map(|((_, p), id)| {
            let mut row = vec![own(*id)];
            row.extend(person_cells(p));
            row.extend([Cell::Shared(0), Cell::Shared(0)]);
            row
        })
        .collect();
    insert_many(
        tx,
        &format!(
            "INSERT INTO people (id, {}, created_at, updated_at)",
            PERSON_COLUMNS.join(", ")
        ),
        &[Value::from(now)],
        &rows,
    )
    .await?;
    let roles: Vec<Vec<Cell>> = people
        .iter()
        .zip(&ids)
        .map(|((organisation_id, p), id)| {
            vec![
                own(*id),
                own(*organisation_id),
                own(p.title.as_deref()),
                Cell::Shared(0),
            ]
        })
        .collect();
    insert_many(
        tx,
        "INSERT INTO person_roles (person_id, organisation_id, role_title, start_on)",
        &[Value::from(now.date())],
        &roles,
    )
    .await?;
    for ((organisation_id, p), id) in people.iter().zip(&ids) {
        let changes = diff(&[], &super::person::snapshot(p));
        audit.push("import", "person", *id, *organisation_id, &changes)?;
    }
    Ok(())
}

/// Writes the changed contact people.
async fn update_people(
    tx: &mut Tx,
    updates: &[PersonUpdate],
    now: OffsetDateTime,
    audit: &mut AuditRows,
) -> Result<(), StoreError> {
    if updates.is_empty() {
        return Ok(());
    }
    let rows = updates.iter().map(|u| (u.id, person_cells(&u.person)));
    update_many(tx, "people", PERSON_COLUMNS, rows, now).await?;
    for u in updates {
        audit.push("update", "person", u.id, u.organisation_id, &u.changes)?;
    }
    Ok(())
}

fn changes_json(changes: &[Change]) -> Result<String, StoreError> {
    serde_json::to_string(changes).map_err(|e| StoreError::Corrupt(e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/// An organisation with what an export lists.
#[derive(Debug, Clone)]
pub struct ExportOrganisation {
    pub id: i64,
    pub name: String,
    pub business_id: Option<String>,
    pub kind: OrganisationKind,
    pub industry_code: Option<String>,
    pub municipality_code: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub status: OrganisationStatus,
    pub last_interaction_on: Option<Date>,
    /// Sorted, as stored.
    pub tags: Vec<String>,
    /// Sorted by code, as stored.
    pub cooperation: Vec<CooperationForm>,
    /// The owners' names, by name.
    pub owners: Vec<String>,
    /// The first current contact person (the earliest role still open).
    pub contact: Option<ExportContact>,
}

/// The contact person an export lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportContact {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ExportRow {
    id: i64,
    name: String,
    business_id: Option<String>,
    kind: String,
    industry_code: Option<String>,
    municipality_code: Option<String>,
    address: Option<String>,
    website: Option<String>,
    status: String,
    last_interaction_on: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct ExportContactRow {
    organisation_id: i64,
    name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

/// The organisations of a filter, by name, with what an export lists: the same filter and
/// order as the organisation list, read page by page, then loaded in bulk.
pub async fn export(
    db: &Db,
    filter: &organisation::Filter,
) -> Result<Vec<ExportOrganisation>, StoreError> {
    let mut ids: Vec<i64> = Vec::new();
    loop {
        let offset = i64::try_from(ids.len()).unwrap_or(i64::MAX);
        let page = crate::Page::new(crate::Page::MAX_LIMIT, offset);
        let (rows, total) = organisation::list(db, filter, page).await?;
        let got = rows.len();
        ids.extend(rows.into_iter().map(|r| r.id));
        if got == 0 || i64::try_from(ids.len()).unwrap_or(i64::MAX) >= total {
            break;
        }
    }
    // Reads in one transaction so that the parts agree with each other.
    let mut tx = db.begin().await?;
    let rows: Vec<ExportRow> = fetch_in(
        &mut tx,
        "SELECT id, name, business_id, kind, industry_code, municipality_code, address, website, \
         status, last_interaction_on FROM organisations WHERE id IN ({list})",
        &ids,
    )
    .await?;
    let tags: Vec<(i64, String)> = fetch_in(
        &mut tx,
        "SELECT organisation_id, tag FROM organisation_tags WHERE organisation_id IN ({list}) \
         ORDER BY organisation_id, tag",
        &ids,
    )
    .await?;
    let forms: Vec<(i64, String)> = fetch_in(
        &mut tx,
        "SELECT organisation_id, form FROM organisation_cooperation WHERE organisation_id IN ({list}) \
         ORDER BY organisation_id, form",
        &ids,
    )
    .await?;
    let owners: Vec<(i64, String)> = fetch_in(
        &mut tx,
        "SELECT o.organisation_id, u.name FROM organisation_owners o JOIN users u ON u.id = o.user_id \
         WHERE o.organisation_id IN ({list}) ORDER BY o.organisation_id, u.name",
        &ids,
    )
    .await?;
    let contacts: Vec<ExportContactRow> = fetch_in(
        &mut tx,
        "SELECT r.organisation_id, p.name, p.title, p.email, p.phone FROM person_roles r \
         JOIN people p ON p.id = r.person_id WHERE r.end_on IS NULL AND r.organisation_id IN ({list}) \
         ORDER BY r.organisation_id, r.id",
        &ids,
    )
    .await?;
    drop(tx);
    let mut tags_of: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, t) in tags {
        tags_of.entry(id).or_default().push(t);
    }
    let mut forms_of: HashMap<i64, Vec<CooperationForm>> = HashMap::new();
    for (id, f) in forms {
        if let Ok(f) = CooperationForm::parse(&f) {
            forms_of.entry(id).or_default().push(f);
        }
    }
    let mut owners_of: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, n) in owners {
        owners_of.entry(id).or_default().push(n);
    }
    let mut contact_of: HashMap<i64, ExportContact> = HashMap::new();
    for c in contacts {
        contact_of
            .entry(c.organisation_id)
            .or_insert(ExportContact {
                name: c.name,
                title: c.title,
                email: c.email,
                phone: c.phone,
            });
    }
    let mut by_id: BTreeMap<i64, ExportOrganisation> = BTreeMap::new();
    for r in rows {
        let corrupt =
            |what: &str, v: &str| StoreError::Corrupt(format!("organisation {}: {what} {v}", r.id));
        let o = ExportOrganisation {
            id: r.id,
            kind: OrganisationKind::parse(&r.kind).map_err(|_| corrupt("kind", &r.kind))?,
            status: OrganisationStatus::parse(&r.status)
                .map_err(|_| corrupt("status", &r.status))?,
            tags: tags_of.remove(&r.id).unwrap_or_default(),
            cooperation: forms_of.remove(&r.id).unwrap_or_default(),
            owners: owners_of.remove(&r.id).unwrap_or_default(),
            contact: contact_of.remove(&r.id),
            name: r.name,
            business_id: r.business_id,
            industry_code: r.industry_code,
            municipality_code: r.municipality_code,
            address: r.address,
            website: r.website,
            last_interaction_on: r.last_interaction_on,
        };
        by_id.insert(o.id, o);
    }
    // In the list's order.
    Ok(ids.into_iter().filter_map(|id| by_id.remove(&id)).collect())
}

// ---------------------------------------------------------------------------------------------
// Uploads waiting for confirmation
// ---------------------------------------------------------------------------------------------

/// How long an uploaded file waits for its import to be confirmed.
pub const UPLOAD_LIFETIME: Duration = Duration::hours(1);

/// An uploaded file kept between the preview and the confirmation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub id: String,
    pub user_id: i64,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Keeps an upload for [`UPLOAD_LIFETIME`] under a random id (made by the caller), and
/// removes uploads that have expired.
pub async fn store_upload(
    db: &Db,
    id: &str,
    user_id: i64,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<(), StoreError> {
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    tx.execute(sql("DELETE FROM import_uploads WHERE expires_at <= $1").bind(now))
        .await?;
    tx.execute(
        sql(
            "INSERT INTO import_uploads (id, user_id, file_name, bytes, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(user_id)
        .bind(file_name)
        .bind(bytes)
        .bind(now)
        .bind(now + UPLOAD_LIFETIME),
    )
    .await?;
    tx.commit().await
}

/// The user's upload of this id, unless it has expired.
pub async fn upload(db: &Db, id: &str, user_id: i64) -> Result<Option<Upload>, StoreError> {
    db.fetch_optional(
        sql("SELECT id, user_id, file_name, bytes FROM import_uploads \
             WHERE id = $1 AND user_id = $2 AND expires_at > $3")
        .bind(id)
        .bind(user_id)
        .bind(OffsetDateTime::now_utc()),
    )
    .await
}

/// Forgets an upload once its import is done.
pub async fn remove_upload(db: &Db, id: &str, user_id: i64) -> Result<(), StoreError> {
    db.execute(
        sql("DELETE FROM import_uploads WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id),
    )
    .await?;
    Ok(())
}
