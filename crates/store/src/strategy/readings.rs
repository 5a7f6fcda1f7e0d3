//! Many computed indicators read at one date together, as a scorecard reads them.
//!
//! Each indicator alone ([`computed::value_at`]) is one or two scans of the network's largest
//! tables, and a plan of thirty repeats the same scans: the external bookings, their hours and
//! the booked hours of utilisation read the same year of bookings; the active partners, the
//! single-owner share and the new partners the same organisations, once per scope. Here the
//! three large reads are made once for the whole network, grouped by what a scope can ask:
//! the partners by then and the active partners counted by kind, field and a bit for each
//! unit and tag the plan's scopes name (a few hundred rows, not 100 000), and the year's
//! bookings by booker, resource unit and whether the booker is external. Each scope's
//! figures are then summed from those groups in Rust.
//! Scoped SQL made the database's planner choose per scope, and on SQLite a scope by kind
//! visited 70 000 wide rows through the kind's index (300 ms) where the whole network took
//! 17 ms. The small reads (agreements, forms of cooperation, open hours) stay per scope.
//!
//! The meanings are those of `computed` (its module comment); the store tests check that
//! both give the same value for every indicator in every kind of scope.

use super::computed::{self, ComputedIndicator, Scope};
use crate::db::{sql, Db};
use crate::error::StoreError;
use futures_util::{stream, StreamExt, TryStreamExt};
use std::collections::{HashMap, HashSet};
use time::Date;

/// How many reads run at once: the pool's SQLite connections are four.
const CONCURRENT_READS: usize = 4;

/// The value of each `(indicator, scope)` at `at`, in the order given.
pub async fn values_at(
    db: &Db,
    wanted: &[(ComputedIndicator, Scope)],
    at: Date,
) -> Result<Vec<f64>, StoreError> {
    let dimensions = Dimensions::of(wanted);
    let mut reads: Vec<Read> = Vec::new();
    for (indicator, scope) in wanted {
        for read in Read::needed_by(*indicator, scope) {
            if !reads.contains(&read) {
                reads.push(read);
            }
        }
    }
    // Collected first: a future borrowed by a closure inside the stream would not be `Send`
    // for every lifetime, which the web layer's handlers need.
    let pending: Vec<_> = reads
        .iter()
        .map(|read| read.run(db, &dimensions, at))
        .collect();
    let figures: Vec<Figures> = stream::iter(pending)
        .buffered(CONCURRENT_READS)
        .try_collect()
        .await?;
    let read: Readings = reads.into_iter().zip(figures).collect();
    wanted
        .iter()
        .map(|(indicator, scope)| value_of(*indicator, scope, &dimensions, &read))
        .collect()
}

/// The units and tags that the plan's organisation indicators are restricted to: each is a
/// bit of the grouped partner counts.
#[derive(Debug, Default)]
struct Dimensions {
    units: Vec<String>,
    tags: Vec<String>,
}

impl Dimensions {
    fn of(wanted: &[(ComputedIndicator, Scope)]) -> Dimensions {
        let mut d = Dimensions::default();
        for (indicator, scope) in wanted {
            let counts_partners = matches!(
                indicator,
                ComputedIndicator::ActivePartners
                    | ComputedIndicator::SingleOwnerShare
                    | ComputedIndicator::NewPartners
            );
            if !counts_partners {
                continue;
            }
            if let Some(unit) = unit_of(scope).filter(|u| !d.units.contains(u)) {
                d.units.push(unit);
            }
            if let Some(tag) = tag_of(scope).filter(|t| !d.tags.contains(t)) {
                d.tags.push(tag);
            }
        }
        d
    }

    /// The SQL of the flag bits (from `first_bit` on) of organisation `o`: one bit per unit
    /// whose staff own it, then one per tag it has.
    fn flags_sql(&self, q: &mut crate::db::Query, o: &str, first_bit: u32) -> String {
        let mut terms = Vec::new();
        let mut bit = first_bit;
        for unit in &self.units {
            let p = q.push_arg(unit.as_str());
            terms.push(format!(
                "(CASE WHEN {o}.id IN (SELECT sw.organisation_id FROM organisation_owners sw \
                 JOIN users su ON su.id = sw.user_id WHERE su.unit = {p}) THEN {} ELSE 0 END)",
                1i64 << bit
            ));
            bit += 1;
        }
        for tag in &self.tags {
            let p = q.push_arg(tag.as_str());
            terms.push(format!(
                "(CASE WHEN {o}.id IN (SELECT st.organisation_id FROM organisation_tags st \
                 WHERE st.tag = {p}) THEN {} ELSE 0 END)",
                1i64 << bit
            ));
            bit += 1;
        }
        if terms.is_empty() {
            "0".to_string()
        } else {
            terms.join(" + ")
        }
    }

    /// The bit of a unit, after `first_bit`.
    fn unit_bit(&self, unit: &str, first_bit: u32) -> Option<i64> {
        let i = self.units.iter().position(|u| u == unit)?;
        Some(1i64 << (first_bit + u32::try_from(i).ok()?))
    }

    /// The bit of a tag, after `first_bit` and the units' bits.
    fn tag_bit(&self, tag: &str, first_bit: u32) -> Option<i64> {
        let i = self.tags.iter().position(|t| t == tag)?;
        let units = u32::try_from(self.units.len()).ok()?;
        Some(1i64 << (first_bit + units + u32::try_from(i).ok()?))
    }
}

type Readings = HashMap<Read, Figures>;

/// What is read: a large read for the whole network, or a small one for one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Read {
    /// The partners by then (not the institution's own), with status, owners and start.
    Partners,
    /// The partners active in the 365 days up to the day.
    Active,
    /// The year's confirmed bookings up to the day, by booker, resource unit and whether the
    /// booker is external.
    Bookings,
    /// The organisations with a tag, for the bookers of the booking indicators.
    Tag(String),
    /// The year's open seconds of the resources, of one unit or all.
    Open(Option<String>),
    /// The agreements valid on the day with a party in the scope.
    Agreements(ScopeKey),
    /// The partners by then of each form of cooperation, in the scope.
    Forms(ScopeKey),
}

/// A scope as a key and as the query builders take it.
#[derive(Debug, Clone)]
struct ScopeKey(Scope);

impl ScopeKey {
    fn parts(&self) -> (Option<&str>, Option<&str>, Option<&str>, Option<&str>) {
        let s = &self.0;
        (
            s.field.map(|f| f.section().code.as_str()),
            s.unit.as_deref().map(str::trim),
            s.tag.as_deref().map(str::trim),
            s.kind.map(|k| k.code()),
        )
    }
}

impl PartialEq for ScopeKey {
    fn eq(&self, other: &ScopeKey) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for ScopeKey {}

impl std::hash::Hash for ScopeKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

fn unit_of(scope: &Scope) -> Option<String> {
    scope.unit.as_deref().map(|u| u.trim().to_string())
}

fn tag_of(scope: &Scope) -> Option<String> {
    scope.tag.as_deref().map(|t| t.trim().to_string())
}

impl Read {
    fn needed_by(indicator: ComputedIndicator, scope: &Scope) -> Vec<Read> {
        let mut reads = match indicator {
            ComputedIndicator::ActivePartners => vec![Read::Active],
            ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
                vec![Read::Partners]
            }
            ComputedIndicator::CooperationForm(_) => {
                return vec![Read::Forms(ScopeKey(scope.clone()))]
            }
            ComputedIndicator::ValidAgreements => {
                return vec![Read::Agreements(ScopeKey(scope.clone()))]
            }
            ComputedIndicator::ExternalBookings | ComputedIndicator::ExternalBookingHours => {
                vec![Read::Bookings]
            }
            // Open hours depend on the unit alone: the field, tag and kind of a utilisation
            // restrict its bookers.
            ComputedIndicator::Utilisation => vec![Read::Bookings, Read::Open(unit_of(scope))],
        };
        // The partner counts carry the scope's unit and tag as bits; the bookings' unit is
        // the resource's, which their groups carry, and their tag the booker's.
        if let (Some(tag), true) = (tag_of(scope), reads.contains(&Read::Bookings)) {
            reads.push(Read::Tag(tag));
        }
        reads
    }

    async fn run(
        &self,
        db: &Db,
        dimensions: &Dimensions,
        at: Date,
    ) -> Result<Figures, StoreError> {
        let started = std::time::Instant::now();
        let figures = match self {
            Read::Partners => Figures::Groups(partners(db, dimensions, at).await?),
            Read::Active => Figures::Groups(active_partners(db, dimensions, at).await?),
            Read::Bookings => Figures::Bookings(bookings(db, at).await?),
            Read::Tag(tag) => Figures::Ids(tag_partners(db, tag).await?),
            Read::Open(unit) => Figures::Count(open_seconds(db, unit, at).await?),
            Read::Agreements(scope) => Figures::Count(agreements(db, &scope.0, at).await?),
            Read::Forms(scope) => Figures::Forms(forms(db, &scope.0, at).await?),
        };
        tracing::debug!(read = ?self, elapsed = ?started.elapsed(), "scorecard read");
        Ok(figures)
    }
}

/// What a read gives.
#[derive(Debug, Clone)]
enum Figures {
    Groups(Vec<Group>),
    Bookings(Vec<BookingGroup>),
    Ids(HashSet<i64>),
    Count(i64),
    Forms(HashMap<String, i64>),
}

/// An organisation with what a scope may ask of it.
#[derive(Debug, Clone)]
struct Organisation {
    id: i64,
    kind: String,
    industry_code: Option<String>,
}

/// Organisations of one kind and field with the same flag bits, and how many there are.
#[derive(Debug, Clone)]
struct Group {
    kind: String,
    industry_code: Option<String>,
    flags: i64,
    count: i64,
}

/// The partner groups' own bits, before the units' and tags'.
const ACTIVE_STATUS: i64 = 1;
const SINGLE_OWNER: i64 = 2;
const NEW_THIS_YEAR: i64 = 4;
const PARTNER_BITS: u32 = 3;

/// The bookings of one booker at the resources of one unit, external or not.
#[derive(Debug, Clone)]
struct BookingGroup {
    /// `None` for a booking without a booker organisation.
    booker: Option<Organisation>,
    resource_unit: Option<String>,
    external: bool,
    bookings: i64,
    seconds: i64,
}

/// A scope's kind and field, as `computed::organisation_scope` applies them in SQL.
struct Nature {
    kind: Option<&'static str>,
    field: Option<HashSet<String>>,
}

impl Nature {
    fn of(scope: &Scope) -> Nature {
        Nature {
            kind: scope.kind.map(|k| k.code()),
            field: scope
                .field
                .map(|f| computed::field_codes(f).into_iter().collect()),
        }
    }

    fn admits(&self, kind: &str, industry_code: Option<&String>) -> bool {
        self.kind.is_none_or(|k| kind == k)
            && self
                .field
                .as_ref()
                .is_none_or(|codes| industry_code.is_some_and(|c| codes.contains(c)))
    }
}

/// The bits a group must have to be in the scope: its unit's and its tag's.
fn scope_bits(scope: &Scope, dimensions: &Dimensions, first_bit: u32) -> Result<i64, StoreError> {
    let missing = |what: &str| StoreError::Corrupt(format!("{what} is not a dimension of the read"));
    let unit = match unit_of(scope) {
        Some(u) => dimensions.unit_bit(&u, first_bit).ok_or_else(|| missing(&u))?,
        None => 0,
    };
    let tag = match tag_of(scope) {
        Some(t) => dimensions.tag_bit(&t, first_bit).ok_or_else(|| missing(&t))?,
        None => 0,
    };
    Ok(unit | tag)
}

/// The groups in the scope.
fn groups_in<'g>(
    groups: &'g [Group],
    scope: &Scope,
    dimensions: &Dimensions,
    first_bit: u32,
) -> Result<impl Iterator<Item = &'g Group>, StoreError> {
    let nature = Nature::of(scope);
    let bits = scope_bits(scope, dimensions, first_bit)?;
    Ok(groups.iter().filter(move |g| {
        g.flags & bits == bits && nature.admits(&g.kind, g.industry_code.as_ref())
    }))
}

fn value_of(
    indicator: ComputedIndicator,
    scope: &Scope,
    dimensions: &Dimensions,
    read: &Readings,
) -> Result<f64, StoreError> {
    let figures = |key: Read| {
        read.get(&key)
            .ok_or_else(|| StoreError::Corrupt(format!("{} was not read", indicator.key())))
    };
    let mismatch = || StoreError::Corrupt(format!("{} read the wrong figures", indicator.key()));
    Ok(match indicator {
        ComputedIndicator::ActivePartners => {
            let Figures::Groups(active) = figures(Read::Active)? else {
                return Err(mismatch());
            };
            groups_in(active, scope, dimensions, 0)?
                .map(|g| g.count)
                .sum::<i64>() as f64
        }
        ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
            let Figures::Groups(partners) = figures(Read::Partners)? else {
                return Err(mismatch());
            };
            let counted = groups_in(partners, scope, dimensions, PARTNER_BITS)?;
            if indicator == ComputedIndicator::NewPartners {
                return Ok(counted
                    .filter(|g| g.flags & NEW_THIS_YEAR != 0)
                    .map(|g| g.count)
                    .sum::<i64>() as f64);
            }
            let (active, single) = counted
                .filter(|g| g.flags & ACTIVE_STATUS != 0)
                .fold((0i64, 0i64), |(n, s), g| {
                    let single = if g.flags & SINGLE_OWNER != 0 { g.count } else { 0 };
                    (n + g.count, s + single)
                });
            if active == 0 {
                0.0
            } else {
                single as f64 / active as f64
            }
        }
        ComputedIndicator::CooperationForm(form) => {
            let Figures::Forms(by_form) = figures(Read::Forms(ScopeKey(scope.clone())))? else {
                return Err(mismatch());
            };
            by_form.get(form.code()).copied().unwrap_or(0) as f64
        }
        ComputedIndicator::ValidAgreements => {
            let Figures::Count(n) = figures(Read::Agreements(ScopeKey(scope.clone())))? else {
                return Err(mismatch());
            };
            *n as f64
        }
        ComputedIndicator::ExternalBookings
        | ComputedIndicator::ExternalBookingHours
        | ComputedIndicator::Utilisation => {
            let Figures::Bookings(groups) = figures(Read::Bookings)? else {
                return Err(mismatch());
            };
            // The unit restricts the resources; the kind, field and tag the bookers.
            let nature = Nature::of(scope);
            let tagged = match tag_of(scope) {
                Some(tag) => match figures(Read::Tag(tag))? {
                    Figures::Ids(ids) => Some(ids),
                    _ => return Err(mismatch()),
                },
                None => None,
            };
            let restricts_booker = nature.kind.is_some() || nature.field.is_some() || tagged.is_some();
            let unit = unit_of(scope);
            let in_scope = groups.iter().filter(|g| {
                unit.as_ref()
                    .is_none_or(|u| g.resource_unit.as_ref() == Some(u))
                    && (!restricts_booker
                        || g.booker.as_ref().is_some_and(|o| {
                            nature.admits(&o.kind, o.industry_code.as_ref())
                                && tagged.is_none_or(|ids| ids.contains(&o.id))
                        }))
            });
            match indicator {
                ComputedIndicator::ExternalBookings => {
                    in_scope.filter(|g| g.external).map(|g| g.bookings).sum::<i64>() as f64
                }
                ComputedIndicator::ExternalBookingHours => {
                    in_scope.filter(|g| g.external).map(|g| g.seconds).sum::<i64>() as f64
                        / 3600.0
                }
                _ => {
                    let Figures::Count(open) = figures(Read::Open(unit.clone()))? else {
                        return Err(mismatch());
                    };
                    let booked: i64 = in_scope.map(|g| g.seconds).sum();
                    if *open <= 0 {
                        0.0
                    } else {
                        booked as f64 / *open as f64
                    }
                }
            }
        }
    })
}

type OrganisationRow = (i64, String, Option<String>);

fn organisation((id, kind, industry_code): OrganisationRow) -> Organisation {
    Organisation {
        id,
        kind,
        industry_code,
    }
}

/// The partners by `at` (not the institution's own) counted by kind, field, status, single
/// owner, start in `at`'s year and the dimensions' bits, read through the covering index of
/// migration 0013.
async fn partners(db: &Db, dimensions: &Dimensions, at: Date) -> Result<Vec<Group>, StoreError> {
    let mut q = sql("");
    let year_start = q.push_arg(computed::year_start(at));
    let until = q.push_arg(at);
    let flags = dimensions.flags_sql(&mut q, "o", PARTNER_BITS);
    q.push_sql(&format!(
        "SELECT o.kind, o.industry_code, \
         CAST((CASE WHEN o.status = 'active' THEN {ACTIVE_STATUS} ELSE 0 END) \
         + (CASE WHEN o.owner_count = 1 THEN {SINGLE_OWNER} ELSE 0 END) \
         + (CASE WHEN o.partner_since >= {year_start} THEN {NEW_THIS_YEAR} ELSE 0 END) \
         + {flags} AS BIGINT), COUNT(*) \
         FROM organisations o WHERE o.partner_since <= {until} AND o.home = FALSE \
         GROUP BY 1, 2, 3"
    ));
    groups(db, q).await
}

/// The partners active in the 365 days up to `at` in the whole network, as
/// `computed::active_partners_at` counts them, by kind, field and the dimensions' bits.
async fn active_partners(
    db: &Db,
    dimensions: &Dimensions,
    at: Date,
) -> Result<Vec<Group>, StoreError> {
    let mut q = sql("");
    let union = computed::active_partners_union(
        &mut q,
        &Scope::default(),
        at,
        "o.id, o.kind, o.industry_code",
    )?;
    let flags = dimensions.flags_sql(&mut q, "a", 0);
    q.push_sql(&format!(
        "SELECT a.kind, a.industry_code, CAST({flags} AS BIGINT), COUNT(*) FROM ({union}) a \
         GROUP BY 1, 2, 3"
    ));
    groups(db, q).await
}

async fn groups(db: &Db, q: crate::db::Query) -> Result<Vec<Group>, StoreError> {
    let rows: Vec<(String, Option<String>, i64, i64)> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(|(kind, industry_code, flags, count)| Group {
            kind,
            industry_code,
            flags,
            count,
        })
        .collect())
}

/// The confirmed bookings (kind `booking`) that start in `at`'s year up to `at`, grouped by
/// booker, the resource's unit and whether the booker is external (not the resource's
/// owner), with the booker's kind and field joined to the groups, not to each booking.
async fn bookings(db: &Db, at: Date) -> Result<Vec<BookingGroup>, StoreError> {
    let backend = db.backend();
    let mut q = sql("");
    let from = q.push_arg(computed::midnight(computed::year_start(at))?);
    let until = q.push_arg(computed::midnight(computed::next_day(at))?);
    let start = backend.epoch_seconds("b.starts_at");
    let end = backend.epoch_seconds("b.ends_at");
    let external = "CASE WHEN b.booker_organisation_id IS NOT NULL \
                    AND b.booker_organisation_id <> r.owner_organisation_id THEN 1 ELSE 0 END";
    q.push_sql(&format!(
        "SELECT g.booker, o.kind, o.industry_code, g.unit, g.external, g.bookings, g.seconds FROM (\
         SELECT b.booker_organisation_id AS booker, r.unit AS unit, {external} AS external, \
         COUNT(*) AS bookings, CAST(SUM(({end} - {start}) * b.units) AS BIGINT) AS seconds \
         FROM bookings b JOIN resources r ON r.id = b.resource_id \
         WHERE b.status = 'confirmed' AND b.kind = 'booking' \
         AND b.starts_at >= {from} AND b.starts_at < {until} \
         GROUP BY b.booker_organisation_id, r.unit, {external}) g \
         LEFT JOIN organisations o ON o.id = g.booker"
    ));
    type Row = (
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        i32,
        i64,
        Option<i64>,
    );
    let rows: Vec<Row> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(
            |(booker, kind, industry_code, unit, external, bookings, seconds)| BookingGroup {
                booker: booker
                    .zip(kind)
                    .map(|(id, kind)| organisation((id, kind, industry_code))),
                resource_unit: unit,
                external: external == 1,
                bookings,
                seconds: seconds.unwrap_or(0),
            },
        )
        .collect())
}

/// The organisations with the tag.
async fn tag_partners(db: &Db, tag: &str) -> Result<HashSet<i64>, StoreError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(sql("SELECT organisation_id FROM organisation_tags WHERE tag = $1").bind(tag))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The partners by `at` of each form of cooperation.
async fn forms(db: &Db, scope: &Scope, at: Date) -> Result<HashMap<String, i64>, StoreError> {
    if scope.is_whole_network() {
        return computed::cooperation_forms_at(db, at).await;
    }
    let mut q = sql("");
    let until = q.push_arg(at);
    let scoped = computed::organisation_scope(&mut q, scope, "o", true);
    q.push_sql(&format!(
        "SELECT c.form, COUNT(*) FROM organisation_cooperation c \
         JOIN organisations o ON o.id = c.organisation_id \
         WHERE o.home = FALSE AND o.partner_since <= {until}{scoped} GROUP BY c.form"
    ));
    let rows: Vec<(String, i64)> = db.fetch_all(q).await?;
    Ok(rows.into_iter().collect())
}

/// Agreements valid on `at` with a party in scope. An agreement whose end is before its start
/// was never valid: its end is then before `at` or its start after it.
async fn agreements(db: &Db, scope: &Scope, at: Date) -> Result<i64, StoreError> {
    let mut q = sql("");
    let day = q.push_arg(at);
    let scoped = computed::agreement_scope(&mut q, scope);
    q.push_sql(&format!(
        "SELECT COUNT(*) FROM agreements a WHERE a.valid_from <= {day} \
         AND (a.valid_to IS NULL OR a.valid_to >= {day}){scoped}"
    ));
    let (n,): (i64,) = db.fetch_one(q).await?;
    Ok(n)
}

async fn open_seconds(db: &Db, unit: &Option<String>, at: Date) -> Result<i64, StoreError> {
    let scope = Scope {
        unit: unit.clone(),
        ..Default::default()
    };
    let open = computed::open_seconds(db, &scope, &[at]).await?;
    Ok(open.first().copied().unwrap_or(0))
}
