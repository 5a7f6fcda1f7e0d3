//! An organisation's locations (sijainnit): the sites its resources are at. Its editors list,
//! add, change and delete them and set each one's weekly opening hours and dated exceptions
//! (closed days, special hours) with the resource form's fields and parsing; a location that
//! resources are at is not deleted, and the page names those resources.

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::network::view::{municipality_name, FieldErrors};
use crate::pages::{render, CsrfOnly, Frame};
use crate::sharing::resource_form::{
    day_fields, parse_exceptions, parse_weekly, weekly_texts, DayField, ExceptionFields,
    ExceptionRow,
};
use crate::sharing::resources::{exceptions_in_words, hours_in_words};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::reference::municipality::Municipality;
use vaski_domain::sharing::location::LocationInput;
use vaski_store::network::organisation;
use vaski_store::sharing::location::{self, Deletion, Location};
use vaski_store::StoreError;

/// One location on the page, with its edit form as stored or as the user left it.
pub struct LocationView {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub municipality: String,
    pub resources: Vec<(i64, String)>,
    pub input: LocationInput,
    pub errors: FieldErrors,
    /// Why the location was not deleted: the resources at it.
    pub in_use: Option<String>,
    /// The weekly hours in words, one (weekday, hours) a day; empty when none are set.
    pub hours: Vec<(String, String)>,
    /// The weekly-hours form's fields, as stored or as the user left them.
    pub hour_fields: Vec<DayField>,
    pub hours_refused: bool,
    /// The dated exceptions in words, one (date, hours) a day.
    pub exceptions: Vec<(String, String)>,
    /// The exceptions form's rows, as stored or as the user left them, and empty ones to add.
    pub exception_rows: Vec<ExceptionRow>,
    pub exceptions_refused: bool,
}

impl LocationView {
    fn editing(&self) -> bool {
        !self.errors.is_empty()
    }
}

#[derive(Template)]
#[template(path = "sharing/locations.html")]
struct LocationsPage {
    page: Frame,
    organisation_id: i64,
    organisation_name: String,
    list: Vec<LocationView>,
    new_input: LocationInput,
    new_errors: FieldErrors,
    municipalities: Vec<String>,
}

impl LocationsPage {
    fn has_errors(&self) -> bool {
        !self.new_errors.is_empty()
            || self.list.iter().any(|l| {
                l.editing() || l.in_use.is_some() || l.hours_refused || l.exceptions_refused
            })
    }
}

/// What the page shows again after a refused form: the new-location form, or one location's
/// edit form, weekly-hours form, exceptions form (each row's error) or refused deletion.
enum Refusal {
    None,
    New(LocationInput, BTreeMap<&'static str, &'static str>),
    Edit(i64, LocationInput, BTreeMap<&'static str, &'static str>),
    Hours(i64, HoursForm, BTreeMap<&'static str, &'static str>),
    Exceptions(i64, ExceptionFields, Vec<Option<&'static str>>),
    Delete(i64, Vec<(i64, String)>),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LocationForm {
    pub csrf: String,
    pub name: String,
    pub address: String,
    pub municipality: String,
}

impl LocationForm {
    fn input(self) -> LocationInput {
        LocationInput {
            name: self.name,
            address: self.address,
            municipality: self.municipality,
        }
    }
}

/// What a location's weekly-hours form sends: one field per weekday, Monday first.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HoursForm {
    pub csrf: String,
    pub hours_1: String,
    pub hours_2: String,
    pub hours_3: String,
    pub hours_4: String,
    pub hours_5: String,
    pub hours_6: String,
    pub hours_7: String,
}

impl HoursForm {
    fn days(&self) -> [&str; 7] {
        [
            &self.hours_1,
            &self.hours_2,
            &self.hours_3,
            &self.hours_4,
            &self.hours_5,
            &self.hours_6,
            &self.hours_7,
        ]
        .map(String::as_str)
    }
}

/// What a location's exceptions form sends: a table of rows, one date, hours and note a row.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExceptionsForm {
    pub csrf: String,
    pub exception_date: Vec<String>,
    pub exception_hours: Vec<String>,
    pub exception_note: Vec<String>,
}

impl ExceptionsForm {
    fn fields(self) -> ExceptionFields {
        ExceptionFields {
            date: self.exception_date,
            hours: self.exception_hours,
            note: self.exception_note,
        }
    }
}

/// The organisation's name, when the user may edit its shared-use settings (404 when it does
/// not exist or the user may not know of it).
async fn editable(state: &AppState, session: &Session, id: i64) -> Result<String, AppError> {
    access::reads_organisation(&session.user, id)?;
    access::manages_resource(&session.user, id)?;
    let o = organisation::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(o.name)
}

/// A location of this organisation (404 for another's).
async fn location_of(
    state: &AppState,
    organisation_id: i64,
    location_id: i64,
) -> Result<Location, AppError> {
    location::get(&state.db, location_id)
        .await?
        .filter(|l| l.organisation_id == organisation_id)
        .ok_or(AppError::NotFound)
}

async fn page_of(
    state: &AppState,
    session: &Session,
    organisation_id: i64,
    organisation_name: String,
    refusal: Refusal,
) -> Result<LocationsPage, AppError> {
    let page = Frame::of(
        session,
        &format!("/organisations/{organisation_id}/locations"),
        "places-locations-title",
    );
    let t = page.t.clone();
    let mut list = Vec::new();
    for l in location::of_organisation(&state.db, organisation_id).await? {
        let resources = location::resources_at(&state.db, l.id).await?;
        let (input, errors) = match &refusal {
            Refusal::Edit(id, input, errors) if *id == l.id => {
                (input.clone(), FieldErrors::new(&t, errors.clone()))
            }
            _ => (
                LocationInput::of(
                    &l.name,
                    l.address.as_deref(),
                    l.municipality_code.as_deref(),
                    t.lang,
                ),
                FieldErrors::default(),
            ),
        };
        let in_use = match &refusal {
            Refusal::Delete(id, users) if *id == l.id => Some(crate::sharing::view::message(
                &t,
                "places-location-in-use",
                &[(
                    "resources",
                    users
                        .iter()
                        .map(|(_, name)| name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )],
            )),
            _ => None,
        };
        let weekly = location::weekly_hours(&state.db, l.id).await?;
        let stored = weekly_texts(&weekly);
        let (hour_fields, hours_refused) = match &refusal {
            Refusal::Hours(id, typed, errors) if *id == l.id => (
                day_fields(
                    &t,
                    &format!("location-{}-", l.id),
                    typed.days(),
                    &FieldErrors::new(&t, errors.clone()),
                ),
                true,
            ),
            _ => (
                day_fields(
                    &t,
                    &format!("location-{}-", l.id),
                    stored.each_ref().map(String::as_str),
                    &FieldErrors::default(),
                ),
                false,
            ),
        };
        let stored_exceptions = location::exceptions(&state.db, l.id).await?;
        let (exception_rows, exceptions_refused) = match &refusal {
            Refusal::Exceptions(id, typed, errors) if *id == l.id => {
                (typed.rows(&t, errors, 1), true)
            }
            _ => (
                ExceptionFields::of(&stored_exceptions).rows(&t, &[], 3),
                false,
            ),
        };
        let hours = if weekly.is_empty() {
            Vec::new()
        } else {
            hours_in_words(&t, &weekly)
        };
        list.push(LocationView {
            exceptions: exceptions_in_words(&t, &stored_exceptions),
            exception_rows,
            exceptions_refused,
            hours,
            hour_fields,
            hours_refused,
            id: l.id,
            municipality: municipality_name(&t, &l.municipality_code),
            address: l.address.unwrap_or_default(),
            name: l.name,
            resources,
            input,
            errors,
            in_use,
        });
    }
    let (new_input, new_errors) = match refusal {
        Refusal::New(input, errors) => (input, FieldErrors::new(&t, errors)),
        _ => (LocationInput::default(), FieldErrors::default()),
    };
    let mut municipalities: Vec<String> = Municipality::all()
        .iter()
        .map(|m| m.name(t.lang).to_string())
        .collect();
    municipalities.sort();
    Ok(LocationsPage {
        organisation_id,
        organisation_name,
        list,
        new_input,
        new_errors,
        municipalities,
        page,
    })
}

async fn refused(
    state: &AppState,
    session: &Session,
    organisation_id: i64,
    organisation_name: String,
    refusal: Refusal,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = page_of(state, session, organisation_id, organisation_name, refusal).await?;
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

fn back(organisation_id: i64, location_id: i64) -> Response {
    Redirect::to(&format!(
        "/organisations/{organisation_id}/locations#location-{location_id}"
    ))
    .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let name = editable(&state, &session, id).await?;
    render(&page_of(&state, &session, id, name, Refusal::None).await?)
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<LocationForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let name = editable(&state, &session, id).await?;
    let input = form.input();
    let draft = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let refusal = Refusal::New(input, errors);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, &session, id, name, refusal, status).await;
        }
    };
    let mut tx = state.db.begin().await?;
    let location_id = location::create(&mut tx, id, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(back(id, location_id))
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path((id, location_id)): Path<(i64, i64)>,
    Form(form): Form<LocationForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let name = editable(&state, &session, id).await?;
    location_of(&state, id, location_id).await?;
    let input = form.input();
    let draft = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let refusal = Refusal::Edit(location_id, input, errors);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, &session, id, name, refusal, status).await;
        }
    };
    let mut tx = state.db.begin().await?;
    location::update(&mut tx, location_id, &draft, &session.actor()).await?;
    tx.commit().await?;
    Ok(back(id, location_id))
}

pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path((id, location_id)): Path<(i64, i64)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let name = editable(&state, &session, id).await?;
    location_of(&state, id, location_id).await?;
    let mut tx = state.db.begin().await?;
    match location::delete(&mut tx, location_id, &session.actor()).await {
        Ok(Deletion::Deleted) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/organisations/{id}/locations#locations")).into_response())
        }
        Ok(Deletion::InUse(users)) => {
            drop(tx);
            let refusal = Refusal::Delete(location_id, users);
            refused(&state, &session, id, name, refusal, StatusCode::CONFLICT).await
        }
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// Replaces a location's weekly opening hours; a day that does not read as hours is refused
/// next to its field, and nothing is changed.
pub async fn set_hours(
    State(state): State<AppState>,
    session: Session,
    Path((id, location_id)): Path<(i64, i64)>,
    Form(form): Form<HoursForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let name = editable(&state, &session, id).await?;
    location_of(&state, id, location_id).await?;
    let weekly = match parse_weekly(form.days()) {
        Ok(w) => w,
        Err(errors) => {
            let refusal = Refusal::Hours(location_id, form, errors);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, &session, id, name, refusal, status).await;
        }
    };
    let mut tx = state.db.begin().await?;
    match location::set_weekly_hours(&mut tx, location_id, &weekly, &session.actor()).await {
        Ok(_) => tx.commit().await?,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(back(id, location_id))
}

/// Replaces a location's dated exceptions with the rows of the form; a row whose date or hours
/// do not read is refused next to its fields, the other rows are shown as typed, and nothing is
/// changed.
pub async fn set_exceptions(
    State(state): State<AppState>,
    session: Session,
    Path((id, location_id)): Path<(i64, i64)>,
    Form(form): Form<ExceptionsForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let name = editable(&state, &session, id).await?;
    location_of(&state, id, location_id).await?;
    let fields = form.fields();
    let (exceptions, errors) = parse_exceptions(&fields.date, &fields.hours, &fields.note);
    if errors.iter().any(Option::is_some) {
        let refusal = Refusal::Exceptions(location_id, fields, errors);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(&state, &session, id, name, refusal, status).await;
    }
    let mut tx = state.db.begin().await?;
    match location::replace_exceptions(&mut tx, location_id, &exceptions, &session.actor()).await {
        Ok(_) => tx.commit().await?,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(back(id, location_id))
}
