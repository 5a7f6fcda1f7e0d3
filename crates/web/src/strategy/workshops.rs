//! Workshops' pages (docs/adr/0008-strategy.md): the staff list a plan's workshops and make new
//! ones, and organise one (its join link and code, ideas grouped by theme, the ranked result,
//! and turning an idea into an action of the plan). People without an account take part
//! through `/w/{code}`: they give a name, get a participant cookie, add ideas and give their
//! dots. Everything works without JavaScript.
//!
//! The participant pages have no session, so their CSRF secret is derived from the
//! participant's token (see [`participant_csrf`]): only the browser holding the HttpOnly cookie
//! can know it. Wrong codes are throttled per address through the `login_failures` table,
//! under an address key of its own (`workshop:<ip>`), so they do not count against logins.

use crate::auth::token::{hash_secret, same_secret};
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::network::view::FieldErrors;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use fluent_bundle::{FluentArgs, FluentValue};
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use vaski_domain::strategy::action::ActionInput;
use vaski_domain::strategy::workshop::{
    parse_dots, DisplayName, IdeaText, JoinCode, ThemeName, VoteRefusal, WorkshopInput,
};
use vaski_store::account;
use vaski_store::strategy::workshop::{self as store, Participant, VoteRefused, Workshop};
use vaski_store::strategy::{action, plan};

/// Unknown codes one address may try within [`CODE_WINDOW`] before it is refused.
const MAX_WRONG_CODES: i64 = 20;
const CODE_WINDOW: time::Duration = time::Duration::minutes(10);
/// The `account` the wrong codes are recorded under in `login_failures`.
const CODE_ACCOUNT: &str = "workshop-code";

/// The cookie of a participant of one workshop; one per workshop, so a browser can take part
/// in two.
fn cookie_name(workshop_id: i64) -> String {
    format!("vaski_workshop_{workshop_id}")
}

/// The participant pages' CSRF secret: the participant token hashed with a fixed label, so it
/// differs from the token's stored hash and reveals nothing of the token.
pub fn participant_csrf(token: &str) -> String {
    hash_secret(&format!("vaski workshop csrf:{token}"))
}

/// A Helsinki wall-clock time for reading (`24.11.2026 9.00`).
fn local_text(t: Timestamp) -> String {
    let dt = crate::sharing::view::local(t);
    format!(
        "{}.{}.{} {}.{:02}",
        dt.day(),
        dt.month(),
        dt.year(),
        dt.hour(),
        dt.minute()
    )
}

/// A refused vote in the user's words, with its numbers.
pub fn refusal_text(t: &Tr, refused: &VoteRefused) -> String {
    let mut args = FluentArgs::new();
    if let VoteRefused::Rules(rule) = refused {
        match rule {
            VoteRefusal::PastBudget { left, at_most } => {
                args.set("left", FluentValue::from(i64::from(*left)));
                args.set("at_most", FluentValue::from(i64::from(*at_most)));
            }
            VoteRefusal::PastCap { cap } => {
                args.set("cap", FluentValue::from(i64::from(*cap)));
            }
        }
    }
    t.with_args(refused.key(), &args)
}

fn dots_left_text(t: &Tr, left: u32) -> String {
    t.n("workshops-dots-left", i64::from(left))
}

fn errors_of(e: AppError) -> Result<BTreeMap<&'static str, &'static str>, AppError> {
    match e {
        AppError::Validation(map) => Ok(map),
        e => Err(e),
    }
}

// ---------------------------------------------------------------------------------------------
// A plan's workshops

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WorkshopForm {
    pub csrf: String,
    pub title: String,
    pub held_on: String,
    pub theme: String,
    pub opens_at: String,
    pub closes_at: String,
    pub vote_budget: String,
    pub vote_cap: String,
    pub anonymous_votes: String,
}

impl WorkshopForm {
    fn input(&self) -> WorkshopInput {
        WorkshopInput {
            title: self.title.clone(),
            held_on: self.held_on.clone(),
            theme: self.theme.clone(),
            opens_at: self.opens_at.clone(),
            closes_at: self.closes_at.clone(),
            vote_budget: self.vote_budget.clone(),
            vote_cap: self.vote_cap.clone(),
            anonymous_votes: !self.anonymous_votes.is_empty(),
        }
    }
}

pub struct WorkshopLine {
    pub id: i64,
    pub title: String,
    pub held_on: String,
    pub window: String,
}

#[derive(Template)]
#[template(path = "strategy/workshops.html")]
struct ListPage {
    page: Frame,
    plan: plan::Plan,
    workshops: Vec<WorkshopLine>,
    form: WorkshopForm,
    errors: FieldErrors,
}

async fn list_page(
    state: &AppState,
    session: &Session,
    plan_id: i64,
    form: WorkshopForm,
    errors: BTreeMap<&'static str, &'static str>,
) -> Result<Response, AppError> {
    let plan = plan::get(&state.db, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        session,
        &format!("/plans/{plan_id}/workshops"),
        "workshops-title",
    );
    let t = page.t.clone();
    let workshops = store::of_plan(&state.db, plan_id)
        .await?
        .into_iter()
        .map(|w| WorkshopLine {
            id: w.id,
            title: w.title.clone(),
            held_on: t.date(&w.held_on),
            window: format!(
                "{}–{}",
                local_text(w.window.opens_at()),
                local_text(w.window.closes_at())
            ),
        })
        .collect();
    let invalid = !errors.is_empty();
    let mut response = render(&ListPage {
        errors: FieldErrors::new(&t, errors),
        page,
        plan,
        workshops,
        form,
    })?;
    if invalid {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Path(plan_id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let form = WorkshopForm {
        vote_budget: "5".into(),
        ..Default::default()
    };
    list_page(&state, &session, plan_id, form, BTreeMap::new()).await
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(plan_id): Path<i64>,
    Form(form): Form<WorkshopForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let draft = match form.input().validate() {
        Ok(d) => d,
        Err(errors) => {
            return list_page(&state, &session, plan_id, form, errors).await;
        }
    };
    let mut tx = state.db.begin().await?;
    let workshop = store::create(&mut tx, plan_id, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/workshops/{}", workshop.id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// The organiser's view

/// An idea with its place in the result, as the pages show it.
pub struct IdeaView {
    pub id: i64,
    pub text: String,
    pub author: String,
    pub rank: u32,
    pub dots: u32,
    pub voters: u32,
    /// "Name (2)" of each voter, only where votes are named.
    pub named: Option<String>,
    pub theme_id: Option<i64>,
    /// The viewer's own dots on the idea, where the viewer takes part.
    pub mine: u32,
}

impl IdeaView {
    /// Whether the idea is grouped under the theme.
    pub fn in_theme(&self, theme_id: impl std::borrow::Borrow<i64>) -> bool {
        self.theme_id == Some(*theme_id.borrow())
    }
}

pub struct ThemeGroup {
    pub id: Option<i64>,
    pub name: String,
    pub ideas: Vec<IdeaView>,
}

/// Every idea of the workshop in the result's order, with the viewer's own dots.
async fn idea_views(
    state: &AppState,
    workshop: &Workshop,
    viewer: Option<&Participant>,
) -> Result<Vec<IdeaView>, AppError> {
    let ideas = store::ideas(&state.db, workshop.id).await?;
    let result = store::result(&state.db, workshop.id).await?;
    let mine = match viewer {
        Some(p) => store::dots_of(&state.db, p.id).await?,
        None => Vec::new(),
    };
    Ok(result
        .into_iter()
        .map(|r| IdeaView {
            id: r.idea_id,
            author: ideas
                .iter()
                .find(|i| i.id == r.idea_id)
                .and_then(|i| i.author.clone())
                // An anonymous workshop names no one, not even the ideas' authors.
                .filter(|_| !workshop.rules.anonymous())
                .unwrap_or_default(),
            text: r.text,
            rank: r.rank,
            dots: r.dots,
            voters: r.voters,
            named: r.named_voters.map(|vs| {
                vs.iter()
                    .map(|v| format!("{} ({})", v.name, v.dots))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            theme_id: r.theme_id,
            mine: mine
                .iter()
                .find(|(idea, _)| *idea == r.idea_id)
                .map(|(_, d)| *d)
                .unwrap_or(0),
        })
        .collect())
}

/// The ideas grouped under their themes, in the themes' order, the ungrouped ones last.
fn grouped(t: &Tr, themes: &[store::Theme], ideas: &[IdeaView]) -> Vec<ThemeGroup> {
    let copy = |i: &IdeaView| IdeaView {
        id: i.id,
        text: i.text.clone(),
        author: i.author.clone(),
        rank: i.rank,
        dots: i.dots,
        voters: i.voters,
        named: i.named.clone(),
        theme_id: i.theme_id,
        mine: i.mine,
    };
    let mut groups: Vec<ThemeGroup> = themes
        .iter()
        .map(|th| ThemeGroup {
            id: Some(th.id),
            name: th.name.clone(),
            ideas: ideas
                .iter()
                .filter(|i| i.theme_id == Some(th.id))
                .map(copy)
                .collect(),
        })
        .collect();
    let loose: Vec<IdeaView> = ideas
        .iter()
        .filter(|i| i.theme_id.is_none())
        .map(copy)
        .collect();
    if !loose.is_empty() {
        groups.push(ThemeGroup {
            id: None,
            name: t.t("workshops-ungrouped"),
            ideas: loose,
        });
    }
    groups
}

/// What the organiser's page shows besides the workshop: a message after a refused vote, and
/// errors of the small forms.
#[derive(Default)]
struct Notice {
    vote_error: Option<String>,
    /// Why the ticked ideas were not moved (none was ticked).
    move_error: Option<String>,
    errors: BTreeMap<&'static str, &'static str>,
    idea_text: String,
    theme_name: String,
}

#[derive(Template)]
#[template(path = "strategy/workshop.html")]
struct OrganiserPage {
    page: Frame,
    workshop: Workshop,
    plan: plan::Plan,
    join_path: String,
    join_url: String,
    code: String,
    window: String,
    groups: Vec<ThemeGroup>,
    ranked: Vec<IdeaView>,
    themes: Vec<store::Theme>,
    errors: FieldErrors,
    idea_text: String,
    theme_name: String,
    // The vote block shared with the participant page.
    vote_base: String,
    vote_csrf: String,
    vote_error: Option<String>,
    move_error: Option<String>,
    left: Option<String>,
    can_vote: bool,
}

fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let link = super::public::link_url(state, headers, "x");
    link.trim_end_matches("/public/plans/x").to_string()
}

async fn organiser_page(
    state: &AppState,
    session: &Session,
    headers: &HeaderMap,
    id: i64,
    notice: Notice,
) -> Result<Response, AppError> {
    let workshop = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let plan = plan::get(&state.db, workshop.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = store::participant_of_user(&state.db, id, session.user.id).await?;
    let ideas = idea_views(state, &workshop, me.as_ref()).await?;
    let themes = store::themes(&state.db, id).await?;
    let page = Frame::of(session, &format!("/workshops/{id}"), "workshops-organiser")
        .with_title(workshop.title.clone());
    let t = page.t.clone();
    let left = match &me {
        Some(p) => Some(dots_left_text(
            &t,
            store::remaining_dots(&state.db, p.id).await?,
        )),
        None => Some(dots_left_text(&t, workshop.rules.budget())),
    };
    let join_path = format!("/w/{}", workshop.code.as_str());
    let invalid =
        notice.vote_error.is_some() || notice.move_error.is_some() || !notice.errors.is_empty();
    let mut response = render(&OrganiserPage {
        join_url: format!("{}{join_path}", base_url(state, headers)),
        join_path,
        code: workshop.code.to_string(),
        window: format!(
            "{}–{}",
            local_text(workshop.window.opens_at()),
            local_text(workshop.window.closes_at())
        ),
        groups: grouped(&t, &themes, &ideas),
        ranked: ideas,
        themes,
        errors: FieldErrors::new(&t, notice.errors),
        idea_text: notice.idea_text,
        theme_name: notice.theme_name,
        vote_base: format!("/workshops/{id}/votes"),
        vote_csrf: page.csrf.clone(),
        vote_error: notice.vote_error,
        move_error: notice.move_error,
        left,
        // Voting is a change: staff and admins vote, viewers only read.
        can_vote: page.editor && workshop.window.is_open_at(Timestamp::now()),
        page,
        workshop,
        plan,
    })?;
    if invalid {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    organiser_page(&state, &session, &headers, id, Notice::default()).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IdeaForm {
    pub csrf: String,
    pub text: String,
}

/// The logged-in user as a participant of the workshop, joining if they had not.
async fn staff_participant(
    state: &AppState,
    session: &Session,
    workshop_id: i64,
) -> Result<Participant, AppError> {
    let name = DisplayName::parse(&session.user.name)
        .or_else(|_| DisplayName::parse(session.user.email.as_str()))
        .map_err(|e| AppError::Validation(BTreeMap::from([("name", e.key)])))?;
    let mut tx = state.db.begin().await?;
    let p = store::join_as_user(&mut tx, workshop_id, session.user.id, &name).await?;
    tx.commit().await?;
    Ok(p)
}

pub async fn add_idea(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<IdeaForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let text = match IdeaText::parse(&form.text) {
        Ok(t) => t,
        Err(e) => {
            let notice = Notice {
                errors: BTreeMap::from([("text", e.key)]),
                idea_text: form.text,
                ..Default::default()
            };
            return organiser_page(&state, &session, &headers, id, notice).await;
        }
    };
    let me = staff_participant(&state, &session, id).await?;
    let mut tx = state.db.begin().await?;
    store::add_idea(&mut tx, &me, &text, None).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/workshops/{id}#ideas")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ThemeForm {
    pub csrf: String,
    pub name: String,
}

pub async fn create_theme(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(form): Form<ThemeForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let outcome = match ThemeName::parse(&form.name) {
        Ok(name) => {
            let mut tx = state.db.begin().await?;
            match store::create_theme(&mut tx, id, &name, &session.actor()).await {
                Ok(_) => {
                    tx.commit().await?;
                    Ok(())
                }
                Err(e) => Err(errors_of(e.into())?),
            }
        }
        Err(e) => Err(BTreeMap::from([("name", e.key)])),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/workshops/{id}#ideas")).into_response()),
        Err(errors) => {
            let notice = Notice {
                errors: errors
                    .into_values()
                    .map(|key| ("theme_name", key))
                    .collect(),
                theme_name: form.name,
                ..Default::default()
            };
            organiser_page(&state, &session, &headers, id, notice).await
        }
    }
}

pub async fn rename_theme(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((id, theme_id)): Path<(i64, i64)>,
    Form(form): Form<ThemeForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let theme = store::themes(&state.db, id)
        .await?
        .into_iter()
        .find(|t| t.id == theme_id)
        .ok_or(AppError::NotFound)?;
    let outcome = match ThemeName::parse(&form.name) {
        Ok(name) => {
            let mut tx = state.db.begin().await?;
            match store::rename_theme(&mut tx, theme.id, &name, &session.actor()).await {
                Ok(()) => {
                    tx.commit().await?;
                    Ok(())
                }
                Err(e) => Err(errors_of(e.into())?),
            }
        }
        Err(e) => Err(BTreeMap::from([("name", e.key)])),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/workshops/{id}#ideas")).into_response()),
        Err(errors) => {
            let notice = Notice {
                errors: errors.into_values().map(|key| ("rename", key)).collect(),
                ..Default::default()
            };
            organiser_page(&state, &session, &headers, id, notice).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub csrf: String,
    /// A theme's id, or empty to take the idea out of any.
    pub theme_id: String,
}

pub async fn move_idea(
    State(state): State<AppState>,
    session: Session,
    Path((id, idea_id)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let theme_id = match form.theme_id.trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let mut tx = state.db.begin().await?;
    store::move_ideas(&mut tx, id, &[idea_id], theme_id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/workshops/{id}#ideas")).into_response())
}

/// Groups the ideas ticked on the organiser's page under one theme at once: the form's pairs
/// are `csrf`, `theme_id` (empty takes them out of any) and `idea` once per ticked idea.
pub async fn move_ideas(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    session.check_csrf(value("csrf"))?;
    access::edits_network(&session.user)?;
    let theme_id = match value("theme_id").trim() {
        "" => None,
        s => Some(s.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let ideas = pairs
        .iter()
        .filter(|(k, _)| k == "idea")
        .map(|(_, v)| v.trim().parse::<i64>().map_err(|_| AppError::NotFound))
        .collect::<Result<Vec<i64>, AppError>>()?;
    if ideas.is_empty() {
        let notice = Notice {
            move_error: Some(Tr::new(session.lang).t("workshops-move-none")),
            ..Default::default()
        };
        return organiser_page(&state, &session, &headers, id, notice).await;
    }
    let mut tx = state.db.begin().await?;
    store::move_ideas(&mut tx, id, &ideas, theme_id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/workshops/{id}#ideas")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VoteForm {
    pub csrf: String,
    pub dots: String,
}

pub async fn staff_vote(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path((id, idea_id)): Path<(i64, i64)>,
    Form(form): Form<VoteForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let dots = match parse_dots(&form.dots) {
        Ok(d) => d,
        Err(e) => {
            let t = Tr::new(session.lang);
            let notice = Notice {
                vote_error: Some(t.t(e.key)),
                ..Default::default()
            };
            return organiser_page(&state, &session, &headers, id, notice).await;
        }
    };
    let me = staff_participant(&state, &session, id).await?;
    match store::set_dots(&state.db, me.id, idea_id, dots, Timestamp::now()).await? {
        Ok(_) => Ok(Redirect::to(&format!("/workshops/{id}#idea-{idea_id}")).into_response()),
        Err(refused) => {
            let notice = Notice {
                vote_error: Some(refusal_text(&Tr::new(session.lang), &refused)),
                ..Default::default()
            };
            organiser_page(&state, &session, &headers, id, notice).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// An idea into an action

/// An idea's place on its workshop's page: where an action made from it links back to.
pub async fn idea(
    State(state): State<AppState>,
    session: Session,
    Path(idea_id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let idea = store::idea(&state.db, idea_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!("/workshops/{}#w-idea-{idea_id}", idea.workshop_id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    pub csrf: String,
    pub goal_id: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
}

#[derive(Template)]
#[template(path = "strategy/workshop_action.html")]
struct ActionPage {
    page: Frame,
    workshop: Workshop,
    idea: store::Idea,
    goals: Vec<crate::sharing::Choice>,
    form: ActionForm,
    errors: FieldErrors,
}

async fn action_page(
    state: &AppState,
    session: &Session,
    workshop: Workshop,
    idea: store::Idea,
    form: ActionForm,
    errors: BTreeMap<&'static str, &'static str>,
) -> Result<Response, AppError> {
    let goals = plan::goals(&state.db, workshop.plan_id)
        .await?
        .into_iter()
        .map(|g| {
            let id = g.id.to_string();
            let selected = form.goal_id == id;
            crate::sharing::Choice::new(&id, g.title, selected)
        })
        .collect();
    let page = Frame::of(
        session,
        &format!("/workshops/{}/ideas/{}/action", workshop.id, idea.id),
        "workshops-make-action",
    );
    let t = page.t.clone();
    let invalid = !errors.is_empty();
    let mut response = render(&ActionPage {
        errors: FieldErrors::new(&t, errors),
        page,
        workshop,
        idea,
        goals,
        form,
    })?;
    if invalid {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

async fn workshop_and_idea(
    state: &AppState,
    id: i64,
    idea_id: i64,
) -> Result<(Workshop, store::Idea), AppError> {
    let workshop = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let idea = store::idea(&state.db, idea_id)
        .await?
        .filter(|i| i.workshop_id == id)
        .ok_or(AppError::NotFound)?;
    Ok((workshop, idea))
}

pub async fn action_form(
    State(state): State<AppState>,
    session: Session,
    Path((id, idea_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let (workshop, idea) = workshop_and_idea(&state, id, idea_id).await?;
    let title: String = idea
        .text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let form = ActionForm {
        title,
        ..Default::default()
    };
    action_page(&state, &session, workshop, idea, form, BTreeMap::new()).await
}

pub async fn create_action(
    State(state): State<AppState>,
    session: Session,
    Path((id, idea_id)): Path<(i64, i64)>,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let (workshop, idea) = workshop_and_idea(&state, id, idea_id).await?;
    let plan = plan::get(&state.db, workshop.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let input = ActionInput {
        title: form.title.clone(),
        description: idea.text.clone(),
        starts_on: form.starts_on.clone(),
        ends_on: form.ends_on.clone(),
        ..Default::default()
    };
    let mut errors = BTreeMap::new();
    let goal_id = form.goal_id.trim().parse::<i64>().ok();
    if goal_id.is_none() {
        errors.insert("goal_id", "error-required");
    }
    let draft = match input.validate(plan.period()?) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let (Some(goal_id), Some(draft)) = (goal_id, draft) else {
        return action_page(&state, &session, workshop, idea, form, errors).await;
    };
    let links = action::Links {
        goal_id,
        idea_id: Some(idea.id),
        ..Default::default()
    };
    let mut tx = state.db.begin().await?;
    let made = action::create(&mut tx, plan.id, &draft, &links, &session.actor()).await;
    let action_id = match made {
        Ok(a) => a,
        Err(e) => {
            let errors = errors_of(e.into())?;
            return action_page(&state, &session, workshop, idea, form, errors).await;
        }
    };
    tx.commit().await?;
    Ok(Redirect::to(&format!("/plans/{}#action-{action_id}", plan.id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// Participants without an account

#[derive(Template)]
#[template(path = "strategy/workshop_join.html")]
struct JoinPage {
    page: Frame,
    title: String,
    code: String,
    /// Why the workshop does not take anyone now, in words.
    refusal: Option<String>,
    typed_name: String,
    csrf: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "strategy/workshop_participant.html")]
struct ParticipantPage {
    page: Frame,
    workshop: Workshop,
    code: String,
    me: Participant,
    ideas: Vec<IdeaView>,
    errors: FieldErrors,
    idea_text: String,
    vote_base: String,
    vote_csrf: String,
    vote_error: Option<String>,
    left: Option<String>,
    can_vote: bool,
}

fn address_key(peer: &SocketAddr) -> String {
    format!("workshop:{}", peer.ip())
}

/// The workshop of a code from the link, counting an unknown code against the address and
/// refusing an address that has tried too many.
async fn workshop_of_code(
    state: &AppState,
    peer: &SocketAddr,
    code: &str,
) -> Result<Workshop, AppError> {
    let address = address_key(peer);
    let (_, tried) =
        account::recent_login_failures(&state.db, CODE_ACCOUNT, &address, CODE_WINDOW).await?;
    if tried >= MAX_WRONG_CODES {
        tracing::warn!(%address, "workshop codes throttled");
        return Err(AppError::TooManyRequests);
    }
    let found = match JoinCode::parse(code) {
        Ok(code) => store::by_code(&state.db, &code).await?,
        Err(_) => None,
    };
    match found {
        Some(w) => Ok(w),
        None => {
            account::record_login_failure(&state.db, CODE_ACCOUNT, &address).await?;
            Err(AppError::NotFound)
        }
    }
}

/// The participant this browser is in the workshop, while its window is open, and the token.
async fn participant_of_browser(
    state: &AppState,
    headers: &HeaderMap,
    workshop: &Workshop,
) -> Result<Option<(Participant, String)>, AppError> {
    let Some(token) = crate::auth::cookie(headers, &cookie_name(workshop.id)) else {
        return Ok(None);
    };
    let found =
        store::participant_by_token(&state.db, workshop.id, token, Timestamp::now()).await?;
    Ok(found.map(|p| (p, token.to_string())))
}

/// The cookie holding the join form's CSRF secret (double submit: the form carries it too),
/// since someone joining has neither a session nor a participant token yet.
const JOIN_CSRF_COOKIE: &str = "vaski_workshop_join";

/// The join form's CSRF secret this browser holds, or a new one.
fn join_secret(headers: &HeaderMap) -> String {
    crate::auth::cookie(headers, JOIN_CSRF_COOKIE)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(crate::auth::token::random_secret)
}

fn join_page(
    lang: vaski_domain::Language,
    workshop: &Workshop,
    csrf: &str,
    name: String,
    errors: BTreeMap<&'static str, &'static str>,
) -> Result<Response, AppError> {
    let code = workshop.code.as_str().to_string();
    let page = Frame::new(None, lang, &format!("/w/{code}"), "workshops-join-title")
        .with_title(workshop.title.clone());
    let t = page.t.clone();
    let refusal = workshop
        .window
        .refusal_at(Timestamp::now())
        .map(|i| t.t(i.key));
    let status = if refusal.is_some() || !errors.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut response = render(&JoinPage {
        errors: FieldErrors::new(&t, errors),
        page,
        title: workshop.title.clone(),
        code,
        refusal,
        typed_name: name,
        csrf: csrf.to_string(),
    })?;
    *response.status_mut() = status;
    let cookie = participant_cookie(JOIN_CSRF_COOKIE, csrf, 3600, false);
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie
            .parse()
            .map_err(|_| AppError::Internal("cookie".into()))?,
    );
    Ok(response)
}

async fn participant_page(
    state: &AppState,
    lang: vaski_domain::Language,
    workshop: Workshop,
    me: Participant,
    token: &str,
    notice: Notice,
) -> Result<Response, AppError> {
    let code = workshop.code.as_str().to_string();
    let page = Frame::new(None, lang, &format!("/w/{code}"), "workshops-join-title")
        .with_title(workshop.title.clone());
    let t = page.t.clone();
    let mut ideas = idea_views(state, &workshop, Some(&me)).await?;
    // Participants read the ideas in the order they were written, not by votes so far.
    ideas.sort_by_key(|i| i.id);
    let left = dots_left_text(&t, store::remaining_dots(&state.db, me.id).await?);
    let invalid = notice.vote_error.is_some() || !notice.errors.is_empty();
    let mut response = render(&ParticipantPage {
        errors: FieldErrors::new(&t, notice.errors),
        idea_text: notice.idea_text,
        vote_base: format!("/w/{code}/votes"),
        vote_csrf: participant_csrf(token),
        vote_error: notice.vote_error,
        left: Some(left),
        can_vote: workshop.window.is_open_at(Timestamp::now()),
        page,
        code,
        me,
        ideas,
        workshop,
    })?;
    if invalid {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        "no-store"
            .parse()
            .map_err(|_| AppError::Internal("header".into()))?,
    );
    Ok(response)
}

pub async fn open(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let workshop = workshop_of_code(&state, &peer, &code).await?;
    let lang = crate::auth::language_of(&headers);
    match participant_of_browser(&state, &headers, &workshop).await? {
        Some((me, token)) => {
            participant_page(&state, lang, workshop, me, &token, Notice::default()).await
        }
        None => join_page(
            lang,
            &workshop,
            &join_secret(&headers),
            String::new(),
            BTreeMap::new(),
        ),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JoinForm {
    pub csrf: String,
    pub name: String,
}

/// Joining checks the join form's secret against its cookie, so that no other site can make a
/// browser join under a name of its choosing.
pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, AppError> {
    let workshop = workshop_of_code(&state, &peer, &code).await?;
    let secret = crate::auth::cookie(&headers, JOIN_CSRF_COOKIE).unwrap_or("");
    if secret.is_empty() || !same_secret(secret, &form.csrf) {
        return Err(AppError::Forbidden);
    }
    let lang = crate::auth::language_of(&headers);
    let name = match DisplayName::parse(&form.name) {
        Ok(n) => n,
        Err(e) => {
            return join_page(
                lang,
                &workshop,
                secret,
                form.name,
                BTreeMap::from([("name", e.key)]),
            )
        }
    };
    let joined =
        match store::join_with_code(&state.db, &workshop.code, &name, Timestamp::now()).await {
            Ok(j) => j,
            Err(vaski_store::StoreError::Invalid { .. }) => {
                return join_page(lang, &workshop, secret, form.name, BTreeMap::new());
            }
            Err(e) => return Err(e.into()),
        };
    let max_age = (workshop.window.closes_at() - Timestamp::now())
        .get_seconds()
        .max(0);
    let secure = crate::auth::came_over_tls(&headers) || state.config.secure_cookies;
    let cookie = participant_cookie(&cookie_name(workshop.id), &joined.token, max_age, secure);
    let mut response = Redirect::to(&format!("/w/{}", workshop.code.as_str())).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie
            .parse()
            .map_err(|_| AppError::Internal("cookie".into()))?,
    );
    Ok(response)
}

/// The participant cookie: only sent to the workshop pages, gone when the window closes.
fn participant_cookie(name: &str, token: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/w/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The participant of a form post, after the CSRF secret is checked.
async fn posting_participant(
    state: &AppState,
    peer: &SocketAddr,
    headers: &HeaderMap,
    code: &str,
    csrf: &str,
) -> Result<(Workshop, Participant, String), AppError> {
    let workshop = workshop_of_code(state, peer, code).await?;
    let (me, token) = participant_of_browser(state, headers, &workshop)
        .await?
        .ok_or(AppError::Forbidden)?;
    if !same_secret(&participant_csrf(&token), csrf) {
        return Err(AppError::Forbidden);
    }
    Ok((workshop, me, token))
}

pub async fn participant_idea(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Form(form): Form<IdeaForm>,
) -> Result<Response, AppError> {
    let (workshop, me, token) =
        posting_participant(&state, &peer, &headers, &code, &form.csrf).await?;
    let lang = crate::auth::language_of(&headers);
    let text = match IdeaText::parse(&form.text) {
        Ok(t) => t,
        Err(e) => {
            let notice = Notice {
                errors: BTreeMap::from([("text", e.key)]),
                idea_text: form.text,
                ..Default::default()
            };
            return participant_page(&state, lang, workshop, me, &token, notice).await;
        }
    };
    let mut tx = state.db.begin().await?;
    store::add_idea(&mut tx, &me, &text, None).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/w/{}#ideas", workshop.code.as_str())).into_response())
}

pub async fn participant_vote(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path((code, idea_id)): Path<(String, i64)>,
    Form(form): Form<VoteForm>,
) -> Result<Response, AppError> {
    let (workshop, me, token) =
        posting_participant(&state, &peer, &headers, &code, &form.csrf).await?;
    let lang = crate::auth::language_of(&headers);
    let t = Tr::new(lang);
    let refusal = match parse_dots(&form.dots) {
        Err(e) => Some(t.t(e.key)),
        Ok(dots) => match store::set_dots(&state.db, me.id, idea_id, dots, Timestamp::now()).await?
        {
            Ok(_) => None,
            Err(refused) => Some(refusal_text(&t, &refused)),
        },
    };
    match refusal {
        None => Ok(
            Redirect::to(&format!("/w/{}#idea-{idea_id}", workshop.code.as_str())).into_response(),
        ),
        Some(message) => {
            let notice = Notice {
                vote_error: Some(message),
                ..Default::default()
            };
            participant_page(&state, lang, workshop, me, &token, notice).await
        }
    }
}
