//! Pictures of a resource: those who may edit the resource upload a picture with its text
//! alternative, change that text and delete a picture; everyone who may see the resource gets
//! the pictures' bytes. The bytes are checked to be a real image of a bounded size (the domain's
//! `image::check_image`), whatever the file's name or the browser's claim.

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::network::view::FieldErrors;
use crate::pages::{render, CsrfOnly, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;
use vaski_domain::sharing::image::{check_image, MAX_IMAGE_BYTES};
use vaski_store::sharing::resource::{self, Resource};
use vaski_store::StoreError;

/// The longest text alternative accepted, in characters.
pub(crate) const ALT_MAX: usize = 300;

/// Pictures never change under their id (a new picture gets a new id), so a browser may keep
/// one for long; `private` since only logged-in users may see it.
pub(crate) const IMAGE_CACHE: &str = "private, max-age=31536000, immutable";

/// One picture on the page, with its own alt-text form.
pub struct Picture {
    pub id: i64,
    pub src: String,
    pub alt: String,
    /// What the alt-text form shows: the stored text, or what the user typed when refused.
    pub alt_input: String,
    pub alt_error: Option<String>,
}

#[derive(Template)]
#[template(path = "sharing/images.html")]
struct ImagesPage {
    page: Frame,
    r: Resource,
    pictures: Vec<Picture>,
    /// The upload form's alt text as typed.
    alt_text: String,
    errors: FieldErrors,
    max_mb: usize,
}

/// A refused change of one picture's alt text, shown again next to that picture.
struct AltRefusal {
    image_id: i64,
    typed: String,
    key: &'static str,
}

/// The resource, when the user may edit it (404 when it does not exist).
async fn editable(state: &AppState, session: &Session, id: i64) -> Result<Resource, AppError> {
    let r = resource::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::manages_resource(&session.user, r.owner_organisation_id)?;
    Ok(r)
}

/// The address a picture's bytes are served at.
pub fn image_src(resource_id: i64, image_id: i64) -> String {
    format!("/resources/{resource_id}/images/{image_id}")
}

async fn page_of(
    state: &AppState,
    session: &Session,
    r: Resource,
    alt_text: String,
    errors: BTreeMap<&'static str, &'static str>,
    refusal: Option<AltRefusal>,
) -> Result<ImagesPage, AppError> {
    let page = Frame::of(
        session,
        &format!("/resources/{}/images", r.id),
        "places-images-title",
    );
    let t = page.t.clone();
    let pictures = resource::images(&state.db, r.id)
        .await?
        .into_iter()
        .map(|i| {
            let alt = i.alt_text.unwrap_or_default();
            let refused = refusal.as_ref().filter(|f| f.image_id == i.id);
            Picture {
                id: i.id,
                src: image_src(r.id, i.id),
                alt_input: refused.map_or_else(|| alt.clone(), |f| f.typed.clone()),
                alt_error: refused.map(|f| t.t(f.key)),
                alt,
            }
        })
        .collect();
    Ok(ImagesPage {
        errors: FieldErrors::new(&t, errors),
        max_mb: MAX_IMAGE_BYTES / (1024 * 1024),
        page,
        r,
        pictures,
        alt_text,
    })
}

async fn refused(
    state: &AppState,
    session: &Session,
    r: Resource,
    alt_text: String,
    errors: BTreeMap<&'static str, &'static str>,
    refusal: Option<AltRefusal>,
) -> Result<Response, AppError> {
    let page = page_of(state, session, r, alt_text, errors, refusal).await?;
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let r = editable(&state, &session, id).await?;
    render(&page_of(&state, &session, r, String::new(), BTreeMap::new(), None).await?)
}

/// What the upload form (or an API client's multipart request) sent. The file is kept only up
/// to the size limit: a bigger one is remembered as too large, so that the answer can say so
/// next to the field.
#[derive(Default)]
pub(crate) struct UploadForm {
    pub csrf: String,
    pub alt_text: String,
    pub file: Option<Vec<u8>>,
    pub too_large: bool,
}

impl UploadForm {
    /// The text alternative and the picture's bytes, or each field's error (`alt_text`,
    /// `image`): the text is required, the file must be there, be an image and fit the limit.
    pub(crate) fn checked(self) -> Result<(String, Vec<u8>), BTreeMap<&'static str, &'static str>> {
        let mut errors = BTreeMap::new();
        let alt = vaski_domain::text::required_line(&self.alt_text, ALT_MAX)
            .map_err(|e| errors.insert("alt_text", e.key))
            .ok();
        let image = if self.too_large {
            errors.insert("image", "error-image-too-large");
            None
        } else {
            match self.file {
                None => {
                    errors.insert("image", "places-error-image-missing");
                    None
                }
                Some(bytes) => match check_image(&bytes) {
                    Ok(_) => Some(bytes),
                    Err(e) => {
                        errors.insert("image", e.key);
                        None
                    }
                },
            }
        };
        match (alt, image) {
            (Some(alt), Some(bytes)) => Ok((alt, bytes)),
            _ => Err(errors),
        }
    }
}

/// Reads the upload form. The form puts the file last, so that when the request is cut off
/// at the server's body limit the CSRF token and the alt text have already arrived and the
/// form can be shown again with the typed text.
pub(crate) async fn read_upload(mut multipart: Multipart) -> Result<UploadForm, AppError> {
    let mut form = UploadForm::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                form.too_large = true;
                break;
            }
            Err(e) => return Err(AppError::BadRequest(e.body_text())),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "image" {
            if read_file(field, &mut form).await? {
                continue;
            }
            // The body was cut off: nothing after the file can be read.
            break;
        }
        let value = field
            .text()
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        match name.as_str() {
            "csrf" => form.csrf = value,
            "alt_text" => form.alt_text = value,
            _ => {}
        }
    }
    Ok(form)
}

/// Reads the file field chunk by chunk, keeping at most one byte over the limit; answers
/// whether the rest of the body can still be read.
async fn read_file(
    mut field: axum::extract::multipart::Field<'_>,
    form: &mut UploadForm,
) -> Result<bool, AppError> {
    let mut bytes = Vec::new();
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() <= MAX_IMAGE_BYTES {
                    bytes.extend_from_slice(&chunk);
                }
            }
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                form.too_large = true;
                return Ok(false);
            }
            Err(e) => return Err(AppError::BadRequest(e.body_text())),
        }
    }
    if !bytes.is_empty() {
        form.file = Some(bytes);
    }
    Ok(true)
}

pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let form = read_upload(multipart).await?;
    session.check_csrf(&form.csrf)?;
    let r = editable(&state, &session, id).await?;
    let typed = form.alt_text.clone();
    let (alt, bytes) = match form.checked() {
        Ok(checked) => checked,
        Err(errors) => return refused(&state, &session, r, typed, errors, None).await,
    };
    let mut tx = state.db.begin().await?;
    let image_id = resource::add_image(&mut tx, id, bytes, Some(alt), &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/resources/{id}/images#image-{image_id}")).into_response())
}

/// Serves a picture's bytes to anyone who may see the resource (every logged-in user).
pub async fn bytes(
    State(state): State<AppState>,
    _session: Session,
    Path((id, image_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    resource::image_of(&state.db, id, image_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (content_type, bytes) = resource::image_bytes(&state.db, image_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, IMAGE_CACHE.to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AltForm {
    pub csrf: String,
    pub alt_text: String,
}

pub async fn update_alt(
    State(state): State<AppState>,
    session: Session,
    Path((id, image_id)): Path<(i64, i64)>,
    Form(form): Form<AltForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    let r = editable(&state, &session, id).await?;
    let alt = match vaski_domain::text::required_line(&form.alt_text, ALT_MAX) {
        Ok(alt) => alt,
        Err(e) => {
            let refusal = AltRefusal {
                image_id,
                typed: form.alt_text,
                key: e.key,
            };
            return refused(
                &state,
                &session,
                r,
                String::new(),
                BTreeMap::new(),
                Some(refusal),
            )
            .await;
        }
    };
    let mut tx = state.db.begin().await?;
    match resource::set_image_alt(&mut tx, id, image_id, &alt, &session.actor()).await {
        Ok(_) => tx.commit().await?,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/resources/{id}/images#image-{image_id}")).into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Path((id, image_id)): Path<(i64, i64)>,
    Form(form): Form<CsrfOnly>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    editable(&state, &session, id).await?;
    let mut tx = state.db.begin().await?;
    match resource::remove_image(&mut tx, id, image_id, &session.actor()).await {
        Ok(()) => tx.commit().await?,
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(&format!("/resources/{id}/images")).into_response())
}
