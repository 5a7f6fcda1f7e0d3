//! Many computed indicators read at one date together, as a scorecard reads them.
//!
//! Each indicator alone ([`computed::value_at`]) is one or two scans of the network's largest
//! tables, and a plan of thirty repeats the same scans: the external bookings, their hours and
//! the booked hours of utilisation read the same year of bookings; the single-owner share and
//! the new partners the same organisations; the nine forms of cooperation the same table. Here
//! each scan is read once per scope with every figure the plan asks of it, as one row of sums,
//! and the scans run a few at a time. The meanings are those of `computed` (its module
//! comment), and the store tests check that both give the same value for every indicator in
//! every kind of scope.

use super::computed::{self, ComputedIndicator, Scope};
use crate::db::{sql, Db};
use crate::error::StoreError;
use futures_util::{stream, StreamExt, TryStreamExt};
use std::collections::{HashMap, HashSet};
use time::Date;

/// How many scans run at once: the pool's SQLite connections are four.
const CONCURRENT_SCANS: usize = 4;

/// The value of each `(indicator, scope)` at `at`, in the order given.
pub async fn values_at(
    db: &Db,
    wanted: &[(ComputedIndicator, Scope)],
    at: Date,
) -> Result<Vec<f64>, StoreError> {
    let mut scans: Vec<Scan> = Vec::new();
    for (indicator, scope) in wanted {
        for scan in Scan::needed_by(*indicator, scope) {
            if !scans.contains(&scan) {
                scans.push(scan);
            }
        }
    }
    // Collected first: a future borrowed by a closure inside the stream would not be `Send`
    // for every lifetime, which the web layer's handlers need.
    let reads: Vec<_> = scans.iter().map(|scan| scan.read(db, at)).collect();
    let figures: Vec<Figures> = stream::iter(reads)
        .buffered(CONCURRENT_SCANS)
        .try_collect()
        .await?;
    let read: HashMap<&Scan, Figures> = scans.iter().zip(figures).collect();
    wanted
        .iter()
        .map(|(indicator, scope)| value_of(*indicator, scope, &read))
        .collect()
}

/// A scope as a key: the same restrictions are the same scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ScopeKey {
    field: Option<String>,
    unit: Option<String>,
    tag: Option<String>,
    kind: Option<&'static str>,
}

impl ScopeKey {
    fn of(scope: &Scope) -> ScopeKey {
        ScopeKey {
            field: scope.field.map(|f| f.section().code.clone()),
            unit: scope.unit.as_ref().map(|u| u.trim().to_string()),
            tag: scope.tag.as_ref().map(|t| t.trim().to_string()),
            kind: scope.kind.map(|k| k.code()),
        }
    }
}

/// What a scan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Family {
    /// Partners by then: how many are active, how many of those have one owner, how many
    /// began this year.
    Organisations,
    /// Partners by then, by form of cooperation.
    Forms,
    /// Agreements valid on the day.
    Agreements,
    /// The year's confirmed bookings: external ones, their hours, and every booker's hours.
    Bookings,
    /// The year's open hours of the resources; only the unit restricts them.
    Open,
    /// Partners active in the 365 days up to the day, with their kind and field: read once
    /// for every scope, each scope's count taken from it here.
    Active,
    /// The partnerships of the scope's unit, for the active partners.
    UnitPartners,
    /// The organisations with the scope's tag, for the active partners.
    TagPartners,
}

#[derive(Debug, Clone)]
struct Scan {
    family: Family,
    key: ScopeKey,
    scope: Scope,
}

impl PartialEq for Scan {
    fn eq(&self, other: &Scan) -> bool {
        self.family == other.family && self.key == other.key
    }
}

impl Eq for Scan {}

impl std::hash::Hash for Scan {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.family.hash(state);
        self.key.hash(state);
    }
}

impl Scan {
    fn new(family: Family, scope: &Scope) -> Scan {
        // Open hours depend on the unit alone: the field, tag and kind of a utilisation
        // restrict its bookers, so such scopes share the whole network's open hours. The
        // active partners are read for the whole network, and a unit's or a tag's
        // organisations for that unit or tag whatever else the scope holds.
        let scope = match family {
            Family::Open | Family::UnitPartners => Scope {
                unit: scope.unit.clone(),
                ..Default::default()
            },
            Family::TagPartners => Scope {
                tag: scope.tag.clone(),
                ..Default::default()
            },
            Family::Active => Scope::default(),
            _ => scope.clone(),
        };
        Scan {
            family,
            key: ScopeKey::of(&scope),
            scope,
        }
    }

    fn needed_by(indicator: ComputedIndicator, scope: &Scope) -> Vec<Scan> {
        let families: &[Family] = match indicator {
            ComputedIndicator::ActivePartners => match (&scope.unit, &scope.tag) {
                (None, None) => &[Family::Active],
                (Some(_), None) => &[Family::Active, Family::UnitPartners],
                (None, Some(_)) => &[Family::Active, Family::TagPartners],
                (Some(_), Some(_)) => &[Family::Active, Family::UnitPartners, Family::TagPartners],
            },
            ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
                &[Family::Organisations]
            }
            ComputedIndicator::CooperationForm(_) => &[Family::Forms],
            ComputedIndicator::ValidAgreements => &[Family::Agreements],
            ComputedIndicator::ExternalBookings | ComputedIndicator::ExternalBookingHours => {
                &[Family::Bookings]
            }
            ComputedIndicator::Utilisation => &[Family::Bookings, Family::Open],
        };
        families.iter().map(|f| Scan::new(*f, scope)).collect()
    }

    async fn read(&self, db: &Db, at: Date) -> Result<Figures, StoreError> {
        let scope = &self.scope;
        Ok(match self.family {
            Family::Organisations => organisations(db, scope, at).await?,
            Family::Forms => Figures::Forms(forms(db, scope, at).await?),
            Family::Agreements => Figures::Count(agreements(db, scope, at).await?),
            Family::Bookings => bookings(db, scope, at).await?,
            Family::Open => Figures::Count(open_seconds(db, scope, at).await?),
            Family::Active => Figures::Active(active_partners(db, at).await?),
            Family::UnitPartners => Figures::Ids(unit_partners(db, scope).await?),
            Family::TagPartners => Figures::Ids(tag_partners(db, scope).await?),
        })
    }
}

/// One scan's sums.
#[derive(Debug, Clone)]
enum Figures {
    Organisations {
        active: i64,
        single_owner: i64,
        new: i64,
    },
    Forms(HashMap<String, i64>),
    Bookings {
        external: i64,
        external_seconds: i64,
        seconds: i64,
    },
    Count(i64),
    Active(Vec<ActivePartner>),
    Ids(HashSet<i64>),
}

/// An active partner with what a scope may ask of it.
#[derive(Debug, Clone)]
struct ActivePartner {
    id: i64,
    kind: String,
    industry_code: Option<String>,
}

fn value_of(
    indicator: ComputedIndicator,
    scope: &Scope,
    read: &HashMap<&Scan, Figures>,
) -> Result<f64, StoreError> {
    let figures = |family: Family| {
        read.get(&Scan::new(family, scope))
            .ok_or_else(|| StoreError::Corrupt(format!("{} was not read", indicator.key())))
    };
    let mismatch = || StoreError::Corrupt(format!("{} read the wrong figures", indicator.key()));
    let count = |family: Family| match figures(family)? {
        Figures::Count(n) => Ok(*n),
        _ => Err(mismatch()),
    };
    let ids = |family: Family| match figures(family)? {
        Figures::Ids(ids) => Ok(ids),
        _ => Err(mismatch()),
    };
    Ok(match indicator {
        ComputedIndicator::ActivePartners => {
            let Figures::Active(active) = figures(Family::Active)? else {
                return Err(mismatch());
            };
            let unit = scope
                .unit
                .as_ref()
                .map(|_| ids(Family::UnitPartners))
                .transpose()?;
            let tag = scope
                .tag
                .as_ref()
                .map(|_| ids(Family::TagPartners))
                .transpose()?;
            let field: Option<HashSet<String>> =
                scope.field.map(|f| computed::field_codes(f).into_iter().collect());
            let kind = scope.kind.map(|k| k.code());
            active
                .iter()
                .filter(|p| kind.is_none_or(|k| p.kind == k))
                .filter(|p| {
                    field.as_ref().is_none_or(|codes| {
                        p.industry_code.as_ref().is_some_and(|c| codes.contains(c))
                    })
                })
                .filter(|p| unit.is_none_or(|ids| ids.contains(&p.id)))
                .filter(|p| tag.is_none_or(|ids| ids.contains(&p.id)))
                .count() as f64
        }
        ComputedIndicator::ValidAgreements => count(Family::Agreements)? as f64,
        ComputedIndicator::SingleOwnerShare | ComputedIndicator::NewPartners => {
            let Figures::Organisations {
                active,
                single_owner,
                new,
            } = figures(Family::Organisations)?
            else {
                return Err(mismatch());
            };
            match indicator {
                ComputedIndicator::NewPartners => *new as f64,
                _ if *active == 0 => 0.0,
                _ => *single_owner as f64 / *active as f64,
            }
        }
        ComputedIndicator::CooperationForm(form) => {
            let Figures::Forms(by_form) = figures(Family::Forms)? else {
                return Err(mismatch());
            };
            by_form.get(form.code()).copied().unwrap_or(0) as f64
        }
        ComputedIndicator::ExternalBookings
        | ComputedIndicator::ExternalBookingHours
        | ComputedIndicator::Utilisation => {
            let Figures::Bookings {
                external,
                external_seconds,
                seconds,
            } = figures(Family::Bookings)?
            else {
                return Err(mismatch());
            };
            match indicator {
                ComputedIndicator::ExternalBookings => *external as f64,
                ComputedIndicator::ExternalBookingHours => *external_seconds as f64 / 3600.0,
                _ => {
                    let open = count(Family::Open)?;
                    if open <= 0 {
                        0.0
                    } else {
                        *seconds as f64 / open as f64
                    }
                }
            }
        }
    })
}

/// The partners by `at` (not the institution's own): active ones, active ones with one owner,
/// and those that began in `at`'s year, in one pass.
async fn organisations(db: &Db, scope: &Scope, at: Date) -> Result<Figures, StoreError> {
    let mut q = sql("");
    let year_start = q.push_arg(computed::year_start(at));
    let until = q.push_arg(at);
    let scoped = computed::organisation_scope(&mut q, scope, "o", true);
    q.push_sql(&format!(
        "SELECT CAST(SUM(CASE WHEN o.status = 'active' THEN 1 ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN o.status = 'active' AND o.owner_count = 1 THEN 1 ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN o.partner_since >= {year_start} THEN 1 ELSE 0 END) AS BIGINT) \
         FROM organisations o WHERE o.home = FALSE AND o.partner_since <= {until}{scoped}"
    ));
    let (active, single_owner, new): (Option<i64>, Option<i64>, Option<i64>) =
        db.fetch_one(q).await?;
    Ok(Figures::Organisations {
        active: active.unwrap_or(0),
        single_owner: single_owner.unwrap_or(0),
        new: new.unwrap_or(0),
    })
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

/// The confirmed bookings (kind `booking`) that start in `at`'s year up to `at`, in scope:
/// how many have an external booker, their unit-seconds, and every booker's unit-seconds.
async fn bookings(db: &Db, scope: &Scope, at: Date) -> Result<Figures, StoreError> {
    let backend = db.backend();
    let mut q = sql("");
    let from = q.push_arg(computed::midnight(computed::year_start(at))?);
    let until = q.push_arg(computed::midnight(computed::next_day(at))?);
    let (join, conditions) = computed::booking_scope(&mut q, scope);
    let start = backend.epoch_seconds("b.starts_at");
    let end = backend.epoch_seconds("b.ends_at");
    let external =
        "b.booker_organisation_id IS NOT NULL AND b.booker_organisation_id <> r.owner_organisation_id";
    q.push_sql(&format!(
        "SELECT CAST(SUM(CASE WHEN {external} THEN 1 ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN {external} THEN ({end} - {start}) * b.units ELSE 0 END) AS BIGINT), \
         CAST(SUM(({end} - {start}) * b.units) AS BIGINT) \
         FROM bookings b JOIN resources r ON r.id = b.resource_id{join} \
         WHERE b.status = 'confirmed' AND b.kind = 'booking' \
         AND b.starts_at >= {from} AND b.starts_at < {until}{conditions}"
    ));
    let (external, external_seconds, seconds): (Option<i64>, Option<i64>, Option<i64>) =
        db.fetch_one(q).await?;
    Ok(Figures::Bookings {
        external: external.unwrap_or(0),
        external_seconds: external_seconds.unwrap_or(0),
        seconds: seconds.unwrap_or(0),
    })
}

async fn open_seconds(db: &Db, scope: &Scope, at: Date) -> Result<i64, StoreError> {
    let open = computed::open_seconds(db, scope, &[at]).await?;
    Ok(open.first().copied().unwrap_or(0))
}

/// The partners active in the 365 days up to `at` in the whole network, as
/// `computed::active_partners_at` counts them, with their kind and field.
async fn active_partners(db: &Db, at: Date) -> Result<Vec<ActivePartner>, StoreError> {
    let mut q = sql("");
    let union = computed::active_partners_union(
        &mut q,
        &Scope::default(),
        at,
        "o.id, o.kind, o.industry_code",
    )?;
    q.push_sql(&union);
    let rows: Vec<(i64, String, Option<String>)> = db.fetch_all(q).await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, industry_code)| ActivePartner {
            id,
            kind,
            industry_code,
        })
        .collect())
}

/// The organisations that a staff user of the scope's unit owns.
async fn unit_partners(db: &Db, scope: &Scope) -> Result<HashSet<i64>, StoreError> {
    let unit = scope.unit.as_deref().unwrap_or_default().trim();
    let rows: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT DISTINCT sw.organisation_id FROM organisation_owners sw \
                 JOIN users su ON su.id = sw.user_id WHERE su.unit = $1")
            .bind(unit),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The organisations with the scope's tag.
async fn tag_partners(db: &Db, scope: &Scope) -> Result<HashSet<i64>, StoreError> {
    let tag = scope.tag.as_deref().unwrap_or_default().trim();
    let rows: Vec<(i64,)> = db
        .fetch_all(sql("SELECT organisation_id FROM organisation_tags WHERE tag = $1").bind(tag))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
