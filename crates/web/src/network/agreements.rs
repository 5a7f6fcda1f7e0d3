//! Agreements: filing one under an organisation, with other parties and a document (a link or
//! an uploaded file), and downloading the document.

use super::view::FieldErrors;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use vaski_domain::network::agreement::AgreementInput;
use vaski_domain::network::AgreementKind;
use vaski_store::network::{agreement, organisation};
use vaski_store::sql;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations/{id}/agreements/new", get(new_form))
        .route("/organisations/{id}/agreements", post(create))
        .route("/agreements/{id}", post(update))
        .route("/agreements/{id}/edit", get(edit_form))
        .route("/agreements/{id}/delete", post(delete))
        .route("/documents/{id}", get(download))
}

#[derive(Template)]
#[template(path = "network/agreement_form.html")]
struct FormPage {
    page: Frame,
    action: String,
    /// Set when an existing agreement is edited, for the delete button.
    agreement_id: Option<i64>,
    organisation_id: i64,
    organisation_name: String,
    input: AgreementInput,
    organisations: Vec<(i64, String)>,
    errors: FieldErrors,
}

impl FormPage {
    fn kinds(&self) -> &'static [AgreementKind] {
        AgreementKind::ALL
    }
    fn is_party(&self, id: &i64) -> bool {
        self.input.other_parties.contains(id)
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
    Path(org): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let o = organisation::get(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let organisations = organisation::names(&state.db)
        .await?
        .into_iter()
        .filter(|(id, _)| *id != org)
        .collect();
    let page = Frame::of(
        &session,
        &format!("/organisations/{org}/agreements/new"),
        "agreement-new-title",
    );
    let input = AgreementInput {
        kind: "cooperation".into(),
        reminder_days: "60".into(),
        ..Default::default()
    };
    render(&FormPage {
        page,
        action: format!("/organisations/{org}/agreements"),
        agreement_id: None,
        organisation_id: org,
        organisation_name: o.name,
        input,
        organisations,
        errors: FieldErrors::default(),
    })
}

/// Other organisations that can be parties, besides `org`.
async fn other_organisations(state: &AppState, org: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(organisation::names(&state.db)
        .await?
        .into_iter()
        .filter(|(id, _)| *id != org)
        .collect())
}

pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let a = agreement::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parties = agreement::parties(&state.db, id).await?;
    let input = AgreementInput {
        title: a.title.clone(),
        kind: a.kind.clone(),
        valid_from: a.valid_from.to_string(),
        valid_to: a.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        reminder_days: a.reminder_days.to_string(),
        document_url: a.document_url.clone().unwrap_or_default(),
        notes: a.notes.clone().unwrap_or_default(),
        other_parties: parties
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| *p != a.organisation_id)
            .collect(),
    };
    let page = Frame::of(
        &session,
        &format!("/agreements/{id}/edit"),
        "agreement-edit-title",
    );
    render(&FormPage {
        page,
        action: format!("/agreements/{id}"),
        agreement_id: Some(id),
        organisation_id: a.organisation_id,
        organisations: other_organisations(&state, a.organisation_id).await?,
        organisation_name: a.organisation_name,
        input,
        errors: FieldErrors::default(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let (csrf, input, upload) = read_form(multipart, state.config.upload_limit_bytes).await?;
    session.check_csrf(&csrf)?;
    access::edits_network(&session.user)?;
    let a = agreement::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let page = Frame::of(
                &session,
                &format!("/agreements/{id}/edit"),
                "agreement-edit-title",
            );
            let errors = FieldErrors::new(&page.t, errors);
            let mut res = render(&FormPage {
                page,
                action: format!("/agreements/{id}"),
                agreement_id: Some(id),
                organisation_id: a.organisation_id,
                organisations: other_organisations(&state, a.organisation_id).await?,
                organisation_name: a.organisation_name,
                input,
                errors,
            })?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let mut tx = state.db.begin().await?;
    agreement::update(&mut tx, id, &draft, &session.actor()).await?;
    if let Some(u) = upload {
        let doc =
            agreement::store_document(&mut tx, &u.file_name, &u.content_type, u.bytes).await?;
        agreement::set_document(&mut tx, id, doc, &session.actor()).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{}#agreements", a.organisation_id)).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<crate::pages::CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let a = agreement::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    agreement::delete(&mut tx, id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{}#agreements", a.organisation_id)).into_response())
}

/// An uploaded document.
struct Upload {
    file_name: String,
    content_type: String,
    bytes: Vec<u8>,
}

/// Reads the multipart form; fields other than the file are text.
async fn read_form(
    mut multipart: Multipart,
    limit: usize,
) -> Result<(String, AgreementInput, Option<Upload>), AppError> {
    let mut csrf = String::new();
    let mut input = AgreementInput::default();
    let mut upload = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.to_string()))?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "document" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let content_type = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_string();
            let bytes = field.bytes().await.map_err(|_| AppError::TooLarge)?;
            if bytes.len() > limit {
                return Err(AppError::TooLarge);
            }
            if !file_name.is_empty() && !bytes.is_empty() {
                upload = Some(Upload {
                    file_name,
                    content_type,
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let value = field
            .text()
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        match name.as_str() {
            "csrf" => csrf = value,
            "title" => input.title = value,
            "kind" => input.kind = value,
            "valid_from" => input.valid_from = value,
            "valid_to" => input.valid_to = value,
            "reminder_days" => input.reminder_days = value,
            "document_url" => input.document_url = value,
            "notes" => input.notes = value,
            "other_parties" => {
                if let Ok(id) = value.parse() {
                    input.other_parties.push(id);
                }
            }
            _ => {}
        }
    }
    Ok((csrf, input, upload))
}

pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Path(org): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let (csrf, input, upload) = read_form(multipart, state.config.upload_limit_bytes).await?;
    session.check_csrf(&csrf)?;
    access::edits_network(&session.user)?;
    let o = organisation::get(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = match input.validate() {
        Ok(d) => d,
        Err(errors) => {
            let organisations = organisation::names(&state.db)
                .await?
                .into_iter()
                .filter(|(id, _)| *id != org)
                .collect();
            let page = Frame::of(
                &session,
                &format!("/organisations/{org}/agreements/new"),
                "agreement-new-title",
            );
            let errors = FieldErrors::new(&page.t, errors);
            let mut res = render(&FormPage {
                page,
                action: format!("/organisations/{org}/agreements"),
                agreement_id: None,
                organisation_id: org,
                organisation_name: o.name,
                input,
                organisations,
                errors,
            })?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let mut tx = state.db.begin().await?;
    let document_id = match upload {
        Some(u) => {
            Some(agreement::store_document(&mut tx, &u.file_name, &u.content_type, u.bytes).await?)
        }
        None => None,
    };
    agreement::create(&mut tx, org, &draft, document_id, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/organisations/{org}#agreements")).into_response())
}

/// Downloads an agreement's document, for those who may read one of its parties.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let parties: Vec<(i64,)> = state
        .db
        .fetch_all(sql("SELECT p.organisation_id FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id WHERE a.document_id = $1").bind(id))
        .await?;
    if !parties
        .iter()
        .any(|(o,)| access::reads_organisation(&session.user, *o).is_ok())
    {
        return Err(AppError::NotFound);
    }
    let doc = agreement::document(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let safe_name: String = doc
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe_name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        doc.bytes,
    )
        .into_response())
}
