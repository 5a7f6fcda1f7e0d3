//! Resources: what the network lends (machines, halls, learning environments), their booking
//! rules, prices, the whole they are part of, and their private calendar link.

use crate::audit::{self, diff, Actor, Subject};
use crate::db::{sql, Db, Query, Tx};
use crate::error::StoreError;
use crate::in_list;
use rand::RngCore;
use serde::Serialize;
use time::OffsetDateTime;
use vaski_domain::network::search;
use vaski_domain::sharing::clash::{most_units_at_once, Hierarchy, Occupancy};
use vaski_domain::sharing::draft::ResourceDraft;
use vaski_domain::sharing::opening::{
    DayHours, Exception, ExceptionHours, HoursRange, Schedule, WeeklyHours,
};
use vaski_domain::sharing::pricing::{Prices, Tariff};
use vaski_domain::sharing::resource::{Approval, BookerKind, Eligibility, ResourceKind};
use vaski_domain::sharing::rules::{BookingRules, RuleSettings};

/// A stored resource.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Resource {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub owner_organisation_id: i64,
    pub owner_name: String,
    /// The site whose opening hours the resource follows where it has none of its own.
    pub location_id: Option<i64>,
    pub part_of: Option<i64>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub building: Option<String>,
    pub room: Option<String>,
    pub description: Option<String>,
    pub capacity_people: Option<i64>,
    pub accessibility: Option<String>,
    pub quantity: i64,
    pub approval: String,
    pub eligibility: String,
    pub closed_on_public_holidays: bool,
    pub slot_minutes: Option<i64>,
    pub min_duration_minutes: Option<i64>,
    pub max_duration_minutes: Option<i64>,
    pub min_notice_minutes: Option<i64>,
    pub max_ahead_minutes: Option<i64>,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub cancellation_free_hours: Option<i64>,
    pub required_qualification_id: Option<i64>,
    #[serde(skip)]
    pub feed_token: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

const COLUMNS: &str = "r.id, r.name, r.kind, r.owner_organisation_id, o.name AS owner_name, r.location_id, r.part_of, \
    r.address, r.municipality_code, r.building, r.room, r.description, r.capacity_people, r.accessibility, \
    r.quantity, r.approval, r.eligibility, r.closed_on_public_holidays, r.slot_minutes, \
    r.min_duration_minutes, r.max_duration_minutes, r.min_notice_minutes, r.max_ahead_minutes, \
    r.buffer_before_minutes, r.buffer_after_minutes, r.cancellation_free_hours, \
    r.required_qualification_id, r.feed_token, r.created_at, r.updated_at \
    FROM resources r JOIN organisations o ON o.id = r.owner_organisation_id";

impl Resource {
    /// The booking rules as stored; rules that no longer validate are stored data gone bad.
    pub fn rules(&self) -> Result<BookingRules, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("resource {}: {what}", self.id));
        let settings = RuleSettings {
            slot_minutes: self.slot_minutes,
            min_duration_minutes: self.min_duration_minutes,
            max_duration_minutes: self.max_duration_minutes,
            min_notice_minutes: self.min_notice_minutes,
            max_ahead_minutes: self.max_ahead_minutes,
            buffer_before_minutes: self.buffer_before_minutes,
            buffer_after_minutes: self.buffer_after_minutes,
            approval: Approval::parse(&self.approval).map_err(|_| corrupt("approval"))?,
            eligibility: Eligibility::parse(&self.eligibility)
                .map_err(|_| corrupt("eligibility"))?,
            cancellation_free_hours: self.cancellation_free_hours,
        };
        BookingRules::new(settings).map_err(|e| corrupt(&format!("rules {e:?}")))
    }

    pub fn kind(&self) -> Option<ResourceKind> {
        ResourceKind::parse(&self.kind).ok()
    }

    /// How many units a booking may take at once: a pool's size, 1 for a single thing.
    pub fn capacity(&self) -> u32 {
        u32::try_from(self.quantity.max(1)).unwrap_or(1)
    }

    pub fn is_pool(&self) -> bool {
        self.quantity > 1
    }

    fn snapshot(&self) -> Vec<(&'static str, Option<String>)> {
        let n = |v: Option<i64>| v.map(|n| n.to_string());
        vec![
            ("name", Some(self.name.clone())),
            ("kind", Some(self.kind.clone())),
            (
                "owner_organisation_id",
                Some(self.owner_organisation_id.to_string()),
            ),
            ("part_of", n(self.part_of)),
            ("address", self.address.clone()),
            ("municipality", self.municipality_code.clone()),
            ("building", self.building.clone()),
            ("room", self.room.clone()),
            ("description", self.description.clone()),
            ("capacity_people", n(self.capacity_people)),
            ("accessibility", self.accessibility.clone()),
            ("quantity", Some(self.quantity.to_string())),
            ("approval", Some(self.approval.clone())),
            ("eligibility", Some(self.eligibility.clone())),
            (
                "closed_on_public_holidays",
                Some(self.closed_on_public_holidays.to_string()),
            ),
            ("slot_minutes", n(self.slot_minutes)),
            ("min_duration_minutes", n(self.min_duration_minutes)),
            ("max_duration_minutes", n(self.max_duration_minutes)),
            ("min_notice_minutes", n(self.min_notice_minutes)),
            ("max_ahead_minutes", n(self.max_ahead_minutes)),
            (
                "buffer_before_minutes",
                Some(self.buffer_before_minutes.to_string()),
            ),
            (
                "buffer_after_minutes",
                Some(self.buffer_after_minutes.to_string()),
            ),
            ("cancellation_free_hours", n(self.cancellation_free_hours)),
            (
                "required_qualification_id",
                n(self.required_qualification_id),
            ),
        ]
    }
}

fn draft_snapshot(d: &ResourceDraft) -> Vec<(&'static str, Option<String>)> {
    let n = |v: Option<i64>| v.map(|n| n.to_string());
    let r = d.rules.settings();
    vec![
        ("name", Some(d.name.clone())),
        ("kind", Some(d.kind.code().to_string())),
        (
            "owner_organisation_id",
            Some(d.owner_organisation_id.to_string()),
        ),
        ("part_of", n(d.part_of)),
        ("address", d.address.clone()),
        ("municipality", d.municipality.map(|m| m.code.clone())),
        ("building", d.building.clone()),
        ("room", d.room.clone()),
        ("description", d.description.clone()),
        ("capacity_people", n(d.capacity_people)),
        ("accessibility", d.accessibility.clone()),
        ("quantity", Some(d.quantity.to_string())),
        ("approval", Some(r.approval.code().to_string())),
        ("eligibility", Some(r.eligibility.code().to_string())),
        (
            "closed_on_public_holidays",
            Some(d.closed_on_public_holidays.to_string()),
        ),
        ("slot_minutes", n(r.slot_minutes)),
        ("min_duration_minutes", n(r.min_duration_minutes)),
        ("max_duration_minutes", n(r.max_duration_minutes)),
        ("min_notice_minutes", n(r.min_notice_minutes)),
        ("max_ahead_minutes", n(r.max_ahead_minutes)),
        (
            "buffer_before_minutes",
            Some(r.buffer_before_minutes.to_string()),
        ),
        (
            "buffer_after_minutes",
            Some(r.buffer_after_minutes.to_string()),
        ),
        ("cancellation_free_hours", n(r.cancellation_free_hours)),
        ("required_qualification_id", n(d.required_qualification_id)),
    ]
}

fn search_text(d: &ResourceDraft, owner_name: &str) -> String {
    let municipality = d
        .municipality
        .map(|m| format!("{} {}", m.name_fi, m.name_sv))
        .unwrap_or_default();
    let mut fields: Vec<&str> = vec![&d.name, d.kind.code(), owner_name, &municipality];
    for f in [&d.address, &d.building, &d.room, &d.description]
        .into_iter()
        .flatten()
    {
        fields.push(f);
    }
    search::index_text(fields)
}

/// A random token for a resource's private calendar link.
pub fn new_feed_token() -> String {
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The draft's values bound in the order of [`WRITE_COLUMNS`].
fn bind_draft(mut q: Query, d: &ResourceDraft, search_text: String) -> Query {
    let r = d.rules.settings();
    q = q
        .bind(d.name.as_str())
        .bind(d.kind.code())
        .bind(d.owner_organisation_id)
        .bind(d.part_of)
        .bind(d.address.clone())
        .bind(d.municipality.map(|m| m.code.clone()))
        .bind(d.building.clone())
        .bind(d.room.clone())
        .bind(d.description.clone())
        .bind(d.capacity_people)
        .bind(d.accessibility.clone())
        .bind(i64::from(d.quantity))
        .bind(r.approval.code())
        .bind(r.eligibility.code())
        .bind(d.closed_on_public_holidays)
        .bind(r.slot_minutes)
        .bind(r.min_duration_minutes)
        .bind(r.max_duration_minutes)
        .bind(r.min_notice_minutes)
        .bind(r.max_ahead_minutes)
        .bind(r.buffer_before_minutes)
        .bind(r.buffer_after_minutes)
        .bind(r.cancellation_free_hours)
        .bind(d.required_qualification_id)
        .bind(search_text);
    q
}

const WRITE_COLUMNS: &str =
    "name, kind, owner_organisation_id, part_of, address, municipality_code, \
    building, room, description, capacity_people, accessibility, quantity, approval, eligibility, \
    closed_on_public_holidays, slot_minutes, min_duration_minutes, max_duration_minutes, \
    min_notice_minutes, max_ahead_minutes, buffer_before_minutes, buffer_after_minutes, \
    cancellation_free_hours, required_qualification_id, search_text";

/// Refuses a `part_of` that does not exist or would make a whole part of its own part.
async fn check_part_of(
    tx: &mut Tx,
    id: Option<i64>,
    part_of: Option<i64>,
) -> Result<(), StoreError> {
    let Some(whole) = part_of else { return Ok(()) };
    let exists: Option<(i64,)> = tx
        .fetch_optional(sql("SELECT id FROM resources WHERE id = $1").bind(whole))
        .await?;
    if exists.is_none() {
        return Err(StoreError::Invalid {
            field: "part_of",
            key: "error-part-of-unknown",
        });
    }
    if let Some(id) = id {
        let h = hierarchy(tx).await?;
        h.check_part_of(id, whole)
            .map_err(|e| StoreError::Invalid {
                field: "part_of",
                key: e.key,
            })?;
    }
    Ok(())
}

async fn owner_name(tx: &mut Tx, organisation_id: i64) -> Result<String, StoreError> {
    let row: Option<(String,)> = tx
        .fetch_optional(sql("SELECT name FROM organisations WHERE id = $1").bind(organisation_id))
        .await?;
    row.map(|(n,)| n).ok_or(StoreError::Invalid {
        field: "owner_organisation_id",
        key: "error-organisation-unknown",
    })
}

/// Stores a new resource with its prices; answers its id.
pub async fn create(tx: &mut Tx, d: &ResourceDraft, actor: &Actor) -> Result<i64, StoreError> {
    let owner = owner_name(tx, d.owner_organisation_id).await?;
    check_part_of(tx, None, d.part_of).await?;
    let now = OffsetDateTime::now_utc();
    let q = sql(format!(
        "INSERT INTO resources ({WRITE_COLUMNS}, feed_token, created_at, updated_at) VALUES \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
          $21, $22, $23, $24, $25, $26, $27, $28) RETURNING id"
    ));
    let q = bind_draft(q, d, search_text(d, &owner))
        .bind(new_feed_token())
        .bind(now)
        .bind(now);
    let (id,): (i64,) = tx.fetch_one(q).await?;
    write_prices(tx, id, &d.prices).await?;
    let changes = diff(&[], &draft_snapshot(d));
    audit::record(
        tx,
        actor,
        "create",
        subject(id, d.owner_organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

/// Changes a resource; answers whether anything changed. A pool cannot shrink below what is
/// booked at some moment in the future, and a single thing cannot become a pool of one while
/// pool bookings overlap: the store refuses such a change.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &ResourceDraft,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    let old_prices = prices_in(tx, id).await?;
    let changes = diff(&old.snapshot(), &draft_snapshot(d));
    let prices_changed = old_prices != d.prices;
    if changes.is_empty() && !prices_changed {
        return Ok(false);
    }
    let owner = owner_name(tx, d.owner_organisation_id).await?;
    check_part_of(tx, Some(id), d.part_of).await?;
    if i64::from(d.quantity) != old.quantity {
        check_quantity(tx, &old, d.quantity).await?;
    }
    let q = sql(format!(
        "UPDATE resources SET ({WRITE_COLUMNS}, updated_at) = \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, \
          $21, $22, $23, $24, $25, $26) WHERE id = $27"
    ));
    let q = bind_draft(q, d, search_text(d, &owner))
        .bind(OffsetDateTime::now_utc())
        .bind(id);
    tx.execute(q).await?;
    if prices_changed {
        write_prices(tx, id, &d.prices).await?;
    }
    let mut changes = changes;
    if prices_changed {
        changes.push(audit::Change {
            field: "prices".into(),
            old: Some(prices_text(&old_prices)),
            new: Some(prices_text(&d.prices)),
        });
    }
    audit::record(
        tx,
        actor,
        "update",
        subject(id, d.owner_organisation_id),
        &changes,
    )
    .await?;
    Ok(true)
}

/// A resource may hold fewer units only while its bookings from now on still fit: never more
/// units at one instant than the new quantity, and, to become a single thing, no two bookings
/// at once. Otherwise the no-overlap guarantee (and PostgreSQL's `bookings_no_overlap`) would
/// break. The bookings still to come then follow the new kind: `exclusive` when single.
async fn check_quantity(tx: &mut Tx, old: &Resource, quantity: u32) -> Result<(), StoreError> {
    let hierarchy = hierarchy(tx).await?;
    super::booking::lock_family(tx, &hierarchy, old.id).await?;
    let now = OffsetDateTime::now_utc();
    let rows: Vec<super::calendar::OccupancyRow> = tx
        .fetch_all(
            sql("SELECT b.id, b.resource_id, b.kind, b.occupied_from, b.occupied_until, b.units FROM bookings b \
                 WHERE b.resource_id = $1 AND b.status IN ('requested', 'confirmed') AND b.occupied_until > $2")
            .bind(old.id)
            .bind(now),
        )
        .await?;
    let held: Vec<Occupancy> = rows
        .into_iter()
        .map(super::calendar::occupancy_of)
        .collect::<Result<_, _>>()?;
    if most_units_at_once(&held) > u64::from(quantity) {
        let key = if quantity == 1 {
            "series-error-quantity-single-overlaps"
        } else {
            "series-error-quantity-below-booked"
        };
        return Err(StoreError::Invalid {
            field: "quantity",
            key,
        });
    }
    tx.execute(
        sql("UPDATE bookings SET exclusive = $1 WHERE resource_id = $2 AND occupied_until > $3")
            .bind(quantity == 1)
            .bind(old.id)
            .bind(now),
    )
    .await?;
    Ok(())
}

fn subject(id: i64, owner: i64) -> Subject<'static> {
    Subject {
        entity: "resource",
        entity_id: Some(id),
        organisation_id: Some(owner),
    }
}

fn prices_text(p: &Prices) -> String {
    p.tariffs()
        .map(|(k, t)| {
            format!(
                "{}: {}/h {}/d",
                k.code(),
                t.per_hour_cents()
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                t.per_day_cents().map(|c| c.to_string()).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

async fn write_prices(tx: &mut Tx, id: i64, prices: &Prices) -> Result<(), StoreError> {
    tx.execute(sql("DELETE FROM resource_prices WHERE resource_id = $1").bind(id))
        .await?;
    for (kind, tariff) in prices.tariffs() {
        tx.execute(
            sql("INSERT INTO resource_prices (resource_id, booker_kind, per_hour_cents, per_day_cents) \
                 VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(kind.code())
            .bind(tariff.per_hour_cents())
            .bind(tariff.per_day_cents()),
        )
        .await?;
    }
    Ok(())
}

fn prices_query(id: i64) -> Query {
    sql("SELECT booker_kind, per_hour_cents, per_day_cents FROM resource_prices WHERE resource_id = $1")
        .bind(id)
}

fn prices_from(rows: Vec<(String, Option<i64>, Option<i64>)>) -> Result<Prices, StoreError> {
    let mut prices = Prices::new();
    for (kind, hour, day) in rows {
        let kind = BookerKind::parse(&kind)
            .map_err(|_| StoreError::Corrupt(format!("booker kind {kind}")))?;
        let tariff = Tariff::new(hour, day).map_err(|e| StoreError::Corrupt(e.key.to_string()))?;
        prices.set(kind, tariff);
    }
    Ok(prices)
}

pub async fn prices(db: &Db, id: i64) -> Result<Prices, StoreError> {
    prices_from(db.fetch_all(prices_query(id)).await?)
}

pub async fn prices_in(tx: &mut Tx, id: i64) -> Result<Prices, StoreError> {
    prices_from(tx.fetch_all(prices_query(id)).await?)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Resource>, StoreError> {
    db.fetch_optional(sql(format!("SELECT {COLUMNS} WHERE r.id = $1")).bind(id))
        .await
}

pub async fn get_in(tx: &mut Tx, id: i64) -> Result<Option<Resource>, StoreError> {
    tx.fetch_optional(sql(format!("SELECT {COLUMNS} WHERE r.id = $1")).bind(id))
        .await
}

/// The resource whose private feed link carries this token.
pub async fn by_feed_token(db: &Db, token: &str) -> Result<Option<Resource>, StoreError> {
    db.fetch_optional(sql(format!("SELECT {COLUMNS} WHERE r.feed_token = $1")).bind(token))
        .await
}

/// What the resource list and the availability search filter by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub q: Option<String>,
    pub kind: Option<ResourceKind>,
    pub municipality_code: Option<String>,
    pub owner_organisation_id: Option<i64>,
}

pub async fn list(db: &Db, f: &Filter) -> Result<Vec<Resource>, StoreError> {
    let mut q = sql(format!("SELECT {COLUMNS}"));
    let mut conditions: Vec<String> = Vec::new();
    if let Some(text) = f.q.as_deref() {
        conditions.extend(crate::search_conditions(&mut q, "r.search_text", text));
    }
    if let Some(kind) = f.kind {
        let p = q.push_arg(kind.code());
        conditions.push(format!("r.kind = {p}"));
    }
    if let Some(m) = &f.municipality_code {
        let p = q.push_arg(m.as_str());
        conditions.push(format!("r.municipality_code = {p}"));
    }
    if let Some(o) = f.owner_organisation_id {
        let p = q.push_arg(o);
        conditions.push(format!("r.owner_organisation_id = {p}"));
    }
    if !conditions.is_empty() {
        q.push_sql(" WHERE ");
        q.push_sql(&conditions.join(" AND "));
    }
    q.push_sql(" ORDER BY r.name, r.id");
    db.fetch_all(q).await
}

/// Resources by id, for naming the resources of a list of bookings.
pub async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Resource>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sql(format!("SELECT {COLUMNS} WHERE r.id IN ("));
    let list = in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(")");
    db.fetch_all(q).await
}

/// Every whole–part link of the network's resources (a few thousand at most).
pub async fn hierarchy(tx: &mut Tx) -> Result<Hierarchy, StoreError> {
    let links: Vec<(i64, i64)> = tx
        .fetch_all(sql(
            "SELECT id, part_of FROM resources WHERE part_of IS NOT NULL",
        ))
        .await?;
    Hierarchy::from_links(links)
        .map_err(|e| StoreError::Corrupt(format!("resource hierarchy: {}", e.key)))
}

/// One weekly opening range as stored: ISO weekday (1 = Monday) and minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct WeeklyRange {
    pub weekday: i64,
    pub opens_minute: i64,
    pub closes_minute: i64,
}

/// A dated exception as stored: both minutes `None` means closed all day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DatedException {
    pub on_date: time::Date,
    pub opens_minute: Option<i64>,
    pub closes_minute: Option<i64>,
    pub note: Option<String>,
}

/// Replaces the resource's weekly hours.
pub async fn set_weekly_hours(
    tx: &mut Tx,
    id: i64,
    ranges: &[WeeklyRange],
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = weekly_hours_in(tx, id).await?;
    if old == ranges {
        return Ok(());
    }
    super::hours::write_weekly(tx, super::hours::Holder::Resource(id), ranges).await?;
    let owner: (i64,) = tx
        .fetch_one(sql("SELECT owner_organisation_id FROM resources WHERE id = $1").bind(id))
        .await?;
    let changes = [audit::Change {
        field: "opening_hours".into(),
        old: Some(weekly_text(&old)),
        new: Some(weekly_text(ranges)),
    }];
    audit::record(tx, actor, "update", subject(id, owner.0), &changes).await
}

/// `1 08:00-16:00, 2 08:00-12:00` (ISO weekday and hours) for the audit trail.
pub(crate) fn weekly_text(ranges: &[WeeklyRange]) -> String {
    ranges
        .iter()
        .map(|r| {
            format!(
                "{} {:02}:{:02}-{:02}:{:02}",
                r.weekday,
                r.opens_minute / 60,
                r.opens_minute % 60,
                r.closes_minute / 60,
                r.closes_minute % 60
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn weekly_hours(db: &Db, id: i64) -> Result<Vec<WeeklyRange>, StoreError> {
    db.fetch_all(super::hours::holder_weekly_query(
        super::hours::Holder::Resource(id),
    ))
    .await
}

pub async fn weekly_hours_in(tx: &mut Tx, id: i64) -> Result<Vec<WeeklyRange>, StoreError> {
    tx.fetch_all(super::hours::holder_weekly_query(
        super::hours::Holder::Resource(id),
    ))
    .await
}

/// Adds a dated exception (closed, or special hours) to a resource's calendar.
pub async fn add_exception(
    tx: &mut Tx,
    id: i64,
    e: &DatedException,
    actor: &Actor,
) -> Result<(), StoreError> {
    super::hours::insert_exception(tx, super::hours::Holder::Resource(id), e).await?;
    let owner: (i64,) = tx
        .fetch_one(sql("SELECT owner_organisation_id FROM resources WHERE id = $1").bind(id))
        .await?;
    let changes = [audit::Change {
        field: "opening_exception".into(),
        old: None,
        new: Some(e.on_date.to_string()),
    }];
    audit::record(tx, actor, "update", subject(id, owner.0), &changes).await
}

/// Replaces a resource's dated exceptions with `exceptions` (a form or an API document lists
/// them all), as one audited change; answers whether anything changed.
pub async fn replace_exceptions(
    tx: &mut Tx,
    id: i64,
    exceptions: &[DatedException],
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old = exceptions_in(tx, id).await?;
    let mut wanted = exceptions.to_vec();
    wanted.sort_by_key(|e| (e.on_date, e.opens_minute));
    if old == wanted {
        return Ok(false);
    }
    super::hours::write_exceptions(tx, super::hours::Holder::Resource(id), &wanted).await?;
    let (owner,): (i64,) = tx
        .fetch_one(sql("SELECT owner_organisation_id FROM resources WHERE id = $1").bind(id))
        .await?;
    let changes = [audit::Change {
        field: "opening_exceptions".into(),
        old: Some(exceptions_text(&old)),
        new: Some(exceptions_text(&wanted)),
    }];
    audit::record(tx, actor, "update", subject(id, owner), &changes).await?;
    Ok(true)
}

/// `2026-12-24 closed (Jouluaatto), 2026-12-31 08:00-12:00` for the audit trail; the note is
/// named so that a change of a note alone is seen in the entry too.
pub(crate) fn exceptions_text(exceptions: &[DatedException]) -> String {
    let clock = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
    exceptions
        .iter()
        .map(|e| {
            let day = match (e.opens_minute, e.closes_minute) {
                (Some(opens), Some(closes)) => {
                    format!("{} {}-{}", e.on_date, clock(opens), clock(closes))
                }
                _ => format!("{} closed", e.on_date),
            };
            match &e.note {
                Some(note) => format!("{day} ({note})"),
                None => day,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn exceptions(db: &Db, id: i64) -> Result<Vec<DatedException>, StoreError> {
    db.fetch_all(super::hours::holder_exceptions_query(
        super::hours::Holder::Resource(id),
    ))
    .await
}

pub async fn exceptions_in(tx: &mut Tx, id: i64) -> Result<Vec<DatedException>, StoreError> {
    tx.fetch_all(super::hours::holder_exceptions_query(
        super::hours::Holder::Resource(id),
    ))
    .await
}

/// The domain's schedule from the stored hours. A resource with no weekly hours at all is open
/// round the clock (its owner has not limited it); one with hours is closed outside them.
pub fn schedule_from(
    weekly: &[WeeklyRange],
    exceptions: &[DatedException],
    closed_on_public_holidays: bool,
) -> Result<Schedule, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("opening hours: {what}"));
    let mut week = if weekly.is_empty() {
        WeeklyHours::every_day(DayHours::all_day())
    } else {
        WeeklyHours::closed()
    };
    for day in 1..=7i64 {
        let ranges: Vec<HoursRange> = weekly
            .iter()
            .filter(|r| r.weekday == day)
            .map(|r| HoursRange::from_minutes(r.opens_minute, r.closes_minute))
            .collect::<Result<_, _>>()
            .map_err(|e| corrupt(e.key))?;
        if ranges.is_empty() {
            continue;
        }
        let hours = DayHours::new(ranges).map_err(|e| corrupt(e.key))?;
        week.set(weekday(day), hours);
    }
    let mut dated = Vec::with_capacity(exceptions.len());
    for e in exceptions {
        let date = civil_date(e.on_date).map_err(|_| corrupt("date"))?;
        let hours = match (e.opens_minute, e.closes_minute) {
            (Some(opens), Some(closes)) => {
                let range = HoursRange::from_minutes(opens, closes).map_err(|e| corrupt(e.key))?;
                ExceptionHours::Special(DayHours::new(vec![range]).map_err(|e| corrupt(e.key))?)
            }
            _ => ExceptionHours::Closed,
        };
        dated.push(Exception { date, hours });
    }
    Schedule::new(week, dated, closed_on_public_holidays).map_err(|e| corrupt(e.key))
}

/// ISO weekday 1 (Monday) ..= 7 (Sunday).
pub fn weekday(n: i64) -> jiff::civil::Weekday {
    use jiff::civil::Weekday::*;
    match n {
        1 => Monday,
        2 => Tuesday,
        3 => Wednesday,
        4 => Thursday,
        5 => Friday,
        6 => Saturday,
        _ => Sunday,
    }
}

/// A stored date as the sharing domain's civil date.
pub fn civil_date(d: time::Date) -> Result<jiff::civil::Date, jiff::Error> {
    jiff::civil::Date::new(
        i16::try_from(d.year()).unwrap_or(i16::MAX),
        i8::try_from(u8::from(d.month())).unwrap_or(1),
        i8::try_from(d.day()).unwrap_or(1),
    )
}

/// A civil date of the sharing domain as the store binds dates.
pub fn store_date(d: jiff::civil::Date) -> Result<time::Date, StoreError> {
    let month = time::Month::try_from(u8::try_from(d.month()).unwrap_or(1))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    time::Date::from_calendar_date(
        i32::from(d.year()),
        month,
        u8::try_from(d.day()).unwrap_or(1),
    )
    .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// A picture of a resource, as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Image {
    pub id: i64,
    pub resource_id: i64,
    pub content_type: String,
    pub alt_text: Option<String>,
}

/// Adds a picture; the bytes must be a real image within the size limit (checked here too, so
/// that no caller can store anything else).
pub async fn add_image(
    tx: &mut Tx,
    resource_id: i64,
    bytes: Vec<u8>,
    alt_text: Option<String>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let kind =
        vaski_domain::sharing::image::check_image(&bytes).map_err(|e| StoreError::Invalid {
            field: "image",
            key: e.key,
        })?;
    let r = get_in(tx, resource_id).await?.ok_or(StoreError::NotFound)?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO resource_images (resource_id, content_type, bytes, alt_text, created_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(resource_id)
            .bind(kind.content_type())
            .bind(bytes)
            .bind(alt_text.clone())
            .bind(OffsetDateTime::now_utc()),
        )
        .await?;
    let changes = [audit::Change {
        field: "image".into(),
        old: None,
        new: Some(format!("{id} {}", kind.content_type())),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject(resource_id, r.owner_organisation_id),
        &changes,
    )
    .await?;
    Ok(id)
}

pub async fn images(db: &Db, resource_id: i64) -> Result<Vec<Image>, StoreError> {
    db.fetch_all(
        sql("SELECT id, resource_id, content_type, alt_text FROM resource_images WHERE resource_id = $1 ORDER BY id")
            .bind(resource_id),
    )
    .await
}

/// A picture's type and bytes, for serving it.
pub async fn image_bytes(db: &Db, id: i64) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    db.fetch_optional(sql("SELECT content_type, bytes FROM resource_images WHERE id = $1").bind(id))
        .await
}

/// A picture of this resource (`None` when the picture is of another resource or gone).
pub async fn image_of(
    db: &Db,
    resource_id: i64,
    image_id: i64,
) -> Result<Option<Image>, StoreError> {
    db.fetch_optional(
        sql(
            "SELECT id, resource_id, content_type, alt_text FROM resource_images \
             WHERE id = $1 AND resource_id = $2",
        )
        .bind(image_id)
        .bind(resource_id),
    )
    .await
}

async fn image_in(tx: &mut Tx, resource_id: i64, image_id: i64) -> Result<Image, StoreError> {
    tx.fetch_optional(
        sql(
            "SELECT id, resource_id, content_type, alt_text FROM resource_images \
             WHERE id = $1 AND resource_id = $2",
        )
        .bind(image_id)
        .bind(resource_id),
    )
    .await?
    .ok_or(StoreError::NotFound)
}

/// Changes a picture's text alternative; answers whether it changed.
pub async fn set_image_alt(
    tx: &mut Tx,
    resource_id: i64,
    image_id: i64,
    alt_text: &str,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let old = image_in(tx, resource_id, image_id).await?;
    if old.alt_text.as_deref() == Some(alt_text) {
        return Ok(false);
    }
    let r = get_in(tx, resource_id).await?.ok_or(StoreError::NotFound)?;
    tx.execute(
        sql("UPDATE resource_images SET alt_text = $1 WHERE id = $2")
            .bind(alt_text)
            .bind(image_id),
    )
    .await?;
    let changes = [audit::Change {
        field: format!("image {image_id} alt_text"),
        old: old.alt_text,
        new: Some(alt_text.to_string()),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject(resource_id, r.owner_organisation_id),
        &changes,
    )
    .await?;
    Ok(true)
}

/// Removes a picture of the resource.
pub async fn remove_image(
    tx: &mut Tx,
    resource_id: i64,
    image_id: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = image_in(tx, resource_id, image_id).await?;
    let r = get_in(tx, resource_id).await?.ok_or(StoreError::NotFound)?;
    tx.execute(sql("DELETE FROM resource_images WHERE id = $1").bind(image_id))
        .await?;
    let changes = [audit::Change {
        field: "image".into(),
        old: Some(format!(
            "{image_id} {} {}",
            old.content_type,
            old.alt_text.unwrap_or_default()
        )),
        new: None,
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject(resource_id, r.owner_organisation_id),
        &changes,
    )
    .await
}

/// A site of an organisation (a campus, a hall) whose opening hours its resources follow.
pub async fn create_location(
    tx: &mut Tx,
    organisation_id: i64,
    name: &str,
    address: Option<&str>,
    municipality_code: Option<&str>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let now = OffsetDateTime::now_utc();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO locations (organisation_id, name, address, municipality_code, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
            .bind(organisation_id)
            .bind(name)
            .bind(address)
            .bind(municipality_code)
            .bind(now),
        )
        .await?;
    let changes = [audit::Change {
        field: "name".into(),
        old: None,
        new: Some(name.to_string()),
    }];
    let subject = Subject {
        entity: "location",
        entity_id: Some(id),
        organisation_id: Some(organisation_id),
    };
    audit::record(tx, actor, "create", subject, &changes).await?;
    Ok(id)
}

/// Puts a resource at a location of its owner (or takes it away from one); a location of
/// another organisation, or none at all, is refused as `location_id`.
pub async fn set_location(
    tx: &mut Tx,
    id: i64,
    location_id: Option<i64>,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old = get_in(tx, id).await?.ok_or(StoreError::NotFound)?;
    if let Some(l) = location_id {
        // Checked even when unchanged: the owner may have changed in the same transaction.
        let of: Option<(i64,)> = tx
            .fetch_optional(sql("SELECT organisation_id FROM locations WHERE id = $1").bind(l))
            .await?;
        if of.map(|(o,)| o) != Some(old.owner_organisation_id) {
            return Err(StoreError::Invalid {
                field: "location_id",
                key: "places-error-location-of-owner",
            });
        }
    }
    if old.location_id == location_id {
        return Ok(());
    }
    tx.execute(
        sql("UPDATE resources SET location_id = $1, updated_at = $2 WHERE id = $3")
            .bind(location_id)
            .bind(OffsetDateTime::now_utc())
            .bind(id),
    )
    .await?;
    let text = |v: Option<i64>| v.map(|n| n.to_string());
    let changes = [audit::Change {
        field: "location_id".into(),
        old: text(old.location_id),
        new: text(location_id),
    }];
    audit::record(
        tx,
        actor,
        "update",
        subject(id, old.owner_organisation_id),
        &changes,
    )
    .await
}

/// Replaces a location's weekly hours (see [`super::location::set_weekly_hours`]).
pub async fn set_location_weekly_hours(
    tx: &mut Tx,
    location_id: i64,
    ranges: &[WeeklyRange],
    actor: &Actor,
) -> Result<(), StoreError> {
    super::location::set_weekly_hours(tx, location_id, ranges, actor)
        .await
        .map(|_| ())
}
