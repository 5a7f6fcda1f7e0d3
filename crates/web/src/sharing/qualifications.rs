//! An organisation's qualifications and inductions ("CNC-sorvin turvallisuusperehdytys"): create
//! one, grant it to a person until a date, see who holds each.

use super::view;
use super::Choice;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::network::view::FieldErrors;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::account::Role;
use vaski_store::network::{organisation, person};
use vaski_store::sharing::qualification;
use vaski_store::{Page, StoreError};

pub struct Holder {
    pub person_id: i64,
    pub name: String,
    pub granted: String,
    pub until: String,
    pub valid: bool,
}

pub struct QualificationView {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub holders: Vec<Holder>,
}

pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    pub q: String,
}

#[derive(Template)]
#[template(path = "sharing/qualifications.html")]
struct QualificationsPage {
    page: Frame,
    organisation_id: i64,
    organisation_name: String,
    list: Vec<QualificationView>,
    query: PageQuery,
    candidates: Vec<Candidate>,
    choices: Vec<Choice>,
    new_name: String,
    new_description: String,
    errors: FieldErrors,
    grant: GrantForm,
    today: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub csrf: String,
    pub qualification_id: String,
    pub person_id: String,
    pub granted_on: String,
    pub valid_until: String,
    pub q: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub csrf: String,
    pub name: String,
    pub description: String,
}

#[expect(clippy::too_many_arguments)]
async fn page_of(
    state: &AppState,
    session: &Session,
    organisation_id: i64,
    query: PageQuery,
    new_name: String,
    new_description: String,
    errors: BTreeMap<&'static str, &'static str>,
    grant: GrantForm,
) -> Result<QualificationsPage, AppError> {
    access::manages_resource(&session.user, organisation_id)?;
    let o = organisation::get(&state.db, organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = format!("/organisations/{organisation_id}/qualifications");
    let page = Frame::of(session, &path, "qualifications-title");
    let t = page.t.clone();
    let today = time::OffsetDateTime::now_utc().date();
    let mut list = Vec::new();
    for q in qualification::of_organisation(&state.db, organisation_id).await? {
        let holders = qualification::grants(&state.db, q.id)
            .await?
            .into_iter()
            .map(|g| Holder {
                person_id: g.person_id,
                name: g.person_name,
                granted: date_text(&t, g.granted_on),
                until: g
                    .valid_until
                    .map(|d| date_text(&t, d))
                    .unwrap_or_else(|| t.t("qualification-no-end")),
                valid: g.granted_on <= today && g.valid_until.is_none_or(|u| u >= today),
            })
            .collect();
        list.push(QualificationView {
            id: q.id,
            name: q.name,
            description: q.description,
            holders,
        });
    }
    let choices = list
        .iter()
        .map(|q| {
            Choice::new(
                &q.id.to_string(),
                q.name.clone(),
                grant.qualification_id == q.id.to_string(),
            )
        })
        .collect();
    let candidates = if query.q.trim().is_empty() {
        Vec::new()
    } else {
        let only = match session.user.role {
            Role::Partner => session.user.organisation_id,
            _ => None,
        };
        let people = person::list(&state.db, Some(query.q.trim()), only, Page::new(20, 0)).await?;
        people
            .into_iter()
            .map(|p| Candidate {
                id: p.id,
                detail: [p.title.clone(), p.email.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                name: p.name,
            })
            .collect()
    };
    Ok(QualificationsPage {
        errors: FieldErrors::new(&t, errors),
        organisation_id,
        organisation_name: o.name,
        list,
        query,
        candidates,
        choices,
        new_name,
        new_description,
        grant,
        today: view::civil(today).map(view::iso).unwrap_or_default(),
        page,
    })
}

fn date_text(t: &Tr, d: time::Date) -> String {
    view::civil(d).map(|d| view::date(t, d)).unwrap_or_default()
}

pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = page_of(
        &state,
        &session,
        id,
        query,
        String::new(),
        String::new(),
        BTreeMap::new(),
        GrantForm::default(),
    )
    .await?;
    render(&page)
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<NewForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::manages_resource(&session.user, id)?;
    let mut errors = BTreeMap::new();
    let name = vaski_domain::text::required_line(&form.name, 200)
        .map_err(|e| errors.insert("name", e.key))
        .ok();
    let description = vaski_domain::text::optional_text(&form.description, 2000)
        .map_err(|e| errors.insert("description", e.key))
        .ok();
    if let (Some(name), Some(description)) = (name, description) {
        if errors.is_empty() {
            let mut tx = state.db.begin().await?;
            match qualification::create(
                &mut tx,
                id,
                &name,
                description.as_deref(),
                &session.actor(),
            )
            .await
            {
                Ok(q) => {
                    tx.commit().await?;
                    return Ok(
                        Redirect::to(&format!("/organisations/{id}/qualifications#q-{q}"))
                            .into_response(),
                    );
                }
                Err(StoreError::Conflict { .. }) => {
                    errors.insert("name", "error-qualification-taken");
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    let page = page_of(
        &state,
        &session,
        id,
        PageQuery::default(),
        form.name,
        form.description,
        errors,
        GrantForm::default(),
    )
    .await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn grant(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<GrantForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::manages_resource(&session.user, id)?;
    let mut errors = BTreeMap::new();
    let q = match form.qualification_id.trim().parse::<i64>() {
        Ok(q) => match qualification::get(&state.db, q).await? {
            Some(found) if found.organisation_id == id => Some(q),
            _ => {
                errors.insert("qualification_id", "error-qualification-of-owner");
                None
            }
        },
        Err(_) => {
            errors.insert("qualification_id", "error-required");
            None
        }
    };
    let person_id = match form.person_id.trim().parse::<i64>() {
        Ok(p) if person::get(&state.db, p).await?.is_some() => Some(p),
        _ => {
            errors.insert("person_id", "error-required");
            None
        }
    };
    if session.user.role == Role::Partner {
        if let (Some(p), Some(own)) = (person_id, session.user.organisation_id) {
            if !person::current_organisations(&state.db, p)
                .await?
                .contains(&own)
            {
                errors.insert("person_id", "error-required");
            }
        }
    }
    let granted_on = match vaski_domain::text::parse_date(&form.granted_on) {
        Ok(Some(d)) => Some(d),
        Ok(None) => Some(time::OffsetDateTime::now_utc().date()),
        Err(e) => {
            errors.insert("granted_on", e.key);
            None
        }
    };
    let valid_until = match vaski_domain::text::parse_date(&form.valid_until) {
        Ok(d) => d,
        Err(e) => {
            errors.insert("valid_until", e.key);
            None
        }
    };
    if let (Some(g), Some(u)) = (granted_on, valid_until) {
        if u < g {
            errors.insert("valid_until", "error-valid-until-before-granted");
        }
    }
    if let (Some(q), Some(p), Some(g)) = (q, person_id, granted_on) {
        if errors.is_empty() {
            let mut tx = state.db.begin().await?;
            qualification::grant(&mut tx, q, p, g, valid_until, &session.actor()).await?;
            tx.commit().await?;
            return Ok(
                Redirect::to(&format!("/organisations/{id}/qualifications#q-{q}")).into_response(),
            );
        }
    }
    let query = PageQuery { q: form.q.clone() };
    let page = page_of(
        &state,
        &session,
        id,
        query,
        String::new(),
        String::new(),
        errors,
        form,
    )
    .await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
