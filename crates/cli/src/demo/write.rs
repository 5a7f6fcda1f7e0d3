//! Stores a planned demo network through the store's own functions (so that everything is
//! audited as if people had entered it), in one transaction for the whole network.

use super::plan::DemoNetwork;
use super::Summary;
use anyhow::{anyhow, Context};
use vaski_domain::network::agreement::AgreementDraft;
use vaski_domain::network::interaction::InteractionDraft;
use vaski_domain::network::person::PersonInput;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::project::ProjectDraft;
use vaski_store::network::{agreement, interaction, organisation, person, project};
use vaski_store::{Actor, Db, Tx};

fn field_errors(what: &str, name: &str, errors: impl std::fmt::Debug) -> anyhow::Error {
    anyhow!("the demo {what} {name} is not valid: {errors:?}")
}

/// Writes the plan into an empty database. The staff users are created first (each in its own
/// transaction, as the store does); if the network then fails to load, they are removed again
/// so that the database is left empty.
pub async fn write(db: &Db, net: &DemoNetwork, password_hash: &str) -> anyhow::Result<Summary> {
    let sharing_plan = super::sharing::plan(net)?;
    let mut user_ids: Vec<i64> = Vec::with_capacity(net.users.len());
    let system = Actor::system("demo");
    for u in net.users.iter().filter(|u| u.organisation.is_none()) {
        let email = Email::parse(&u.email).map_err(|_| anyhow!("bad demo email {}", u.email))?;
        let id = account::create_user(
            db,
            NewUser {
                email: &email,
                name: &u.name,
                role: u.role,
                organisation_id: None,
                password_hash: Some(password_hash),
                language: Language::Fi,
            },
            &system,
        )
        .await
        .with_context(|| format!("cannot create the demo user {}", u.email))?;
        user_ids.push(id);
    }
    let (organisation_ids, shared) = match write_network(db, net, &sharing_plan, &user_ids).await {
        Ok(written) => written,
        Err(e) => {
            remove_users(db, &user_ids).await;
            return Err(e);
        }
    };
    // Partner users last: they need their organisation's id.
    for u in net.users.iter().filter(|u| u.organisation.is_some()) {
        let email = Email::parse(&u.email).map_err(|_| anyhow!("bad demo email {}", u.email))?;
        let organisation_id = u
            .organisation
            .and_then(|o| organisation_ids.get(o).copied());
        account::create_user(
            db,
            NewUser {
                email: &email,
                name: &u.name,
                role: u.role,
                organisation_id,
                password_hash: Some(password_hash),
                language: Language::Fi,
            },
            &system,
        )
        .await
        .with_context(|| format!("cannot create the demo partner user {}", u.email))?;
    }
    let more_users =
        super::sharing::create_users(db, &sharing_plan, &shared, password_hash).await?;
    // The plan's computed indicators take their baselines and targets from the network's own
    // figures, which are read once the network is committed.
    let lhkk = net
        .organisations
        .iter()
        .position(|o| o.key == Some(super::anchors::LHKK))
        .ok_or_else(|| anyhow!("the demo plan has no LHKK"))?;
    super::strategy::write(db, &organisation_ids, &user_ids, lhkk, net.today)
        .await
        .context("the demo network is loaded, but its action plan (Suunta) could not be")?;
    Ok(Summary {
        seed: net.seed,
        organisations: net.organisations.len(),
        people: net.people.len() + sharing_plan.extra_people.len(),
        users: net.users.len() + more_users,
        interactions: net.interactions.len(),
        agreements: net.agreements.len(),
        projects: net.projects.len(),
        resources: shared.resources,
        bookings: shared.bookings,
        requests: shared.requests,
    })
}

async fn remove_users(db: &Db, ids: &[i64]) {
    if ids.is_empty() {
        return;
    }
    let mut q = vaski_store::sql("DELETE FROM users WHERE id IN (");
    let list = vaski_store::in_list(&mut q, ids.iter().copied());
    q.push_sql(&list);
    q.push_sql(")");
    if let Err(e) = db.execute(q).await {
        tracing::warn!("cannot remove the demo users after a failed load: {e}");
    }
}

/// The actor a staff user acts as, as the web layer labels it.
fn actor(net: &DemoNetwork, user_ids: &[i64], user: usize) -> anyhow::Result<Actor> {
    let id = user_ids
        .get(user)
        .copied()
        .ok_or_else(|| anyhow!("the demo plan refers to user {user} that was not created"))?;
    let email = net
        .users
        .get(user)
        .map(|u| u.email.clone())
        .unwrap_or_default();
    Ok(Actor::user(id, email))
}

fn id_of(ids: &[i64], index: usize, what: &str) -> anyhow::Result<i64> {
    ids.get(index)
        .copied()
        .ok_or_else(|| anyhow!("the demo plan refers to {what} {index} that was not created"))
}

async fn write_network(
    db: &Db,
    net: &DemoNetwork,
    sharing_plan: &super::sharing::SharingPlan,
    user_ids: &[i64],
) -> anyhow::Result<(Vec<i64>, super::sharing::Written)> {
    let mut tx = db.begin().await?;
    let organisation_ids = organisations(&mut tx, net, user_ids).await?;
    let person_ids = people(&mut tx, net, user_ids, &organisation_ids).await?;
    interactions(&mut tx, net, user_ids, &organisation_ids).await?;
    agreements(&mut tx, net, user_ids, &organisation_ids).await?;
    projects(&mut tx, net, user_ids, &organisation_ids).await?;
    let shared = super::sharing::write(
        &mut tx,
        net,
        sharing_plan,
        &organisation_ids,
        &person_ids,
        user_ids,
    )
    .await?;
    tx.commit()
        .await
        .context("cannot commit the demo network")?;
    Ok((organisation_ids, shared))
}

async fn organisations(
    tx: &mut Tx,
    net: &DemoNetwork,
    user_ids: &[i64],
) -> anyhow::Result<Vec<i64>> {
    let admin = actor(net, user_ids, net.admin())?;
    let mut ids = Vec::with_capacity(net.organisations.len());
    for o in &net.organisations {
        let draft = o
            .input
            .validate()
            .map_err(|e| field_errors("organisation", &o.input.name, e))?;
        let id = organisation::create(tx, &draft, o.partner_since, &admin)
            .await
            .with_context(|| format!("cannot store the organisation {}", o.input.name))?;
        if !o.owners.is_empty() {
            let owners = o
                .owners
                .iter()
                .map(|u| id_of(user_ids, *u, "user"))
                .collect::<anyhow::Result<Vec<i64>>>()?;
            organisation::set_owners(tx, id, &owners, &admin).await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

async fn people(
    tx: &mut Tx,
    net: &DemoNetwork,
    user_ids: &[i64],
    organisation_ids: &[i64],
) -> anyhow::Result<Vec<i64>> {
    let admin = actor(net, user_ids, net.admin())?;
    let mut ids = Vec::with_capacity(net.people.len());
    for p in &net.people {
        let draft = p
            .input
            .validate()
            .map_err(|e| field_errors("person", &p.input.name, e))?;
        let org = id_of(organisation_ids, p.organisation, "organisation")?;
        let id = person::create(tx, &draft, org, Some(p.start_on), &admin)
            .await
            .with_context(|| format!("cannot store the person {}", p.input.name))?;
        if let Some(m) = &p.moved {
            let to = id_of(organisation_ids, m.organisation, "organisation")?;
            person::move_to(tx, id, to, Some(&m.title), m.on, &admin).await?;
            let moved = PersonInput {
                title: m.title.clone(),
                email: m.email.clone(),
                ..p.input.clone()
            }
            .validate()
            .map_err(|e| field_errors("person", &p.input.name, e))?;
            person::update(tx, id, &moved, &admin).await?;
        }
        ids.push(id);
    }
    Ok(ids)
}

async fn interactions(
    tx: &mut Tx,
    net: &DemoNetwork,
    user_ids: &[i64],
    organisation_ids: &[i64],
) -> anyhow::Result<()> {
    let actors = (0..net.users.len())
        .filter(|u| net.users[*u].organisation.is_none())
        .map(|u| actor(net, user_ids, u))
        .collect::<anyhow::Result<Vec<Actor>>>()?;
    for i in &net.interactions {
        let org = id_of(organisation_ids, i.organisation, "organisation")?;
        let author = actors.get(i.author).ok_or_else(|| {
            anyhow!(
                "the demo plan refers to user {} that was not created",
                i.author
            )
        })?;
        let draft = InteractionDraft {
            kind: i.kind,
            date: i.date,
            our_participants: Some(i.our_participants.clone()),
            their_participants: i.their_participants.clone(),
            notes: Some(i.notes.clone()),
            follow_up_on: i.follow_up.as_ref().map(|f| f.on),
            follow_up_assignee: match &i.follow_up {
                Some(f) => Some(id_of(user_ids, f.assignee, "user")?),
                None => None,
            },
        };
        let id = interaction::create(tx, org, &draft, author).await?;
        if let Some(f) = i.follow_up.as_ref().filter(|f| f.done) {
            let by = actors.get(f.assignee).unwrap_or(author);
            interaction::complete_follow_up(tx, id, by).await?;
        }
    }
    Ok(())
}

async fn agreements(
    tx: &mut Tx,
    net: &DemoNetwork,
    user_ids: &[i64],
    organisation_ids: &[i64],
) -> anyhow::Result<()> {
    for a in &net.agreements {
        let org = id_of(organisation_ids, a.organisation, "organisation")?;
        let other_parties = a
            .other_parties
            .iter()
            .map(|o| id_of(organisation_ids, *o, "organisation"))
            .collect::<anyhow::Result<Vec<i64>>>()?;
        let draft = AgreementDraft {
            title: a.title.clone(),
            kind: a.kind,
            valid_from: a.valid_from,
            valid_to: a.valid_to,
            reminder_days: a.reminder_days,
            document_url: None,
            notes: a.notes.clone(),
            other_parties,
        };
        let by = actor(net, user_ids, a.author)?;
        agreement::create(tx, org, &draft, None, &by)
            .await
            .with_context(|| format!("cannot store the agreement {}", a.title))?;
    }
    Ok(())
}

async fn projects(
    tx: &mut Tx,
    net: &DemoNetwork,
    user_ids: &[i64],
    organisation_ids: &[i64],
) -> anyhow::Result<()> {
    let admin = actor(net, user_ids, net.admin())?;
    for p in &net.projects {
        let draft = ProjectDraft {
            name: p.name.clone(),
            starts_on: Some(p.starts_on),
            ends_on: Some(p.ends_on),
        };
        let id = project::create(tx, &draft, &admin)
            .await
            .with_context(|| format!("cannot store the project {}", p.name))?;
        for m in &p.members {
            let org = id_of(organisation_ids, *m, "organisation")?;
            project::add_member(tx, id, org, &admin).await?;
        }
    }
    Ok(())
}
