//! Fills a database with the generated network: multi-row INSERTs of [`ROWS_PER_STATEMENT`]
//! rows, committed every [`ROWS_PER_TRANSACTION`] rows, values bound as `$n` through the store's
//! [`Query`]. Organisations carry their denormalised `last_interaction_on` and `search_text`
//! made as the store makes them, so search and the health view work as in production.

use super::gen::{self, Gen, Sampler, Stream, HISTORY_DAYS};
use anyhow::Context;
use rand::Rng;
use std::time::{Duration as StdDuration, Instant};
use time::{Date, Duration, OffsetDateTime};
use vaski_domain::account::Role;
use vaski_domain::network::AgreementKind;
use vaski_domain::reference::industry::CLASSIFICATION;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::{sql, Actor, Backend, Db, Tx, Value};

const ROWS_PER_STATEMENT: usize = 500;
const ROWS_PER_TRANSACTION: usize = 50_000;

/// Staff users who own partnerships and take part in interactions.
pub const STAFF_USERS: usize = 40;

/// What to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub organisations: u64,
    pub people: u64,
    pub interactions: u64,
}

/// What was made and how long it took.
pub struct FillReport {
    pub total: StdDuration,
    /// Table, rows, time.
    pub tables: Vec<(&'static str, u64, StdDuration)>,
}

/// Collects rows of one table and writes them as multi-row INSERTs. Use one at a time: each
/// holds a write transaction between its flushes, and on SQLite a second inserter writing
/// meanwhile waits for the first's lock until it fails with "database is locked".
pub(crate) struct Inserter<'a> {
    db: &'a Db,
    tx: Option<Tx>,
    table: &'static str,
    columns: &'static [&'static str],
    pending: Vec<Vec<Value>>,
    in_transaction: usize,
    written: u64,
}

impl<'a> Inserter<'a> {
    pub(crate) fn new(
        db: &'a Db,
        table: &'static str,
        columns: &'static [&'static str],
    ) -> Inserter<'a> {
        Inserter {
            db,
            tx: None,
            table,
            columns,
            pending: Vec::with_capacity(ROWS_PER_STATEMENT),
            in_transaction: 0,
            written: 0,
        }
    }

    pub(crate) async fn push(&mut self, row: Vec<Value>) -> anyhow::Result<()> {
        debug_assert_eq!(row.len(), self.columns.len());
        self.pending.push(row);
        if self.pending.len() >= ROWS_PER_STATEMENT {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut q = sql(format!(
            "INSERT INTO {} ({}) VALUES ",
            self.table,
            self.columns.join(", ")
        ));
        let mut text = String::with_capacity(self.pending.len() * self.columns.len() * 7);
        for (i, row) in std::mem::take(&mut self.pending).into_iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push('(');
            for (j, v) in row.into_iter().enumerate() {
                if j > 0 {
                    text.push_str(", ");
                }
                text.push_str(&q.push_arg(v));
            }
            text.push(')');
            self.in_transaction += 1;
            self.written += 1;
        }
        q.push_sql(&text);
        let tx = match &mut self.tx {
            Some(tx) => tx,
            None => self.tx.insert(self.db.begin().await?),
        };
        tx.execute(q)
            .await
            .with_context(|| format!("cannot insert into {}", self.table))?;
        if self.in_transaction >= ROWS_PER_TRANSACTION {
            if let Some(tx) = self.tx.take() {
                tx.commit().await?;
            }
            self.in_transaction = 0;
        }
        Ok(())
    }

    pub(crate) async fn finish(mut self) -> anyhow::Result<u64> {
        self.flush().await?;
        if let Some(tx) = self.tx.take() {
            tx.commit().await?;
        }
        Ok(self.written)
    }
}

fn noon(d: Date) -> OffsetDateTime {
    d.with_time(time::macros::time!(12:00)).assume_utc()
}

fn day(today: Date, days_ago: u16) -> Date {
    today - Duration::days(i64::from(days_ago))
}

/// Creates the staff users (no password: they never log in during the bench) and returns
/// their ids and names.
pub async fn staff_users(db: &Db, seed: u64) -> anyhow::Result<Vec<(i64, String)>> {
    let mut r = gen::rng(seed, Stream::Sampling, u64::MAX);
    let mut staff = Vec::with_capacity(STAFF_USERS);
    for i in 0..STAFF_USERS {
        let first = super::names::FIRST_NAMES[r.gen_range(0..super::names::FIRST_NAMES.len())];
        let last = super::names::SURNAMES[r.gen_range(0..super::names::SURNAMES.len())];
        let name = format!("{first} {last}");
        let email = Email::parse(&format!(
            "{}.{}.{i}@koulutus.example",
            vaski_domain::network::search::fold(first),
            vaski_domain::network::search::fold(last)
        ))
        .map_err(|_| anyhow::anyhow!("a generated staff email is not valid"))?;
        let id = account::create_user(
            db,
            NewUser {
                email: &email,
                name: &name,
                role: Role::Staff,
                organisation_id: None,
                password_hash: None,
                language: Language::Fi,
            },
            &Actor::system("bench"),
        )
        .await
        .context("cannot create a staff user")?;
        staff.push((id, name));
    }
    Ok(staff)
}

/// Fills an empty, migrated database.
pub async fn fill(db: &Db, gen: &Gen, sizes: Sizes) -> anyhow::Result<FillReport> {
    let started = Instant::now();
    let mut tables = Vec::new();
    let today = gen.today;

    let t = Instant::now();
    let staff = staff_users(db, gen.seed).await?;
    tables.push(("users", staff.len() as u64, t.elapsed()));

    // Who is in touch with whom, and when: decided first, because each organisation carries
    // the date of its latest interaction.
    let t = Instant::now();
    let orgs: Vec<gen::OrgSpec> = (0..sizes.organisations)
        .map(|n| gen.organisation(n))
        .collect();
    let by_activity = Sampler::new(orgs.iter().map(|o| o.activity));
    let mut sampling = gen::rng(gen.seed, Stream::Sampling, 0);
    let mut interactions: Vec<(u16, u32)> = Vec::with_capacity(sizes.interactions as usize);
    let mut latest: Vec<Option<u16>> = vec![None; orgs.len()];
    while (interactions.len() as u64) < sizes.interactions {
        let Some(o) = by_activity.sample(&mut sampling) else {
            break;
        };
        let quiet = orgs[o].quiet_days.min(HISTORY_DAYS - 30);
        let days_ago = sampling.gen_range(quiet..HISTORY_DAYS);
        latest[o] = Some(latest[o].map_or(days_ago, |l| l.min(days_ago)));
        interactions.push((days_ago, o as u32));
    }
    // Oldest first, as they were recorded.
    interactions.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let planned = t.elapsed();

    let t = Instant::now();
    let mut ins = Inserter::new(
        db,
        "organisations",
        &[
            "id",
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
            "partner_since",
            "last_interaction_on",
            "search_text",
            "created_at",
            "updated_at",
        ],
    );
    for (n, o) in orgs.iter().enumerate() {
        let d = &o.draft;
        let created = noon(o.partner_since);
        ins.push(vec![
            (n as i64 + 1).into(),
            d.name.clone().into(),
            o.normalised_name().into(),
            d.business_id
                .as_ref()
                .map(|b| b.as_str().to_string())
                .into(),
            d.kind.code().into(),
            d.industry.map(|i| i.code.clone()).into(),
            d.industry.map(|_| CLASSIFICATION).into(),
            d.municipality.map(|m| m.code.clone()).into(),
            d.address.clone().into(),
            d.website.clone().into(),
            d.status.code().into(),
            d.notes.clone().into(),
            o.partner_since.into(),
            latest[n].map(|l| day(today, l)).into(),
            o.search_text().into(),
            created.into(),
            created.into(),
        ])
        .await?;
    }
    let n = ins.finish().await?;
    tables.push(("organisations", n, t.elapsed() + planned));
    eprintln!(
        "  organisations: {n} rows in {:.1} s",
        (t.elapsed() + planned).as_secs_f64()
    );

    let t = Instant::now();
    let mut tags = Inserter::new(db, "organisation_tags", &["organisation_id", "tag"]);
    let mut forms = Inserter::new(db, "organisation_cooperation", &["organisation_id", "form"]);
    for (n, o) in orgs.iter().enumerate() {
        for tag in &o.draft.tags {
            tags.push(vec![(n as i64 + 1).into(), tag.clone().into()])
                .await?;
        }
    }
    let tag_rows = tags.finish().await?;
    for (n, o) in orgs.iter().enumerate() {
        for f in &o.draft.cooperation {
            forms
                .push(vec![(n as i64 + 1).into(), f.code().into()])
                .await?;
        }
    }
    let form_rows = forms.finish().await?;
    tables.push(("organisation_tags", tag_rows, t.elapsed()));
    let t = Instant::now();
    let mut owners = Inserter::new(db, "organisation_owners", &["organisation_id", "user_id"]);
    for (n, o) in orgs.iter().enumerate() {
        let mut r = gen::rng(gen.seed, Stream::Organisation, u64::MAX - n as u64);
        let mut chosen: Vec<i64> = Vec::new();
        while chosen.len() < o.owner_count.min(staff.len()) {
            // Some staff own far more partnerships than others.
            let u: f64 = r.gen();
            let i = ((u * u) * staff.len() as f64) as usize;
            let id = staff[i.min(staff.len() - 1)].0;
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        for id in chosen {
            owners.push(vec![(n as i64 + 1).into(), id.into()]).await?;
        }
    }
    let owner_rows = owners.finish().await?;
    tables.push(("organisation_cooperation", form_rows, StdDuration::ZERO));
    tables.push(("organisation_owners", owner_rows, t.elapsed()));

    // People: most at one organisation, one in ten moved from another one.
    let t = Instant::now();
    let by_contact = Sampler::new(orgs.iter().map(|o| 0.5 + o.activity));
    let mut people = Inserter::new(
        db,
        "people",
        &[
            "id",
            "name",
            "title",
            "email",
            "phone",
            "lawful_basis",
            "search_text",
            "created_at",
            "updated_at",
        ],
    );
    // Written after the people they refer to: (person, organisation, title, start, end).
    let mut role_rows: Vec<(i64, i64, String, Date, Option<Date>)> = Vec::new();
    for p in 0..sizes.people {
        let mut r = gen::rng(gen.seed, Stream::Person, p);
        let Some(o) = by_contact.sample(&mut r) else {
            break;
        };
        let spec = gen::person(&mut r, &orgs[o].domain);
        let start = today - Duration::days(r.gen_range(0..4000));
        let id = p as i64 + 1;
        let mut fields = vec![spec.name.as_str(), spec.title.as_str()];
        if let Some(e) = &spec.email {
            fields.push(e);
        }
        let search_text = vaski_domain::network::search::index_text(fields);
        people
            .push(vec![
                id.into(),
                spec.name.clone().into(),
                spec.title.clone().into(),
                spec.email.clone().into(),
                spec.phone.clone().into(),
                "Oikeutettu etu: yhteistyökumppanin yhteyshenkilö".into(),
                search_text.into(),
                noon(start).into(),
                noon(start).into(),
            ])
            .await?;
        if r.gen_bool(0.1) {
            if let Some(before) = by_contact.sample(&mut r).filter(|b| *b != o) {
                let earlier = start - Duration::days(r.gen_range(200..3000));
                role_rows.push((
                    id,
                    before as i64 + 1,
                    spec.title.clone(),
                    earlier,
                    Some(start),
                ));
            }
        }
        role_rows.push((id, o as i64 + 1, spec.title, start, None));
    }
    let people_rows = people.finish().await?;
    let mut roles = Inserter::new(
        db,
        "person_roles",
        &[
            "person_id",
            "organisation_id",
            "role_title",
            "start_on",
            "end_on",
        ],
    );
    for (person, organisation, title, start, end) in role_rows {
        roles
            .push(vec![
                person.into(),
                organisation.into(),
                title.into(),
                start.into(),
                end.into(),
            ])
            .await?;
    }
    let role_count = roles.finish().await?;
    tables.push(("people", people_rows, t.elapsed()));
    eprintln!(
        "  people and roles: {people_rows} + {role_count} rows in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    tables.push(("person_roles", role_count, StdDuration::ZERO));

    let t = Instant::now();
    let mut ins = Inserter::new(
        db,
        "interactions",
        &[
            "organisation_id",
            "kind",
            "occurred_on",
            "our_participants",
            "their_participants",
            "notes",
            "follow_up_on",
            "follow_up_assignee",
            "follow_up_done",
            "created_by",
            "search_text",
            "created_at",
        ],
    );
    for (k, (days_ago, o)) in interactions.iter().enumerate() {
        let mut r = gen::rng(gen.seed, Stream::Interaction, k as u64);
        let text = gen::interaction_text(&mut r, &staff);
        let on = day(today, *days_ago);
        let (follow_up_on, assignee, done) = if r.gen_bool(0.1) {
            let due = on + Duration::days(r.gen_range(14..60));
            let assignee = staff[r.gen_range(0..staff.len())].0;
            (Some(due), Some(assignee), due < today && r.gen_bool(0.8))
        } else {
            (None, None, false)
        };
        let created_by = staff[r.gen_range(0..staff.len())].0;
        let search_text = vaski_domain::network::search::index_text([
            text.our.as_str(),
            text.their.as_str(),
            text.notes.as_str(),
        ]);
        ins.push(vec![
            (i64::from(*o) + 1).into(),
            text.kind.code().into(),
            on.into(),
            text.our.into(),
            text.their.into(),
            text.notes.into(),
            follow_up_on.into(),
            assignee.into(),
            done.into(),
            created_by.into(),
            search_text.into(),
            noon(on).into(),
        ])
        .await?;
    }
    let n = ins.finish().await?;
    tables.push(("interactions", n, t.elapsed()));
    eprintln!(
        "  interactions: {n} rows in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // Agreements with one partner in five; some shared with a second partner, some about to
    // run out (the health view lists those).
    let t = Instant::now();
    let mut agreements = Inserter::new(
        db,
        "agreements",
        &[
            "id",
            "organisation_id",
            "title",
            "kind",
            "valid_from",
            "valid_to",
            "reminder_days",
            "reminder_on",
            "notes",
            "created_at",
            "updated_at",
        ],
    );
    let mut parties = Inserter::new(
        db,
        "agreement_parties",
        &["agreement_id", "organisation_id"],
    );
    let mut party_rows = Vec::new();
    let count = sizes.organisations / 5;
    for a in 0..count {
        let mut r = gen::rng(gen.seed, Stream::Agreement, a);
        let Some(o) = by_contact.sample(&mut r) else {
            break;
        };
        let id = a as i64 + 1;
        let kind = AgreementKind::ALL[r.gen_range(0..AgreementKind::ALL.len())];
        let valid_from = today - Duration::days(r.gen_range(30..2000));
        let valid_to = r
            .gen_bool(0.8)
            .then(|| today + Duration::days(r.gen_range(-365..3 * 365)));
        let reminder_days: i64 = 60;
        let title = format!(
            "{} {}",
            super::names::AGREEMENT_TITLES[r.gen_range(0..super::names::AGREEMENT_TITLES.len())],
            valid_from.year()
        );
        agreements
            .push(vec![
                id.into(),
                (o as i64 + 1).into(),
                title.into(),
                kind.code().into(),
                valid_from.into(),
                valid_to.into(),
                reminder_days.into(),
                valid_to.map(|v| v - Duration::days(reminder_days)).into(),
                Value::Text(None),
                noon(valid_from).into(),
                noon(valid_from).into(),
            ])
            .await?;
        party_rows.push((id, o as i64 + 1));
        if r.gen_bool(0.2) {
            if let Some(other) = by_contact.sample(&mut r).filter(|b| *b != o) {
                party_rows.push((id, other as i64 + 1));
            }
        }
    }
    let agreement_rows = agreements.finish().await?;
    for (a, o) in party_rows {
        parties.push(vec![a.into(), o.into()]).await?;
    }
    let party_count = parties.finish().await?;
    tables.push(("agreements", agreement_rows, t.elapsed()));
    tables.push(("agreement_parties", party_count, StdDuration::ZERO));

    let t = Instant::now();
    after_fill(db).await?;
    tables.push(("sequences and statistics", 0, t.elapsed()));
    Ok(FillReport {
        total: started.elapsed(),
        tables,
    })
}

/// On PostgreSQL: moves the identity sequences past the explicit ids, and gathers the
/// statistics that autovacuum would gather within a minute of such a load anyway. SQLite is
/// left as the application leaves it (it never runs `ANALYZE`).
async fn after_fill(db: &Db) -> anyhow::Result<()> {
    if db.backend() != Backend::Postgres {
        return Ok(());
    }
    for table in ["organisations", "people", "agreements"] {
        let _: (i64,) = db
            .fetch_one(sql(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )))
            .await
            .with_context(|| format!("cannot move the id sequence of {table}"))?;
    }
    db.execute(sql("VACUUM ANALYZE"))
        .await
        .context("cannot vacuum and analyse")?;
    Ok(())
}

/// The number of organisations, people and interactions in a database.
pub async fn existing_sizes(db: &Db) -> anyhow::Result<Sizes> {
    let count = |table: &'static str| async move {
        let (n,): (i64,) = db
            .fetch_one(sql(format!("SELECT COUNT(*) FROM {table}")))
            .await
            .with_context(|| format!("cannot count {table}"))?;
        anyhow::Ok(n.max(0) as u64)
    };
    Ok(Sizes {
        organisations: count("organisations").await?,
        people: count("people").await?,
        interactions: count("interactions").await?,
    })
}

/// The staff users of a filled database, as the fill made them.
pub async fn existing_staff(db: &Db) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(db
        .fetch_all(sql(
            "SELECT id, name FROM users WHERE email LIKE '%@koulutus.example' ORDER BY id",
        ))
        .await?)
}
