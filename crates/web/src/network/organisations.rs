//! Organisation pages: the list with search and filters, one organisation with everything filed
//! under it, the form to create and edit, deletion and owners.

use super::view::{industry_name, municipality_name, FieldErrors};
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::OffsetDateTime;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::network::{CooperationForm, OrganisationKind, OrganisationStatus};
use vaski_domain::reference::{Industry, Municipality};
use vaski_store::account::{self, User};
use vaski_store::audit::{self, Entry};
use vaski_store::network::agreement::{self, Agreement};
use vaski_store::network::interaction::{self, Interaction};
use vaski_store::network::organisation::{self, Filter, Organisation, Summary};
use vaski_store::network::person::{self, Role};
use vaski_store::network::project::{self, Project};
use vaski_store::{Page, StoreError};

pub const PAGE_SIZE: i64 = 50;

/// The list's query string; the same filters drive the export.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub kind: String,
    pub status: String,
    pub municipality: String,
    pub tag: String,
    pub owner: String,
    pub single_owner: String,
    pub page: i64,
}

impl ListQuery {
    /// The store filter; a partner user is limited to their own organisation.
    pub fn filter(&self, user: &User) -> Filter {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        Filter {
            q: some(&self.q),
            kind: OrganisationKind::parse(&self.kind).ok(),
            status: OrganisationStatus::parse(&self.status).ok(),
            municipality_code: some(&self.municipality)
                .and_then(|m| Municipality::parse(&m).ok())
                .map(|m| m.code.clone()),
            tag: some(&self.tag),
            owner: self.owner.trim().parse().ok(),
            single_owner: !self.single_owner.is_empty(),
            only_id: if user.role.sees_whole_network() {
                None
            } else {
                Some(user.organisation_id.unwrap_or(-1))
            },
        }
    }

    /// The query string without the page, for paging and export links.
    pub fn query_string(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("kind", &self.kind),
            ("status", &self.status),
            ("municipality", &self.municipality),
            ("tag", &self.tag),
            ("owner", &self.owner),
            ("single_owner", &self.single_owner),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::pages::url_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[derive(Template)]
#[template(path = "network/organisations.html")]
struct ListPage {
    page: Frame,
    query: ListQuery,
    rows: Vec<Summary>,
    total: organisation::Total,
    current_page: i64,
    /// The number of pages, where the count is exact.
    pages: Option<i64>,
    /// Whether a next page exists.
    more: bool,
    staff: Vec<User>,
    can_edit: bool,
}

impl ListPage {
    fn municipality(&self, code: &Option<String>) -> String {
        municipality_name(&self.page.t, code)
    }
    fn kinds(&self) -> &'static [OrganisationKind] {
        OrganisationKind::ALL
    }
    fn statuses(&self) -> &'static [OrganisationStatus] {
        OrganisationStatus::ALL
    }
    fn position(&self) -> String {
        match self.pages {
            Some(pages) => format!("{} / {pages}", self.current_page),
            None => self.current_page.to_string(),
        }
    }
    fn link(&self, page: i64) -> String {
        let qs = self.query.query_string();
        if qs.is_empty() {
            format!("?page={page}")
        } else {
            format!("?{qs}&page={page}")
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let filter = query.filter(&session.user);
    let current_page = query.page.max(1);
    let (rows, total) = organisation::list_capped(
        &state.db,
        &filter,
        Page::new(PAGE_SIZE, (current_page - 1) * PAGE_SIZE),
        organisation::COUNT_CAP,
    )
    .await?;
    let pages = (!total.at_least).then(|| (total.count + PAGE_SIZE - 1) / PAGE_SIZE);
    let more = match pages {
        Some(pages) => current_page < pages,
        None => i64::try_from(rows.len()).unwrap_or(0) == PAGE_SIZE,
    };
    let staff = if session.user.role.sees_whole_network() {
        account::staff_users(&state.db).await?
    } else {
        Vec::new()
    };
    let page = Frame::of(&session, "/organisations", "organisations-title");
    render(&ListPage {
        pages,
        more,
        can_edit: session.user.role.edits_network(),
        page,
        query,
        rows,
        total,
        current_page,
        staff,
    })
}

#[derive(Template)]
#[template(path = "network/organisation.html")]
struct ShowPage {
    page: Frame,
    o: Organisation,
    people: Vec<Role>,
    timeline: Vec<Interaction>,
    agreements: Vec<Agreement>,
    projects: Vec<Project>,
    history: Vec<Entry>,
    staff: Vec<User>,
    can_edit: bool,
    can_manage: bool,
    /// May manage the organisation's shared-use resources, qualifications and locations.
    can_share: bool,
    /// Suunta's flags `(home, confidential)`, for an administrator to set.
    flags: Option<(bool, bool)>,
}

impl ShowPage {
    fn municipality(&self) -> String {
        municipality_name(&self.page.t, &self.o.municipality_code)
    }
    fn industry(&self) -> String {
        industry_name(&self.page.t, &self.o.industry_code)
    }
    fn owns(&self, user_id: &i64) -> bool {
        self.o.owners.iter().any(|o| o.user_id == *user_id)
    }
    fn change_text(&self, v: &Option<String>) -> String {
        v.clone().unwrap_or_else(|| "—".to_string())
    }
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::reads_organisation(&session.user, id)?;
    let o = organisation::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = person::roles_at(&state.db, id).await?;
    let timeline = interaction::timeline(&state.db, id, 200).await?;
    let agreements = agreement::of_organisation(&state.db, id).await?;
    let projects = project::of_organisation(&state.db, id).await?;
    let staff_view = session.user.role.sees_whole_network();
    let history = if staff_view {
        audit::organisation_history(&state.db, id, 100).await?
    } else {
        Vec::new()
    };
    let staff = if session.user.role.edits_network() {
        account::staff_users(&state.db).await?
    } else {
        Vec::new()
    };
    let flags = if session.user.role.is_admin() {
        vaski_store::strategy::plan::organisation_flags(&state.db, id).await?
    } else {
        None
    };
    let page = Frame::of(
        &session,
        &format!("/organisations/{id}"),
        "organisation-title",
    )
    .with_title(o.name.clone());
    render(&ShowPage {
        flags,
        can_edit: access::edits_organisation(&session.user, id).is_ok(),
        can_manage: session.user.role.edits_network(),
        can_share: access::manages_resource(&session.user, id).is_ok(),
        page,
        o,
        people,
        timeline,
        agreements,
        projects,
        history,
        staff,
    })
}

#[derive(Template)]
#[template(path = "network/organisation_form.html")]
struct FormPage {
    page: Frame,
    /// `None` for a new organisation.
    id: Option<i64>,
    input: OrganisationInput,
    errors: FieldErrors,
    duplicate: Option<(i64, String)>,
}

impl FormPage {
    fn kinds(&self) -> &'static [OrganisationKind] {
        OrganisationKind::ALL
    }
    fn statuses(&self) -> &'static [OrganisationStatus] {
        OrganisationStatus::ALL
    }
    fn forms(&self) -> &'static [CooperationForm] {
        CooperationForm::ALL
    }
    fn industries(&self) -> Vec<(String, String)> {
        Industry::divisions()
            .map(|i| {
                (
                    i.code.clone(),
                    format!("{} {}", i.code, i.name(self.page.t.lang)),
                )
            })
            .collect()
    }
    fn municipalities(&self) -> Vec<String> {
        let mut names: Vec<String> = Municipality::all()
            .iter()
            .map(|m| m.name(self.page.t.lang).to_string())
            .collect();
        names.sort();
        names
    }
    fn has_form(&self, f: &CooperationForm) -> bool {
        self.input.cooperation.iter().any(|c| c == f.code())
    }
    fn action(&self) -> String {
        self.id
            .map(|id| format!("/organisations/{id}"))
            .unwrap_or_else(|| "/organisations".to_string())
    }
}

/// The form's input from a stored organisation, for editing.
fn input_of(o: &Organisation, t: &Tr) -> OrganisationInput {
    OrganisationInput {
        name: o.name.clone(),
        business_id: o.business_id.clone().unwrap_or_default(),
        kind: o.kind.code().to_string(),
        industry: o.industry_code.clone().unwrap_or_default(),
        municipality: municipality_name(t, &o.municipality_code),
        address: o.address.clone().unwrap_or_default(),
        website: o.website.clone().unwrap_or_default(),
        tags: o.tags.join(", "),
        cooperation: o.cooperation.iter().map(|c| c.code().to_string()).collect(),
        status: o.status.code().to_string(),
        notes: o.notes.clone().unwrap_or_default(),
    }
}

pub async fn new_form(session: Session) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let page = Frame::of(&session, "/organisations/new", "organisation-new-title");
    let input = OrganisationInput {
        kind: "company".into(),
        status: "active".into(),
        ..Default::default()
    };
    render(&FormPage {
        page,
        id: None,
        input,
        errors: FieldErrors::default(),
        duplicate: None,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_organisation(&session.user, id)?;
    let o = organisation::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = Frame::of(
        &session,
        &format!("/organisations/{id}/edit"),
        "organisation-edit-title",
    );
    let input = input_of(&o, &page.t);
    render(&FormPage {
        page,
        id: Some(id),
        input,
        errors: FieldErrors::default(),
        duplicate: None,
    })
}

#[derive(Debug, Deserialize)]
pub struct OrganisationForm {
    csrf: String,
    #[serde(flatten)]
    input: OrganisationInput,
}

fn form_again(
    session: &Session,
    id: Option<i64>,
    input: OrganisationInput,
    errors: std::collections::BTreeMap<&'static str, &'static str>,
    duplicate: Option<(i64, String)>,
) -> Result<Response, AppError> {
    let title = if id.is_some() {
        "organisation-edit-title"
    } else {
        "organisation-new-title"
    };
    let page = Frame::of(session, "/organisations/new", title);
    let errors = FieldErrors::new(&page.t, errors);
    let mut res = render(&FormPage {
        page,
        id,
        input,
        errors,
        duplicate,
    })?;
    *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(errors) => return form_again(&session, None, form.input, errors, None),
    };
    let mut tx = state.db.begin().await?;
    let created = organisation::create(
        &mut tx,
        &draft,
        OffsetDateTime::now_utc().date(),
        &session.actor(),
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(StoreError::Conflict { .. }) => {
            drop(tx);
            let existing = match &draft.business_id {
                Some(b) => organisation::by_business_id(&state.db, b.as_str()).await?,
                None => None,
            };
            let errors = [("business_id", "error-business-id-taken")]
                .into_iter()
                .collect();
            return form_again(&session, None, form.input, errors, existing);
        }
        Err(e) => return Err(e.into()),
    };
    // The creator owns the new partnership; a second owner is asked for on the page.
    organisation::set_owners(&mut tx, id, &[session.user.id], &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{id}")).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_organisation(&session.user, id)?;
    let draft = match form.input.validate() {
        Ok(d) => d,
        Err(errors) => return form_again(&session, Some(id), form.input, errors, None),
    };
    let mut tx = state.db.begin().await?;
    match organisation::update(&mut tx, id, &draft, &session.actor()).await {
        Ok(_) => {}
        Err(StoreError::Conflict { .. }) => {
            drop(tx);
            let existing = match &draft.business_id {
                Some(b) => organisation::by_business_id(&state.db, b.as_str()).await?,
                None => None,
            };
            let errors = [("business_id", "error-business-id-taken")]
                .into_iter()
                .collect();
            return form_again(&session, Some(id), form.input, errors, existing);
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{id}")).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<crate::pages::CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let mut tx = state.db.begin().await?;
    organisation::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/organisations").into_response())
}

#[derive(Deserialize)]
pub struct OwnersForm {
    csrf: String,
    #[serde(default)]
    owner: Vec<i64>,
}

pub async fn set_owners(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<OwnersForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let staff = account::staff_users(&state.db).await?;
    if form.owner.iter().any(|o| !staff.iter().any(|s| s.id == *o)) {
        return Err(AppError::BadRequest("owner must be a staff user".into()));
    }
    let mut tx = state.db.begin().await?;
    organisation::set_owners(&mut tx, id, &form.owner, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{id}#owners")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FlagsForm {
    csrf: String,
    /// Present (checked) when the organisation is one of the institution's own.
    home: String,
    /// Present (checked) when a public plan must not name the organisation.
    confidential: String,
}

/// Sets Suunta's flags of an organisation: one of the institution's own (computed indicators
/// count the others as partners), and confidential (a public link never names it). Admins only;
/// each change is audited by the store.
pub async fn set_flags(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<FlagsForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::is_admin(&session.user)?;
    let mut tx = state.db.begin().await?;
    vaski_store::strategy::plan::mark_home(&mut tx, id, !form.home.is_empty(), &session.actor())
        .await?;
    vaski_store::strategy::plan::mark_confidential(
        &mut tx,
        id,
        !form.confidential.is_empty(),
        &session.actor(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{id}#suunta")).into_response())
}
