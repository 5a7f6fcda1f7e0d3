//! The form that publishes and changes a resource: every field of the domain's
//! `ResourceInput` (rules with hours and days where people think in them, prices per kind of
//! booker in euros), the weekly opening hours as one field per weekday and the dated
//! exceptions as rows, and the managers (vastuuhenkilöt) chosen among the staff; errors next to
//! their fields, what was typed kept. Whoever creates a resource becomes one of its managers.

use super::view;
use super::Choice;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::network::view::{municipality_name, FieldErrors};
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::account::Role;
use vaski_domain::network::OrganisationKind;
use vaski_domain::reference::Municipality;
use vaski_domain::sharing::draft::{PriceInput, ResourceDraft, ResourceInput};
use vaski_domain::sharing::opening::{DayHours, HoursRange};
use vaski_domain::sharing::pricing::Prices;
use vaski_domain::sharing::resource::{Approval, BookerKind, Eligibility, ResourceKind};
use vaski_store::account::User;
use vaski_store::network::organisation::{self, Filter as OrganisationFilter};
use vaski_store::sharing::location;
use vaski_store::sharing::manager;
use vaski_store::sharing::qualification;
use vaski_store::sharing::resource::{self, DatedException, Filter, Resource, WeeklyRange};
use vaski_store::{Page, StoreError};

/// What the resource form sends: every field as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResourceForm {
    pub csrf: String,
    pub name: String,
    pub kind: String,
    pub owner_organisation_id: String,
    pub part_of: String,
    /// The owner's location the resource is at; empty for none.
    pub location_id: String,
    pub address: String,
    pub municipality: String,
    pub building: String,
    pub room: String,
    pub description: String,
    pub capacity_people: String,
    pub accessibility: String,
    pub quantity: String,
    pub approval: String,
    pub eligibility: String,
    pub closed_on_public_holidays: String,
    pub slot_minutes: String,
    pub min_duration_hours: String,
    pub max_duration_hours: String,
    pub min_notice_hours: String,
    pub max_ahead_days: String,
    pub buffer_before_minutes: String,
    pub buffer_after_minutes: String,
    pub cancellation_free_hours: String,
    pub required_qualification_id: String,
    pub price_hour_own: String,
    pub price_day_own: String,
    pub price_hour_institution: String,
    pub price_day_institution: String,
    pub price_hour_company: String,
    pub price_day_company: String,
    pub price_hour_association: String,
    pub price_day_association: String,
    pub price_hour_public_body: String,
    pub price_day_public_body: String,
    pub hours_1: String,
    pub hours_2: String,
    pub hours_3: String,
    pub hours_4: String,
    pub hours_5: String,
    pub hours_6: String,
    pub hours_7: String,
    pub exception_date: Vec<String>,
    pub exception_hours: Vec<String>,
    pub exception_note: Vec<String>,
    /// The chosen managers' user ids, as sent.
    pub managers: Vec<String>,
}

/// The form's fields whose values are hours or days but whose rules are kept in minutes.
const SCALED: [(&str, &str, i64); 4] = [
    ("min_duration_minutes", "min_duration_hours", 60),
    ("max_duration_minutes", "max_duration_hours", 60),
    ("min_notice_minutes", "min_notice_hours", 60),
    ("max_ahead_minutes", "max_ahead_days", 24 * 60),
];

impl ResourceForm {
    fn price(&self, kind: BookerKind) -> (&str, &str) {
        match kind {
            BookerKind::Own => (&self.price_hour_own, &self.price_day_own),
            BookerKind::Institution => (&self.price_hour_institution, &self.price_day_institution),
            BookerKind::Company => (&self.price_hour_company, &self.price_day_company),
            BookerKind::Association => (&self.price_hour_association, &self.price_day_association),
            BookerKind::PublicBody => (&self.price_hour_public_body, &self.price_day_public_body),
        }
    }

    fn price_mut(&mut self, kind: BookerKind) -> (&mut String, &mut String) {
        match kind {
            BookerKind::Own => (&mut self.price_hour_own, &mut self.price_day_own),
            BookerKind::Institution => (
                &mut self.price_hour_institution,
                &mut self.price_day_institution,
            ),
            BookerKind::Company => (&mut self.price_hour_company, &mut self.price_day_company),
            BookerKind::Association => (
                &mut self.price_hour_association,
                &mut self.price_day_association,
            ),
            BookerKind::PublicBody => (
                &mut self.price_hour_public_body,
                &mut self.price_day_public_body,
            ),
        }
    }

    pub fn hours(&self, day: i64) -> &str {
        match day {
            1 => &self.hours_1,
            2 => &self.hours_2,
            3 => &self.hours_3,
            4 => &self.hours_4,
            5 => &self.hours_5,
            6 => &self.hours_6,
            _ => &self.hours_7,
        }
    }

    fn hours_mut(&mut self, day: i64) -> &mut String {
        match day {
            1 => &mut self.hours_1,
            2 => &mut self.hours_2,
            3 => &mut self.hours_3,
            4 => &mut self.hours_4,
            5 => &mut self.hours_5,
            6 => &mut self.hours_6,
            _ => &mut self.hours_7,
        }
    }

    /// The domain's input: hours and days become minutes; what cannot be read is passed on as
    /// typed, for the domain to name the error.
    fn input(&self) -> ResourceInput {
        let scaled = |text: &str, factor: i64| {
            if text.trim().is_empty() {
                String::new()
            } else {
                match view::parse_hours(text) {
                    Some(minutes) if factor == 60 => minutes.to_string(),
                    Some(minutes) => {
                        // Days: `parse_hours` read the number as hours.
                        (minutes * factor / 60).to_string()
                    }
                    None => text.to_string(),
                }
            }
        };
        ResourceInput {
            name: self.name.clone(),
            kind: self.kind.clone(),
            owner_organisation_id: self.owner_organisation_id.clone(),
            part_of: self.part_of.clone(),
            address: self.address.clone(),
            municipality: self.municipality.clone(),
            building: self.building.clone(),
            room: self.room.clone(),
            description: self.description.clone(),
            capacity_people: self.capacity_people.clone(),
            accessibility: self.accessibility.clone(),
            quantity: self.quantity.clone(),
            approval: self.approval.clone(),
            eligibility: self.eligibility.clone(),
            closed_on_public_holidays: !self.closed_on_public_holidays.is_empty(),
            slot_minutes: self.slot_minutes.clone(),
            min_duration_minutes: scaled(&self.min_duration_hours, 60),
            max_duration_minutes: scaled(&self.max_duration_hours, 60),
            min_notice_minutes: scaled(&self.min_notice_hours, 60),
            max_ahead_minutes: scaled(&self.max_ahead_days, 24 * 60),
            buffer_before_minutes: self.buffer_before_minutes.clone(),
            buffer_after_minutes: self.buffer_after_minutes.clone(),
            cancellation_free_hours: self.cancellation_free_hours.clone(),
            required_qualification_id: self.required_qualification_id.clone(),
            prices: BookerKind::ALL
                .iter()
                .filter_map(|k| {
                    let (hour, day) = self.price(*k);
                    (!hour.trim().is_empty() || !day.trim().is_empty()).then(|| PriceInput {
                        booker: k.code().to_string(),
                        per_hour: hour.to_string(),
                        per_day: day.to_string(),
                    })
                })
                .collect(),
        }
    }

    /// The form of a stored resource.
    fn of(
        t: &Tr,
        r: &Resource,
        prices: &Prices,
        weekly: &[WeeklyRange],
        exceptions: &[DatedException],
    ) -> ResourceForm {
        let n = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        let h = |v: Option<i64>| v.map(|m| view::hours_text(t, m)).unwrap_or_default();
        let mut form = ResourceForm {
            name: r.name.clone(),
            kind: r.kind.clone(),
            owner_organisation_id: r.owner_organisation_id.to_string(),
            part_of: n(r.part_of),
            location_id: n(r.location_id),
            address: r.address.clone().unwrap_or_default(),
            municipality: municipality_name(t, &r.municipality_code),
            building: r.building.clone().unwrap_or_default(),
            room: r.room.clone().unwrap_or_default(),
            description: r.description.clone().unwrap_or_default(),
            capacity_people: n(r.capacity_people),
            accessibility: r.accessibility.clone().unwrap_or_default(),
            quantity: if r.quantity > 1 {
                r.quantity.to_string()
            } else {
                String::new()
            },
            approval: r.approval.clone(),
            eligibility: r.eligibility.clone(),
            closed_on_public_holidays: if r.closed_on_public_holidays {
                "1".into()
            } else {
                String::new()
            },
            slot_minutes: n(r.slot_minutes),
            min_duration_hours: h(r.min_duration_minutes),
            max_duration_hours: h(r.max_duration_minutes),
            min_notice_hours: h(r.min_notice_minutes),
            max_ahead_days: r
                .max_ahead_minutes
                .map(|m| view::hours_text(t, m / 24))
                .unwrap_or_default(),
            buffer_before_minutes: if r.buffer_before_minutes > 0 {
                r.buffer_before_minutes.to_string()
            } else {
                String::new()
            },
            buffer_after_minutes: if r.buffer_after_minutes > 0 {
                r.buffer_after_minutes.to_string()
            } else {
                String::new()
            },
            cancellation_free_hours: n(r.cancellation_free_hours),
            required_qualification_id: n(r.required_qualification_id),
            ..Default::default()
        };
        for (kind, tariff) in prices.tariffs() {
            let (hour, day) = form.price_mut(kind);
            *hour = view::euros_field(t, tariff.per_hour_cents());
            *day = view::euros_field(t, tariff.per_day_cents());
        }
        for (day, text) in (1..=7i64).zip(weekly_texts(weekly)) {
            *form.hours_mut(day) = text;
        }
        let rows = ExceptionFields::of(exceptions);
        form.exception_date = rows.date;
        form.exception_hours = rows.hours;
        form.exception_note = rows.note;
        form
    }

    fn days(&self) -> [&str; 7] {
        [1, 2, 3, 4, 5, 6, 7].map(|day| self.hours(day))
    }

    /// The chosen location's id: `Ok(None)` for none, `Err` for what is no id at all.
    fn location(&self) -> Result<Option<i64>, ()> {
        let text = self.location_id.trim();
        if text.is_empty() {
            Ok(None)
        } else {
            text.parse().map(Some).map_err(|_| ())
        }
    }

    /// The chosen managers' user ids; `None` when one is not an id at all.
    fn manager_ids(&self) -> Option<Vec<i64>> {
        self.managers
            .iter()
            .filter(|m| !m.trim().is_empty())
            .map(|m| m.trim().parse().ok())
            .collect()
    }

    /// The dated exceptions of the rows with a date; each row's error, if any.
    fn exceptions(&self) -> (Vec<DatedException>, Vec<Option<&'static str>>) {
        parse_exceptions(
            &self.exception_date,
            &self.exception_hours,
            &self.exception_note,
        )
    }
}

/// A table of dated exceptions as typed: one date, hours and note a row.
#[derive(Debug, Clone, Default)]
pub struct ExceptionFields {
    pub date: Vec<String>,
    pub hours: Vec<String>,
    pub note: Vec<String>,
}

impl ExceptionFields {
    /// The rows of stored exceptions.
    pub fn of(exceptions: &[DatedException]) -> ExceptionFields {
        let mut rows = ExceptionFields::default();
        for e in exceptions {
            rows.date
                .push(view::civil(e.on_date).map(view::iso).unwrap_or_default());
            rows.hours.push(match (e.opens_minute, e.closes_minute) {
                (Some(o), Some(c)) => HoursRange::from_minutes(o, c)
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            });
            rows.note.push(e.note.clone().unwrap_or_default());
        }
        rows
    }

    /// The rows to show, each with its error, and `blanks` empty rows for new exceptions.
    pub fn rows(
        &self,
        t: &Tr,
        errors: &[Option<&'static str>],
        blanks: usize,
    ) -> Vec<ExceptionRow> {
        let mut rows: Vec<ExceptionRow> = self
            .date
            .iter()
            .enumerate()
            .map(|(i, date)| ExceptionRow {
                date: date.clone(),
                hours: self.hours.get(i).cloned().unwrap_or_default(),
                note: self.note.get(i).cloned().unwrap_or_default(),
                error: errors.get(i).copied().flatten().map(|k| t.t(k)),
            })
            .collect();
        for _ in 0..blanks {
            rows.push(ExceptionRow {
                date: String::new(),
                hours: String::new(),
                note: String::new(),
                error: None,
            });
        }
        rows
    }
}

/// The dated exceptions of the rows with a date; each row's error, if any. A row left empty
/// is no exception; a date twice, a date or hours that do not read, or hours or a note without
/// a date are refused on their row.
pub fn parse_exceptions(
    dates: &[String],
    hours: &[String],
    notes: &[String],
) -> (Vec<DatedException>, Vec<Option<&'static str>>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (i, date) in dates.iter().enumerate() {
        let hours = hours.get(i).map(String::as_str).unwrap_or("");
        let note = notes.get(i).map(String::as_str).unwrap_or("");
        if date.trim().is_empty() {
            errors.push(if hours.trim().is_empty() && note.trim().is_empty() {
                None
            } else {
                Some("error-required")
            });
            continue;
        }
        let parsed = view::parse_date(date).ok().and_then(view::stored);
        let Some(on_date) = parsed else {
            errors.push(Some("error-date"));
            continue;
        };
        if !seen.insert(on_date) {
            errors.push(Some("error-opening-exception-duplicate"));
            continue;
        }
        let h = hours.trim();
        let closed = h.is_empty()
            || h == "-"
            || ["suljettu", "stängt", "closed"].contains(&h.to_lowercase().as_str());
        let (opens, closes) = if closed {
            (None, None)
        } else {
            match HoursRange::parse(h) {
                Ok(r) => {
                    let (o, c) = r.to_minutes();
                    (Some(o), Some(c))
                }
                Err(e) => {
                    errors.push(Some(e.key));
                    continue;
                }
            }
        };
        let note = note.trim();
        errors.push(None);
        out.push(DatedException {
            on_date,
            opens_minute: opens,
            closes_minute: closes,
            note: (!note.is_empty()).then(|| note.chars().take(200).collect()),
        });
    }
    (out, errors)
}

/// The names of the weekly-hours fields, Monday first.
pub const HOURS_FIELDS: [&str; 7] = [
    "hours_1", "hours_2", "hours_3", "hours_4", "hours_5", "hours_6", "hours_7",
];

/// The weekly hours typed in one field per weekday (Monday first), or the error of each
/// weekday's field by its name in [`HOURS_FIELDS`].
pub fn parse_weekly(
    days: [&str; 7],
) -> Result<Vec<WeeklyRange>, BTreeMap<&'static str, &'static str>> {
    let mut ranges = Vec::new();
    let mut errors = BTreeMap::new();
    for ((day, field), text) in (1..=7i64).zip(HOURS_FIELDS).zip(days) {
        match DayHours::parse(text) {
            Ok(hours) => ranges.extend(hours.ranges().iter().map(|r| {
                let (opens, closes) = r.to_minutes();
                WeeklyRange {
                    weekday: day,
                    opens_minute: opens,
                    closes_minute: closes,
                }
            })),
            Err(e) => {
                errors.insert(field, e.key);
            }
        }
    }
    if errors.is_empty() {
        Ok(ranges)
    } else {
        Err(errors)
    }
}

/// Stored weekly hours as the weekday fields show them (`08:00-12:00, 13:00-16:00`; a closed
/// day empty), Monday first.
pub fn weekly_texts(weekly: &[WeeklyRange]) -> [String; 7] {
    [1, 2, 3, 4, 5, 6, 7].map(|day| {
        let ranges: Vec<HoursRange> = weekly
            .iter()
            .filter(|w| w.weekday == day)
            .filter_map(|w| HoursRange::from_minutes(w.opens_minute, w.closes_minute).ok())
            .collect();
        match DayHours::new(ranges) {
            Ok(h) if !h.is_closed() => h.to_string(),
            _ => String::new(),
        }
    })
}

/// One weekday's field of a weekly-hours form (the `sharing/hours.html` macro draws them).
pub struct DayField {
    pub id: String,
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub error: Option<String>,
}

/// The seven weekday fields with their values and errors; `id_prefix` keeps ids unique where a
/// page has several such forms.
pub fn day_fields(
    t: &Tr,
    id_prefix: &str,
    values: [&str; 7],
    errors: &FieldErrors,
) -> Vec<DayField> {
    (1..=7i64)
        .zip(HOURS_FIELDS)
        .zip(values)
        .map(|((day, name), value)| DayField {
            id: format!("{id_prefix}{name}"),
            name,
            label: view::weekday_name(t, resource::weekday(day)),
            value: value.to_string(),
            error: errors.get(name),
        })
        .collect()
}

/// One row of the form's table of exceptions.
pub struct ExceptionRow {
    pub date: String,
    pub hours: String,
    pub note: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "sharing/resource_form.html")]
struct FormPage {
    page: Frame,
    id: Option<i64>,
    form: ResourceForm,
    errors: FieldErrors,
    kinds: Vec<Choice>,
    owners: Vec<Choice>,
    owner_fixed: Option<String>,
    wholes: Vec<Choice>,
    qualifications: Vec<Choice>,
    qualifications_link: Option<String>,
    approvals: Vec<Choice>,
    eligibilities: Vec<Choice>,
    price_rows: Vec<PriceRow>,
    weekdays: Vec<DayField>,
    exception_rows: Vec<ExceptionRow>,
    /// The owner's locations to choose among.
    locations: Vec<Choice>,
    locations_link: Option<String>,
    /// The users who may be chosen as managers; `None` when the user may not choose them.
    managers: Option<Vec<Choice>>,
}

pub struct PriceRow {
    pub code: &'static str,
    pub label: String,
    pub hour: String,
    pub day: String,
}

impl FormPage {
    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("/resources/{id}"),
            None => "/resources".to_string(),
        }
    }
    fn municipalities(&self) -> Vec<String> {
        let mut names: Vec<String> = Municipality::all()
            .iter()
            .map(|m| m.name(self.page.t.lang).to_string())
            .collect();
        names.sort();
        names
    }
}

/// The organisations a user may publish resources for.
async fn owner_choices(
    state: &AppState,
    user: &User,
    current: Option<i64>,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut owners: BTreeMap<i64, String> = BTreeMap::new();
    match user.role {
        Role::Partner => {
            if let Some(own) = user.organisation_id {
                if let Some(o) = organisation::get(&state.db, own).await? {
                    owners.insert(o.id, o.name);
                }
            }
        }
        _ => {
            for kind in [
                OrganisationKind::VocationalInstitution,
                OrganisationKind::University,
                OrganisationKind::ResearchInstitute,
            ] {
                let filter = OrganisationFilter {
                    kind: Some(kind),
                    ..Default::default()
                };
                let (list, _) =
                    organisation::list(&state.db, &filter, Page::new(Page::MAX_LIMIT, 0)).await?;
                owners.extend(list.into_iter().map(|o| (o.id, o.name)));
            }
            let mine = OrganisationFilter {
                owner: Some(user.id),
                ..Default::default()
            };
            let (list, _) =
                organisation::list(&state.db, &mine, Page::new(Page::MAX_LIMIT, 0)).await?;
            owners.extend(list.into_iter().map(|o| (o.id, o.name)));
            for r in resource::list(&state.db, &Filter::default()).await? {
                owners.insert(r.owner_organisation_id, r.owner_name);
            }
        }
    }
    if let Some(c) = current {
        if !owners.contains_key(&c) {
            if let Some(o) = organisation::get(&state.db, c).await? {
                owners.insert(o.id, o.name);
            }
        }
    }
    let mut list: Vec<(i64, String)> = owners.into_iter().collect();
    list.sort_by_key(|a| a.1.to_lowercase());
    Ok(list)
}

async fn form_page(
    state: &AppState,
    session: &Session,
    id: Option<i64>,
    form: ResourceForm,
    errors: BTreeMap<&'static str, &'static str>,
    exception_errors: Vec<Option<&'static str>>,
) -> Result<FormPage, AppError> {
    let (path, title) = match id {
        Some(id) => (format!("/resources/{id}/edit"), "resource-edit-title"),
        None => ("/resources/new".to_string(), "resource-new-title"),
    };
    let page = Frame::of(session, &path, title);
    let t = page.t.clone();
    let current_owner: Option<i64> = form.owner_organisation_id.trim().parse().ok();
    let owners_list = owner_choices(state, &session.user, current_owner).await?;
    let owner = current_owner.or_else(|| owners_list.first().map(|o| o.0));
    let owner_fixed = if session.user.role == Role::Partner {
        owners_list.first().map(|o| o.1.clone())
    } else {
        None
    };
    let owners = owners_list
        .iter()
        .map(|(oid, name)| Choice::new(&oid.to_string(), name.clone(), Some(*oid) == owner))
        .collect();
    let wholes = match owner {
        Some(o) => resource::list(
            &state.db,
            &Filter {
                owner_organisation_id: Some(o),
                ..Default::default()
            },
        )
        .await?
        .into_iter()
        .filter(|r| Some(r.id) != id)
        .map(|r| Choice::new(&r.id.to_string(), r.name, form.part_of == r.id.to_string()))
        .collect(),
        None => Vec::new(),
    };
    let qualifications = match owner {
        Some(o) => qualification::of_organisation(&state.db, o)
            .await?
            .into_iter()
            .map(|q| {
                Choice::new(
                    &q.id.to_string(),
                    q.name,
                    form.required_qualification_id == q.id.to_string(),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let locations = match owner {
        Some(o) => location::of_organisation(&state.db, o)
            .await?
            .into_iter()
            .map(|l| {
                Choice::new(
                    &l.id.to_string(),
                    l.name,
                    form.location_id.trim() == l.id.to_string(),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    let kinds = ResourceKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), t.t(k.message_key()), form.kind == k.code()))
        .collect();
    let approvals = Approval::ALL
        .iter()
        .map(|a| Choice::new(a.code(), t.t(a.message_key()), form.approval == a.code()))
        .collect();
    let eligibilities = Eligibility::ALL
        .iter()
        .map(|e| Choice::new(e.code(), t.t(e.message_key()), form.eligibility == e.code()))
        .collect();
    let price_rows = BookerKind::ALL
        .iter()
        .map(|k| {
            let (hour, day) = form.price(*k);
            PriceRow {
                code: k.code(),
                label: t.t(k.message_key()),
                hour: hour.to_string(),
                day: day.to_string(),
            }
        })
        .collect();
    let errors = FieldErrors::new(&t, errors);
    let weekdays = day_fields(&t, "", form.days(), &errors);
    let exception_rows = ExceptionFields {
        date: form.exception_date.clone(),
        hours: form.exception_hours.clone(),
        note: form.exception_note.clone(),
    }
    .rows(&t, &exception_errors, 3);
    let managers = if access::sets_resource_managers(&session.user) {
        Some(manager_choices(state, &form.managers).await?)
    } else {
        None
    };
    Ok(FormPage {
        managers,
        qualifications_link: owner.map(|o| format!("/organisations/{o}/qualifications")),
        locations_link: owner.map(|o| format!("/organisations/{o}/locations")),
        locations,
        page,
        id,
        form,
        errors,
        kinds,
        owners,
        owner_fixed,
        wholes,
        qualifications,
        approvals,
        eligibilities,
        price_rows,
        weekdays,
        exception_rows,
    })
}

/// The staff users to choose managers among, with any chosen user who is not staff (a partner
/// of the owner made a manager through the API) kept, so that saving the form keeps them.
async fn manager_choices(state: &AppState, chosen: &[String]) -> Result<Vec<Choice>, AppError> {
    let is_chosen = |id: i64| chosen.iter().any(|c| c.trim() == id.to_string());
    let mut choices: Vec<Choice> = Vec::new();
    let candidates = manager::candidates(&state.db).await?;
    for c in &candidates {
        choices.push(Choice::new(
            &c.user_id.to_string(),
            format!("{} ({})", c.name, c.email),
            is_chosen(c.user_id),
        ));
    }
    for id in chosen.iter().filter_map(|c| c.trim().parse::<i64>().ok()) {
        if candidates.iter().any(|c| c.user_id == id) {
            continue;
        }
        if let Some(u) = vaski_store::account::user_by_id(&state.db, id).await? {
            choices.push(Choice::new(
                &id.to_string(),
                format!("{} ({})", u.name, u.email),
                true,
            ));
        }
    }
    Ok(choices)
}

/// May publish resources for some organisation: the institution's staff, a partner for their own.
pub(super) fn publishes(user: &User) -> Result<(), AppError> {
    match user.role {
        Role::Admin | Role::Staff => Ok(()),
        Role::Partner => match user.organisation_id {
            Some(own) => access::manages_resource(user, own),
            None => Err(AppError::Forbidden),
        },
        Role::Viewer => Err(AppError::Forbidden),
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    publishes(&session.user)?;
    let form = ResourceForm {
        kind: ResourceKind::Machine.code().into(),
        approval: Approval::Owner.code().into(),
        eligibility: Eligibility::RegisteredPartners.code().into(),
        closed_on_public_holidays: "1".into(),
        owner_organisation_id: match session.user.role {
            Role::Partner => session
                .user
                .organisation_id
                .map(|o| o.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        },
        // The creator becomes a manager in any case; shown chosen so that the form says so.
        managers: vec![session.user.id.to_string()],
        ..Default::default()
    };
    render(&form_page(&state, &session, None, form, BTreeMap::new(), Vec::new()).await?)
}

pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let r = resource::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::manages_resource(&session.user, r.owner_organisation_id)?;
    let prices = resource::prices(&state.db, id).await?;
    let weekly = resource::weekly_hours(&state.db, id).await?;
    let exceptions = resource::exceptions(&state.db, id).await?;
    let t = Tr::new(session.lang);
    let mut form = ResourceForm::of(&t, &r, &prices, &weekly, &exceptions);
    form.managers = manager::managers(&state.db, id)
        .await?
        .into_iter()
        .map(|m| m.user_id.to_string())
        .collect();
    render(
        &form_page(
            &state,
            &session,
            Some(id),
            form,
            BTreeMap::new(),
            Vec::new(),
        )
        .await?,
    )
}

async fn form_again(
    state: &AppState,
    session: &Session,
    id: Option<i64>,
    form: ResourceForm,
    errors: BTreeMap<&'static str, &'static str>,
    exception_errors: Vec<Option<&'static str>>,
) -> Result<Response, AppError> {
    let mut res = render(&form_page(state, session, id, form, errors, exception_errors).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// A valid form: the resource, its weekly hours, its dated exceptions and, where the user
/// chooses them, its managers.
struct Valid {
    draft: ResourceDraft,
    location: Option<i64>,
    weekly: Vec<WeeklyRange>,
    exceptions: Vec<DatedException>,
    managers: Option<Vec<i64>>,
}

/// An invalid form: the errors by field, and each exception row's.
struct Refused {
    errors: BTreeMap<&'static str, &'static str>,
    rows: Vec<Option<&'static str>>,
}

/// Validates the whole form; the domain's field names of scaled rules are mapped to the form's.
async fn validate(
    state: &AppState,
    session: &Session,
    form: &ResourceForm,
) -> Result<Result<Valid, Refused>, AppError> {
    let mut errors: BTreeMap<&'static str, &'static str> = BTreeMap::new();
    let draft = match form.input().validate() {
        Ok(d) => Some(d),
        Err(e) => {
            for (field, key) in e {
                let field = SCALED
                    .iter()
                    .find(|(domain, _, _)| *domain == field)
                    .map_or(field, |(_, form_field, _)| *form_field);
                errors.insert(field, key);
            }
            None
        }
    };
    let weekly = match parse_weekly(form.days()) {
        Ok(w) => Some(w),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let location = form.location().unwrap_or_else(|()| {
        errors.insert("location_id", "places-error-location-of-owner");
        None
    });
    let (exceptions, exception_errors) = form.exceptions();
    if exception_errors.iter().any(Option::is_some) {
        errors.insert("exceptions", "error-exceptions");
    }
    let managers = if access::sets_resource_managers(&session.user) {
        let ids = form.manager_ids();
        if ids.is_none() {
            errors.insert("managers", "error-manager-not-eligible");
        }
        ids
    } else {
        None
    };
    if let Some(d) = &draft {
        if access::manages_resource(&session.user, d.owner_organisation_id).is_err() {
            errors.insert("owner_organisation_id", "error-owner-not-yours");
        }
        if let Some(q) = d.required_qualification_id {
            let belongs = qualification::get(&state.db, q)
                .await?
                .is_some_and(|q| q.organisation_id == d.owner_organisation_id);
            if !belongs {
                errors.insert("required_qualification_id", "error-qualification-of-owner");
            }
        }
        if let Some(w) = d.part_of {
            let same_owner = resource::get(&state.db, w)
                .await?
                .is_some_and(|w| w.owner_organisation_id == d.owner_organisation_id);
            if !same_owner {
                errors.insert("part_of", "error-part-of-owner");
            }
        }
        if let Some(l) = location {
            let owners = location::get(&state.db, l)
                .await?
                .is_some_and(|l| l.organisation_id == d.owner_organisation_id);
            if !owners {
                errors.insert("location_id", "places-error-location-of-owner");
            }
        }
    }
    match (draft, weekly) {
        (Some(draft), Some(weekly)) if errors.is_empty() => Ok(Ok(Valid {
            draft,
            location,
            weekly,
            exceptions,
            managers,
        })),
        _ => Ok(Err(Refused {
            errors,
            rows: exception_errors,
        })),
    }
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<ResourceForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    publishes(&session.user)?;
    let Valid {
        draft,
        location,
        weekly,
        exceptions,
        managers,
    } = match validate(&state, &session, &form).await? {
        Ok(v) => v,
        Err(Refused { errors, rows }) => {
            return form_again(&state, &session, None, form, errors, rows).await
        }
    };
    access::manages_resource(&session.user, draft.owner_organisation_id)?;
    let mut managers = managers.unwrap_or_default();
    managers.push(session.user.id);
    let mut tx = state.db.begin().await?;
    let actor = session.actor();
    let written = match resource::create(&mut tx, &draft, &actor).await {
        Ok(id) => match manager::set_managers(&mut tx, id, &managers, &actor).await {
            Ok(_) => resource::set_location(&mut tx, id, location, &actor)
                .await
                .map(|()| id),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    let id = match written {
        Ok(id) => id,
        Err(StoreError::Invalid { field, key }) => {
            drop(tx);
            let errors = [(field, key)].into_iter().collect();
            return form_again(&state, &session, None, form, errors, Vec::new()).await;
        }
        Err(e) => return Err(e.into()),
    };
    resource::set_weekly_hours(&mut tx, id, &weekly, &session.actor()).await?;
    resource::replace_exceptions(&mut tx, id, &exceptions, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/resources/{id}")).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(form): Form<ResourceForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let old = resource::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::manages_resource(&session.user, old.owner_organisation_id)?;
    let Valid {
        draft,
        location,
        weekly,
        exceptions,
        managers,
    } = match validate(&state, &session, &form).await? {
        Ok(v) => v,
        Err(Refused { errors, rows }) => {
            return form_again(&state, &session, Some(id), form, errors, rows).await
        }
    };
    let mut tx = state.db.begin().await?;
    let actor = session.actor();
    let written = match resource::update(&mut tx, id, &draft, &actor).await {
        Ok(_) => match &managers {
            Some(ids) => manager::set_managers(&mut tx, id, ids, &actor)
                .await
                .map(|_| ()),
            None => Ok(()),
        },
        Err(e) => Err(e),
    };
    let written = match written {
        Ok(()) => resource::set_location(&mut tx, id, location, &actor).await,
        Err(e) => Err(e),
    };
    match written {
        Ok(()) => {}
        Err(StoreError::Invalid { field, key }) => {
            drop(tx);
            let errors = [(field, key)].into_iter().collect();
            return form_again(&state, &session, Some(id), form, errors, Vec::new()).await;
        }
        Err(e) => return Err(e.into()),
    }
    resource::set_weekly_hours(&mut tx, id, &weekly, &session.actor()).await?;
    resource::replace_exceptions(&mut tx, id, &exceptions, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/resources/{id}")).into_response())
}
