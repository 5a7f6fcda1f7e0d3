//! `/admin/perspectives`: the perspectives goals serve (working life, students, network, …).
//! An administrator adds one (a key and its name in Finnish, Swedish and English) or renames
//! one; the key stays, as goals refer to it. Everyone else gets 403. Every change is audited
//! by the store.

use super::edit::Errors;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use vaski_domain::network::organisation::{record, FieldErrors};
use vaski_domain::text::{required_line, Invalid};
use vaski_store::strategy::plan::{self, Perspective};

/// A perspective as typed: the key only when adding one.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PerspectiveForm {
    pub csrf: String,
    pub key: String,
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
}

/// A key goals refer to: lower-case letters a–z, digits and `_`, at most 40.
fn parse_key(s: &str) -> Result<String, Invalid> {
    let k = s.trim();
    if k.is_empty() {
        return Err(Invalid::new("error-required"));
    }
    let fine = k.len() <= 40
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if fine {
        Ok(k.to_string())
    } else {
        Err(Invalid::new("error-perspective-key"))
    }
}

impl PerspectiveForm {
    fn validate(&self, key: &str) -> Result<Perspective, FieldErrors> {
        let mut errors = FieldErrors::new();
        let key = record(&mut errors, "key", parse_key(key));
        let fi = record(&mut errors, "name_fi", required_line(&self.name_fi, 60));
        let sv = record(&mut errors, "name_sv", required_line(&self.name_sv, 60));
        let en = record(&mut errors, "name_en", required_line(&self.name_en, 60));
        match (key, fi, sv, en) {
            (Some(key), Some(name_fi), Some(name_sv), Some(name_en)) if errors.is_empty() => {
                Ok(Perspective {
                    key,
                    name_fi,
                    name_sv,
                    name_en,
                })
            }
            _ => Err(errors),
        }
    }
}

/// One perspective on the page with its rename form.
struct Row {
    key: String,
    form: PerspectiveForm,
    errors: Errors,
}

#[derive(Template)]
#[template(path = "strategy/perspectives.html")]
struct PerspectivesPage {
    page: Frame,
    rows: Vec<Row>,
    new: PerspectiveForm,
    new_errors: Errors,
}

enum Refused {
    None,
    Add(PerspectiveForm, Errors),
    Rename(String, PerspectiveForm, Errors),
}

async fn perspectives_page(
    state: &AppState,
    session: &Session,
    refused: Refused,
) -> Result<Response, AppError> {
    let page = Frame::of(
        session,
        "/admin/perspectives",
        "strategy-perspectives-title",
    );
    let (mut new, mut new_errors) = (PerspectiveForm::default(), Errors::default());
    let mut renamed = None;
    match refused {
        Refused::None => {}
        Refused::Add(f, e) => (new, new_errors) = (f, e),
        Refused::Rename(k, f, e) => renamed = Some((k, f, e)),
    }
    let rows = plan::perspectives(&state.db)
        .await?
        .into_iter()
        .map(|p| match &renamed {
            Some((k, f, e)) if *k == p.key => Row {
                key: p.key,
                form: f.clone(),
                errors: e.clone(),
            },
            _ => Row {
                form: PerspectiveForm {
                    csrf: String::new(),
                    key: p.key.clone(),
                    name_fi: p.name_fi,
                    name_sv: p.name_sv,
                    name_en: p.name_en,
                },
                key: p.key,
                errors: Errors::default(),
            },
        })
        .collect();
    render(&PerspectivesPage {
        page,
        rows,
        new,
        new_errors,
    })
}

/// `GET /admin/perspectives`
pub async fn page(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    access::is_admin(&session.user)?;
    perspectives_page(&state, &session, Refused::None).await
}

/// Adds a perspective; a key already in use is refused on the key field.
pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<PerspectiveForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::is_admin(&session.user)?;
    let p = match form.validate(&form.key) {
        Ok(p) => p,
        Err(e) => return perspectives_page(&state, &session, Refused::Add(form, e.into())).await,
    };
    let taken = plan::perspectives(&state.db)
        .await?
        .iter()
        .any(|x| x.key == p.key);
    if taken {
        let errors = Errors([("key", "error-perspective-key-taken")].into());
        return perspectives_page(&state, &session, Refused::Add(form, errors)).await;
    }
    let mut tx = state.db.begin().await?;
    plan::save_perspective(&mut tx, &p, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/perspectives").into_response())
}

/// Renames a perspective in the three languages; its key stays.
pub async fn rename(
    State(state): State<AppState>,
    session: Session,
    Path(key): Path<String>,
    Form(form): Form<PerspectiveForm>,
) -> Result<Response, AppError> {
    session.check_csrf(&form.csrf)?;
    access::is_admin(&session.user)?;
    let exists = plan::perspectives(&state.db)
        .await?
        .iter()
        .any(|x| x.key == key);
    if !exists {
        return Err(AppError::NotFound);
    }
    let p = match form.validate(&key) {
        Ok(p) => p,
        Err(e) => {
            return perspectives_page(&state, &session, Refused::Rename(key, form, e.into())).await
        }
    };
    let mut tx = state.db.begin().await?;
    plan::save_perspective(&mut tx, &p, &session.actor()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/perspectives").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perspective_key_is_lower_case_letters_digits_and_underscores() {
        assert_eq!(parse_key(" skills_2 "), Ok("skills_2".to_string()));
        assert_eq!(parse_key(""), Err(Invalid::new("error-required")));
        assert_eq!(
            parse_key("Osaaminen"),
            Err(Invalid::new("error-perspective-key"))
        );
        assert_eq!(
            parse_key("työelämä"),
            Err(Invalid::new("error-perspective-key"))
        );
    }
}
