//! Suunta's files: the action plan and the scorecard as XLSX, and the plan's structure as JSON
//! (`vaski-plan/1`) — downloaded by staff or through a public link, and copied into a new plan
//! of this Vaski from such a file.

use super::public::CsrfOnly;
use crate::auth::token::hash_secret;
use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, url_encode, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use vaski_domain::strategy::template::PlanTemplate;
use vaski_sheets::Cell;
use vaski_store::strategy::template::{self, CopyError};
use vaski_store::strategy::{action, plan, public_link, scorecard};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn download(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", url_encode(file_name)),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// The action plan as a workbook: one row per action with its goal, status, dates, owners and
/// milestones.
pub async fn actions_xlsx(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let p = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let t = Tr::new(session.lang);
    let goals = plan::goals(&state.db, id).await?;
    let rows: Vec<Vec<Cell>> = action::of_plan(&state.db, id)
        .await?
        .into_iter()
        .map(|a| {
            let goal = goals
                .iter()
                .find(|g| g.id == a.row.goal_id)
                .map(|g| g.title.clone())
                .unwrap_or_default();
            vec![
                Cell::Text(goal),
                Cell::Text(a.row.title.clone()),
                Cell::Text(t.t(a.shown_status.message_key())),
                Cell::Text(a.row.starts_on.to_string()),
                Cell::Text(a.row.ends_on.to_string()),
                Cell::Text(
                    a.owners
                        .iter()
                        .map(|o| o.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                a.row
                    .budget_cents
                    .map(Cell::Cents)
                    .unwrap_or(Cell::Text(String::new())),
                Cell::Text(
                    a.milestones
                        .iter()
                        .map(|m| {
                            format!(
                                "{} {}{}",
                                m.due_on,
                                m.title,
                                if m.done_on.is_some() { " ✓" } else { "" }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]
        })
        .collect();
    let headers = [
        "strategy-goal",
        "strategy-col-action",
        "strategy-col-status",
        "strategy-starts-on",
        "strategy-ends-on",
        "strategy-col-owners",
        "strategy-budget",
        "strategy-col-milestones",
    ]
    .map(|k| t.t(k));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let bytes = vaski_sheets::write_xlsx_cells(&t.t("strategy-action-plan"), &headers, &rows, None)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        XLSX,
        &format!("{}-toimenpiteet.xlsx", p.title),
    ))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub year: Option<i32>,
}

/// The scorecard of a year as a workbook; shares as percentages.
pub async fn scorecard_xlsx(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let p = plan::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let period = p.period()?;
    let year = q
        .year
        .filter(|y| period.contains_year(*y))
        .unwrap_or_else(|| period.current_year(action::today()));
    let card = scorecard::for_year(&state.db, id, year, scorecard::Trends::Without).await?;
    let t = Tr::new(session.lang);
    let rows: Vec<Vec<Cell>> = card
        .rows
        .iter()
        .map(|r| {
            let scale = if r.indicator.unit == "share" {
                100.0
            } else {
                1.0
            };
            let number = |v: Option<f64>| {
                v.map(|v| Cell::Decimal(v * scale))
                    .unwrap_or(Cell::Text(String::new()))
            };
            vec![
                Cell::Text(r.indicator.name.clone()),
                Cell::Text(t.t(r.indicator.unit().message_key())),
                number(r.baseline),
                number(r.target),
                number(r.actual),
                r.progress
                    .map(|x| Cell::Decimal(x * 100.0))
                    .unwrap_or(Cell::Text(String::new())),
                Cell::Text(t.t(r.status.message_key())),
            ]
        })
        .collect();
    let headers = [
        "strategy-col-indicator",
        "strategy-unit",
        "strategy-col-baseline",
        "strategy-col-target",
        "strategy-col-actual",
        "strategy-col-progress",
        "strategy-col-status",
    ]
    .map(|k| t.t(k));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let bytes = vaski_sheets::write_xlsx_cells(
        &t.t1("strategy-scorecard-heading", "year", year),
        &headers,
        &rows,
        None,
    )
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        bytes,
        XLSX,
        &format!("{}-tuloskortti-{year}.xlsx", p.title),
    ))
}

async fn plan_json(state: &AppState, id: i64) -> Result<Response, AppError> {
    let t = template::export(&state.db, id).await?;
    Ok(download(
        t.to_json().into_bytes(),
        "application/json",
        &format!("{}.json", t.title),
    ))
}

/// The plan's structure for another institution, to staff.
pub async fn structure(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    plan_json(&state, id).await
}

/// The same through a public link: the structure holds no people by construction.
pub async fn public_structure(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let id = public_link::plan_of(&state.db, &hash_secret(&token))
        .await?
        .ok_or(AppError::NotFound)?;
    plan_json(&state, id).await
}

#[derive(Template)]
#[template(path = "strategy/plan_copy.html")]
struct CopyPage {
    page: Frame,
    organisations: Vec<crate::sharing::Choice>,
    error: Option<String>,
    /// The public link as typed, kept when the copy is refused.
    link: String,
}

async fn copy_page(
    state: &AppState,
    session: &Session,
    chosen: &str,
    link: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let organisations = plan::institutions(&state.db)
        .await?
        .into_iter()
        .map(|(id, name)| {
            crate::sharing::Choice::new(&id.to_string(), name, chosen == id.to_string())
        })
        .collect();
    let mut r = render(&CopyPage {
        page: Frame::of(session, "/plans/copy", "strategy-copy-title"),
        organisations,
        error,
        link: link.to_string(),
    })?;
    *r.status_mut() = status;
    Ok(r)
}

pub async fn copy_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    copy_page(&state, &session, "", "", None, StatusCode::OK).await
}

/// A new plan from an uploaded `vaski-plan/1` file; a file that does not hold says where.
pub async fn copy(
    State(state): State<AppState>,
    session: Session,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let (mut csrf, mut organisation, mut file, mut link) = (
        CsrfOnly::default().csrf,
        String::new(),
        Vec::new(),
        String::new(),
    );
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(e.body_text()))?
    {
        match field.name().unwrap_or("") {
            "file" => {
                file = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::TooLarge)?
                    .to_vec()
            }
            "csrf" => {
                csrf = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(e.to_string()))?
            }
            "organisation" => {
                organisation = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(e.to_string()))?
            }
            "link" => {
                link = field
                    .text()
                    .await
                    .map_err(|e| AppError::BadRequest(e.to_string()))?
            }
            _ => {}
        }
    }
    session.check_csrf(&csrf)?;
    let t = Tr::new(session.lang);
    let say = |at: &str, key: &str| t.t1("strategy-copy-error", "where", at) + " " + &t.t(key);
    let Ok(organisation_id) = organisation.trim().parse::<i64>() else {
        return copy_page(
            &state,
            &session,
            &organisation,
            &link,
            Some(t.t("error-required")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    if file.is_empty() && link.trim().is_empty() {
        return copy_page(
            &state,
            &session,
            &organisation,
            &link,
            Some(t.t("strategy-copy-either")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    if file.is_empty() {
        match fetch_public_plan(link.trim()).await {
            Ok(bytes) => file = bytes,
            Err(key) => {
                return copy_page(
                    &state,
                    &session,
                    &organisation,
                    &link,
                    Some(t.t(key)),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            }
        }
    }
    let parsed = match PlanTemplate::from_json(&file) {
        Ok(p) => p,
        Err(e) => {
            return copy_page(
                &state,
                &session,
                &organisation,
                &link,
                Some(say(&e.at, e.key)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let mut tx = state.db.begin().await?;
    match template::import(&mut tx, organisation_id, &parsed, &session.actor()).await {
        Ok(id) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/plans/{id}/edit")).into_response())
        }
        Err(CopyError::Template(e)) => {
            drop(tx);
            copy_page(
                &state,
                &session,
                &organisation,
                &link,
                Some(say(&e.at, e.key)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(CopyError::Store(e)) => Err(e.into()),
    }
}

/// The most a public plan's structure may weigh when read from another Vaski.
const LINK_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Reads a public plan's structure (`plan.json`) from its public link, on this or another
/// Vaski. Only a link of the public-plan shape is followed, over http(s), without redirects,
/// for at most ten seconds and two megabytes: the server fetches what a user typed, so it
/// fetches nothing else. The error is a message key.
async fn fetch_public_plan(link: &str) -> Result<Vec<u8>, &'static str> {
    let url = plan_json_url(link).ok_or("error-copy-link-shape")?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|_| "error-copy-link-unreachable")?;
    let mut answer = client
        .get(url)
        .send()
        .await
        .map_err(|_| "error-copy-link-unreachable")?;
    if !answer.status().is_success() {
        return Err("error-copy-link-gone");
    }
    let mut body = Vec::new();
    while let Some(chunk) = answer
        .chunk()
        .await
        .map_err(|_| "error-copy-link-unreachable")?
    {
        if body.len() + chunk.len() > LINK_MAX_BYTES {
            return Err("error-copy-link-too-large");
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The `plan.json` address of a public link `http(s)://host/public/plans/TOKEN` (with or
/// without `/plan.json`), or `None` for anything else.
fn plan_json_url(link: &str) -> Option<String> {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let token = path
        .strip_prefix("public/plans/")?
        .trim_end_matches('/')
        .trim_end_matches("/plan.json");
    let token_ok = !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let host_ok = !host.is_empty() && !host.contains(['@', '?', '#', '\\']);
    (token_ok && host_ok).then(|| {
        format!(
            "{}{host}/public/plans/{token}/plan.json",
            &link[..link.len() - rest.len()]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::plan_json_url;

    #[test]
    fn only_a_public_plan_link_is_followed() {
        assert_eq!(
            plan_json_url("https://vaski.example.fi/public/plans/abc_DEF-123").as_deref(),
            Some("https://vaski.example.fi/public/plans/abc_DEF-123/plan.json")
        );
        assert_eq!(
            plan_json_url("http://127.0.0.1:8080/public/plans/abc/plan.json").as_deref(),
            Some("http://127.0.0.1:8080/public/plans/abc/plan.json")
        );
        for refused in [
            "ftp://vaski.example.fi/public/plans/abc",
            "https://vaski.example.fi/admin/mail",
            "https://vaski.example.fi/public/plans/",
            "https://user@vaski.example.fi/public/plans/abc",
            "https://vaski.example.fi/public/plans/abc?x=1",
            "https://vaski.example.fi/public/plans/../../admin",
            "vaski.example.fi/public/plans/abc",
        ] {
            assert_eq!(plan_json_url(refused), None, "{refused}");
        }
    }
}
