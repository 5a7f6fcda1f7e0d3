//! Export of the organisation list as CSV (for a Finnish Excel: UTF-8 with a BOM, `;`) or
//! XLSX, with the same filters as the list page.
//!
//! The columns have Finnish headers that the importer recognises, and the values are written
//! the way the importer reads them back (kind, status and forms of cooperation by their
//! Finnish names, the industry as its code and name, the municipality by its Finnish name),
//! so that an exported file imported again in upsert mode changes nothing. The owners and the
//! date of the last interaction are for reading only; the importer leaves those columns alone.

use super::organisations::ListQuery;
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::catalogues;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use time::OffsetDateTime;
use vaski_domain::network::import::recognise_cooperation;
use vaski_domain::network::CooperationForm;
use vaski_domain::reference::{Industry, Municipality};
use vaski_domain::Language;
use vaski_store::audit::{self, Change, Subject};
use vaski_store::network::import::{self as store, ExportOrganisation};
use vaski_store::network::organisation::Filter;
use vaski_store::{Actor, Db, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations/export.csv", get(export_csv))
        .route("/organisations/export.xlsx", get(export_xlsx))
}

/// The headers of an export, in Finnish.
pub const HEADERS: &[&str] = &[
    "Nimi",
    "Y-tunnus",
    "Tyyppi",
    "Toimiala",
    "Kunta",
    "Osoite",
    "Verkkosivut",
    "Tunnisteet",
    "Yhteistyömuodot",
    "Tila",
    "Vastuuhenkilöt",
    "Viimeisin yhteydenotto",
    "Yhteyshenkilö",
    "Tehtävänimike",
    "Sähköposti",
    "Puhelin",
];

/// Finnish words for the forms of cooperation whose name in the catalogue the importer does
/// not (yet) know; each must be read back as its form.
const COOPERATION_FALLBACK: &[(CooperationForm, &str)] = &[
    (CooperationForm::TrainingPurchase, "Koulutuksen osto"),
    (CooperationForm::GuestTeaching, "Vierailijaopettajuus"),
];

fn finnish(key: &str) -> String {
    catalogues().message(Language::Fi, key, None)
}

/// A form of cooperation in Finnish, as the importer reads it back: its name in the Finnish
/// catalogue, else a known Finnish word for it, else its code.
pub fn cooperation_in_finnish(form: CooperationForm) -> String {
    let name = finnish(form.message_key());
    if recognise_cooperation(&name) == Some(form) {
        return name;
    }
    COOPERATION_FALLBACK
        .iter()
        .find(|(f, word)| *f == form && recognise_cooperation(word) == Some(form))
        .map(|(_, word)| (*word).to_string())
        .unwrap_or_else(|| form.code().to_string())
}

/// One organisation as a row under [`HEADERS`].
pub fn row_of(o: &ExportOrganisation) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let contact = o.contact.as_ref();
    vec![
        o.name.clone(),
        text(&o.business_id),
        finnish(o.kind.message_key()),
        o.industry_code
            .as_deref()
            .and_then(Industry::by_code)
            .map(|i| format!("{} {}", i.code, i.name_fi))
            .unwrap_or_default(),
        o.municipality_code
            .as_deref()
            .and_then(Municipality::by_code)
            .map(|m| m.name_fi.clone())
            .unwrap_or_default(),
        text(&o.address),
        text(&o.website),
        o.tags.join(", "),
        o.cooperation
            .iter()
            .map(|c| cooperation_in_finnish(*c))
            .collect::<Vec<_>>()
            .join(", "),
        finnish(o.status.message_key()),
        o.owners.join(", "),
        o.last_interaction_on
            .map(|d| format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year()))
            .unwrap_or_default(),
        contact.map(|c| c.name.clone()).unwrap_or_default(),
        contact.and_then(|c| c.title.clone()).unwrap_or_default(),
        contact.and_then(|c| c.email.clone()).unwrap_or_default(),
        contact.and_then(|c| c.phone.clone()).unwrap_or_default(),
    ]
}

/// The organisations of a filter as export rows under [`HEADERS`].
pub async fn rows(db: &Db, filter: &Filter) -> Result<Vec<Vec<String>>, StoreError> {
    Ok(store::export(db, filter)
        .await?
        .iter()
        .map(row_of)
        .collect())
}

/// The export formats.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The file of an export in a format.
pub fn file_of(format: Format, rows: &[Vec<String>]) -> Result<Vec<u8>, vaski_sheets::SheetError> {
    match format {
        Format::Csv => Ok(vaski_sheets::write_csv(HEADERS, rows)),
        Format::Xlsx => vaski_sheets::write_xlsx("Organisaatiot", HEADERS, rows),
    }
}

async fn export(
    state: &AppState,
    session: &Session,
    query: &ListQuery,
    format: Format,
) -> Result<Response, AppError> {
    // Staff, admins and viewers export what the list shows; a partner only their own
    // organisation (the filter limits it, as on the list page).
    let filter = query.filter(&session.user);
    let rows = rows(&state.db, &filter).await?;
    let bytes = file_of(format, &rows).map_err(|e| AppError::Internal(e.to_string()))?;
    record_export(
        &state.db,
        &session.actor(),
        format,
        rows.len(),
        &query.query_string(),
    )
    .await?;
    let today = OffsetDateTime::now_utc().date();
    let file_name = format!("organisaatiot-{today}.{}", format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// Notes in the audit trail who exported what: the file holds contact people's data.
pub async fn record_export(
    db: &Db,
    actor: &Actor,
    format: Format,
    count: usize,
    filter: &str,
) -> Result<(), StoreError> {
    let changes = [
        ("format", format.extension().to_string()),
        ("rows", count.to_string()),
        ("filter", filter.to_string()),
    ]
    .into_iter()
    .map(|(field, value)| Change {
        field: field.to_string(),
        old: None,
        new: Some(value),
    })
    .collect::<Vec<_>>();
    let mut tx = db.begin().await?;
    audit::record(
        &mut tx,
        actor,
        "export",
        Subject {
            entity: "organisation",
            entity_id: None,
            organisation_id: None,
        },
        &changes,
    )
    .await?;
    tx.commit().await
}

pub async fn export_csv(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    export(&state, &session, &query, Format::Csv).await
}

pub async fn export_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    export(&state, &session, &query, Format::Xlsx).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_cooperation_is_exported_as_a_word_the_importer_reads_back() {
        for form in CooperationForm::ALL {
            let word = cooperation_in_finnish(*form);
            assert_eq!(recognise_cooperation(&word), Some(*form), "{word}");
            assert_ne!(word, form.code(), "{form} is exported in Finnish");
        }
    }

    #[test]
    fn every_header_but_owners_and_last_interaction_is_recognised_by_the_importer() {
        let ignored: Vec<&str> = HEADERS
            .iter()
            .copied()
            .filter(|h| vaski_domain::network::import::recognise(h).is_none())
            .collect();
        assert_eq!(ignored, vec!["Vastuuhenkilöt", "Viimeisin yhteydenotto"]);
    }
}
