//! Import of organisation lists from spreadsheets: upload, preview with the column mapping,
//! confirmation and outcome.
//!
//! The uploaded file is sent once. The preview keeps it in the database (`import_uploads`,
//! for an hour, under a random id bound to the user), and the mapping form and the
//! confirmation refer to it by that id. Keeping it server-side rather than echoing 20 MB of
//! base64 in a hidden field keeps the pages small, makes the confirmation a short request, and
//! lets several stateless servers share it through the database.
//!
//! Admin and staff may import; partners and viewers get 403.

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::{catalogues, Tr};
use crate::pages::{render, Frame};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use fluent_bundle::{FluentArgs, FluentValue};
use rand::RngCore;
use std::collections::HashMap;
use vaski_domain::network::import::{
    Candidates, Column, ColumnMapping, ImportMode, ImportPlan, MappingError, Refusal,
};
use vaski_domain::reference::Municipality;
use vaski_domain::Language;
use vaski_sheets::{SheetError, Table};
use vaski_store::network::import::{self as store, ImportOptions, ImportOutcome, OnError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/import", get(upload_form))
        .route("/import/preview", post(preview))
        .route("/import/confirm", post(confirm))
}

/// How many refusals a page lists; the rest are counted.
const REFUSALS_SHOWN: usize = 500;
/// How many rows of creates and of updates the preview shows as a sample.
const SAMPLE_ROWS: usize = 10;

// ---------------------------------------------------------------------------------------------
// Messages shared with the command line
// ---------------------------------------------------------------------------------------------

fn message(lang: Language, key: &str, args: &[(&str, String)]) -> String {
    if args.is_empty() {
        return catalogues().message(lang, key, None);
    }
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        fluent.set(name.to_string(), FluentValue::from(value.clone()));
    }
    catalogues().message(lang, key, Some(&fluent))
}

/// Why a file cannot be read, in the language.
pub fn sheet_error_message(lang: Language, e: &SheetError) -> String {
    let args = match e {
        SheetError::UnreadableEncoding { line } | SheetError::Csv { line, .. } => {
            vec![("line", line.to_string())]
        }
        _ => Vec::new(),
    };
    message(lang, e.key(), &args)
}

/// The name of what a column holds, in the language.
pub fn column_name(lang: Language, column: Column) -> String {
    message(lang, &format!("import-column-{}", column.code()), &[])
}

/// Why a column mapping cannot be used, in the language.
pub fn mapping_error_message(lang: Language, e: &MappingError) -> String {
    let args = match e {
        MappingError::MissingColumn { column } => vec![("column", column_name(lang, *column))],
        MappingError::ColumnTwice {
            column,
            first,
            second,
        } => vec![
            ("column", column_name(lang, *column)),
            ("first", first.clone()),
            ("second", second.clone()),
        ],
        MappingError::NoSuchColumn { index } => vec![("index", (index + 1).to_string())],
    };
    message(lang, e.key(), &args)
}

/// What is wrong with a refused cell, in the language; a duplicate names the earlier row.
pub fn refusal_message(lang: Language, r: &Refusal) -> String {
    let reason = message(lang, r.reason, &[]);
    match r.duplicate_of_row {
        Some(row) => format!(
            "{reason} {}",
            message(lang, "import-duplicate-of-row", &[("row", row.to_string())])
        ),
        None => reason,
    }
}

/// The candidates of a table under a mapping.
///
/// Every municipality a file names is looked up once, and valid names are handed on as their
/// official codes: finding a municipality by name compares it with all 308 names, which for
/// a file of 50 000 rows (that name a few dozen municipalities) would cost more than the rest
/// of the import. A code means the same municipality, and a name that is not one stays as
/// written, so that a refusal shows what the file says.
pub fn candidates_of(table: &Table, mapping: &ColumnMapping) -> Result<Candidates, MappingError> {
    let Some(index) = mapping
        .columns()
        .iter()
        .position(|c| *c == Column::Municipality)
    else {
        return mapping.candidates(table.rows.iter().map(|r| (r.number, r.cells.as_slice())));
    };
    let mut codes: HashMap<String, Option<String>> = HashMap::new();
    let rows: Vec<(usize, Vec<String>)> = table
        .rows
        .iter()
        .map(|r| {
            let mut cells = r.cells.clone();
            if let Some(cell) = cells.get_mut(index) {
                let code = codes
                    .entry(cell.clone())
                    .or_insert_with(|| Municipality::parse(cell).ok().map(|m| m.code.clone()));
                if let Some(code) = code {
                    cell.clone_from(code);
                }
            }
            (r.number, cells)
        })
        .collect();
    mapping.candidates(rows.iter().map(|(n, c)| (*n, c.as_slice())))
}

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

/// What the import forms send (all multipart, since the first one carries the file).
#[derive(Default)]
struct ImportForm {
    csrf: String,
    /// The uploaded file's name and bytes, when a file was chosen.
    file: Option<(String, Vec<u8>)>,
    /// The id of an upload kept from an earlier step.
    upload: String,
    mode: String,
    on_error: String,
    /// The user's mapping: the file's column index and the chosen column code.
    columns: Vec<(usize, String)>,
}

async fn read_form(mut multipart: Multipart, limit: usize) -> Result<ImportForm, AppError> {
    let mut form = ImportForm::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::BadRequest(e.body_text())
        }
    })? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").trim().to_string();
            let bytes = field.bytes().await.map_err(|_| AppError::TooLarge)?;
            if bytes.len() > limit {
                return Err(AppError::TooLarge);
            }
            if !file_name.is_empty() || !bytes.is_empty() {
                form.file = Some((file_name, bytes.to_vec()));
            }
            continue;
        }
        let value = field
            .text()
            .await
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        match name.as_str() {
            "csrf" => form.csrf = value,
            "upload" => form.upload = value,
            "mode" => form.mode = value,
            "on_error" => form.on_error = value,
            other => {
                if let Some(index) = other
                    .strip_prefix("column-")
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    form.columns.push((index, value));
                }
            }
        }
    }
    Ok(form)
}

/// The import's settings as the form chose them; a missing one is the default.
#[derive(Clone, Copy)]
struct Settings {
    mode: ImportMode,
    on_error: OnError,
}

impl Settings {
    fn of(form: &ImportForm) -> Result<Settings, AppError> {
        let mode = if form.mode.trim().is_empty() {
            ImportMode::Create
        } else {
            store::parse_mode(&form.mode)
                .ok_or_else(|| AppError::BadRequest(format!("unknown mode {}", form.mode)))?
        };
        let on_error = if form.on_error.trim().is_empty() {
            OnError::Abort
        } else {
            OnError::parse(&form.on_error).ok_or_else(|| {
                AppError::BadRequest(format!("unknown on_error {}", form.on_error))
            })?
        };
        Ok(Settings { mode, on_error })
    }
}

// ---------------------------------------------------------------------------------------------
// The upload page
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "network/import.html")]
struct UploadPage {
    page: Frame,
    error: Option<String>,
    mode: &'static str,
    on_error: &'static str,
    limit_mb: usize,
}

fn upload_page(
    session: &Session,
    state: &AppState,
    settings: Settings,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let page = Frame::of(session, "/import", "import-title");
    let mut res = render(&UploadPage {
        page,
        error,
        mode: store::mode_code(settings.mode),
        on_error: settings.on_error.code(),
        limit_mb: state.config.upload_limit_bytes.div_ceil(1024 * 1024),
    })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn upload_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    access::edits_network(&session.user)?;
    let settings = Settings {
        mode: ImportMode::Create,
        on_error: OnError::Abort,
    };
    upload_page(&session, &state, settings, None, StatusCode::OK)
}

// ---------------------------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------------------------

/// One column of the file on the mapping form.
struct MappingRow {
    index: usize,
    header: String,
    column: Column,
    recognised: bool,
    example: String,
}

/// A sample row of the preview.
struct SampleRow {
    row: usize,
    name: String,
    business_id: String,
    municipality: String,
    contact: String,
}

/// A refusal as a page shows it.
struct RefusalRow {
    row: usize,
    column: String,
    reason: String,
    value: String,
}

#[derive(Template)]
#[template(path = "network/import_preview.html")]
struct PreviewPage {
    page: Frame,
    upload: String,
    file_name: String,
    mode: &'static str,
    on_error: &'static str,
    row_count: i64,
    mapping: Vec<MappingRow>,
    mapping_error: Option<String>,
    /// `None` when the mapping cannot be used.
    counts: Option<Counts>,
    refusals: Vec<RefusalRow>,
    refusals_total: usize,
    creates: Vec<SampleRow>,
    updates: Vec<SampleRow>,
}

/// What a plan or an outcome counts.
struct Counts {
    created: i64,
    updated: i64,
    unchanged: i64,
    refused: i64,
}

/// A count as the plural messages take it.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl PreviewPage {
    fn columns(&self) -> &'static [Column] {
        Column::ALL
    }
    fn column_name(&self, column: &Column) -> String {
        column_name(self.page.t.lang, *column)
    }
    /// Whether the import would stop at refused rows and write nothing.
    fn would_abort(&self) -> bool {
        self.on_error == OnError::Abort.code()
            && self.counts.as_ref().is_some_and(|c| c.refused > 0)
    }
    fn writes_something(&self) -> bool {
        self.counts
            .as_ref()
            .is_some_and(|c| c.created + c.updated > 0)
    }
}

fn refusal_rows(t: &Tr, plan: &ImportPlan) -> Vec<RefusalRow> {
    plan.refused
        .iter()
        .take(REFUSALS_SHOWN)
        .map(|r| RefusalRow {
            row: r.row,
            column: r.column.clone(),
            reason: refusal_message(t.lang, r),
            value: r.value.clone(),
        })
        .collect()
}

fn sample_rows(t: &Tr, plan: &ImportPlan) -> (Vec<SampleRow>, Vec<SampleRow>) {
    let sample =
        |row: usize,
         o: &vaski_domain::network::organisation::OrganisationDraft,
         contact: Option<&vaski_domain::network::person::PersonDraft>| SampleRow {
            row,
            name: o.name.clone(),
            business_id: o
                .business_id
                .as_ref()
                .map(|b| b.as_str().to_string())
                .unwrap_or_default(),
            municipality: o
                .municipality
                .map(|m| m.name(t.lang).to_string())
                .unwrap_or_default(),
            contact: contact.map(|p| p.name.clone()).unwrap_or_default(),
        };
    let creates = plan
        .creates
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(row, o, c)| sample(*row, o, c.as_ref()))
        .collect();
    let updates = plan
        .updates
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(row, _, o, c)| sample(*row, o, c.as_ref()))
        .collect();
    (creates, updates)
}

/// The file's mapping: recognised, then corrected with what the user chose.
fn mapping_of(table: &Table, chosen: &[(usize, String)]) -> (ColumnMapping, Option<MappingError>) {
    let mut mapping = ColumnMapping::recognise(&table.headers);
    for (index, code) in chosen {
        let Some(column) = Column::parse(code) else {
            continue;
        };
        if let Err(e) = mapping.set(*index, column) {
            return (mapping, Some(e));
        }
    }
    (mapping, None)
}

fn mapping_rows(table: &Table, mapping: &ColumnMapping) -> Vec<MappingRow> {
    let unknown: Vec<usize> = mapping.unknown_headers().iter().map(|(i, _)| *i).collect();
    mapping
        .headers()
        .iter()
        .zip(mapping.columns())
        .enumerate()
        .map(|(index, (header, column))| MappingRow {
            index,
            header: header.clone(),
            column: *column,
            recognised: !unknown.contains(&index),
            example: table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(index))
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default(),
        })
        .collect()
}

/// Reads the uploaded bytes as a table, or answers with the upload page and the reason.
fn read_upload(bytes: &[u8]) -> Result<Table, SheetError> {
    vaski_sheets::read_table(bytes)
}

/// A new random id for an upload.
fn new_upload_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The upload a form refers to, with its table: a newly uploaded file (kept for the next
/// steps) or one kept from an earlier step. `Err(Ok(response))` is the upload page telling
/// what is wrong.
async fn upload_of(
    state: &AppState,
    session: &Session,
    form: &mut ImportForm,
    settings: Settings,
) -> Result<Result<(String, String, Table), Response>, AppError> {
    let lang = session.lang;
    if let Some((file_name, bytes)) = form.file.take() {
        if bytes.is_empty() {
            let msg = message(lang, "import-empty-file", &[]);
            return upload_page(session, state, settings, Some(msg), StatusCode::BAD_REQUEST)
                .map(Err);
        }
        let table = match read_upload(&bytes) {
            Ok(t) => t,
            Err(e) => {
                let msg = sheet_error_message(lang, &e);
                return upload_page(session, state, settings, Some(msg), StatusCode::BAD_REQUEST)
                    .map(Err);
            }
        };
        let id = new_upload_id();
        let file_name = if file_name.is_empty() {
            "upload".to_string()
        } else {
            file_name
        };
        store::store_upload(&state.db, &id, session.user.id, &file_name, bytes).await?;
        return Ok(Ok((id, file_name, table)));
    }
    let kept = if form.upload.trim().is_empty() {
        None
    } else {
        store::upload(&state.db, form.upload.trim(), session.user.id).await?
    };
    let Some(kept) = kept else {
        let key = if form.upload.trim().is_empty() {
            "import-no-file"
        } else {
            "import-upload-expired"
        };
        let msg = message(lang, key, &[]);
        return upload_page(session, state, settings, Some(msg), StatusCode::BAD_REQUEST).map(Err);
    };
    match read_upload(&kept.bytes) {
        Ok(table) => Ok(Ok((kept.id, kept.file_name, table))),
        Err(e) => {
            let msg = sheet_error_message(lang, &e);
            upload_page(session, state, settings, Some(msg), StatusCode::BAD_REQUEST).map(Err)
        }
    }
}

pub async fn preview(
    State(state): State<AppState>,
    session: Session,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let mut form = read_form(multipart, state.config.upload_limit_bytes).await?;
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let settings = Settings::of(&form)?;
    let (upload, file_name, table) = match upload_of(&state, &session, &mut form, settings).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (mapping, mut mapping_error) = mapping_of(&table, &form.columns);
    let candidates = match mapping_error {
        Some(_) => None,
        None => match candidates_of(&table, &mapping) {
            Ok(c) => Some(c),
            Err(e) => {
                mapping_error = Some(e);
                None
            }
        },
    };
    let plan = match &candidates {
        Some(c) => Some(store::preview(&state.db, c, settings.mode).await?),
        None => None,
    };
    let page = Frame::of(&session, "/import/preview", "import-preview-title");
    let t = page.t.clone();
    let (creates, updates) = plan
        .as_ref()
        .map(|p| sample_rows(&t, p))
        .unwrap_or_default();
    let status = if mapping_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&PreviewPage {
        upload,
        file_name,
        mode: store::mode_code(settings.mode),
        on_error: settings.on_error.code(),
        row_count: count(table.rows.len()),
        mapping: mapping_rows(&table, &mapping),
        mapping_error: mapping_error.map(|e| mapping_error_message(t.lang, &e)),
        counts: plan.as_ref().map(|p| Counts {
            created: count(p.creates.len()),
            updated: count(p.updates.len()),
            unchanged: count(p.unchanged.len()),
            refused: count(p.refused_rows()),
        }),
        refusals: plan
            .as_ref()
            .map(|p| refusal_rows(&t, p))
            .unwrap_or_default(),
        refusals_total: plan.as_ref().map_or(0, |p| p.refused.len()),
        creates,
        updates,
        page,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

// ---------------------------------------------------------------------------------------------
// Confirmation
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "network/import_done.html")]
struct DonePage {
    page: Frame,
    file_name: String,
    counts: Counts,
    written: bool,
    aborted: bool,
    refusals: Vec<RefusalRow>,
    refusals_total: usize,
}

pub async fn confirm(
    State(state): State<AppState>,
    session: Session,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let mut form = read_form(multipart, state.config.upload_limit_bytes).await?;
    session.check_csrf(&form.csrf)?;
    access::edits_network(&session.user)?;
    let settings = Settings::of(&form)?;
    // The confirmation refers to the kept upload; a file sent along is not expected.
    form.file = None;
    let (upload, file_name, table) = match upload_of(&state, &session, &mut form, settings).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let (mapping, mapping_error) = mapping_of(&table, &form.columns);
    let candidates = match mapping_error {
        Some(e) => Err(e),
        None => candidates_of(&table, &mapping),
    };
    let candidates = match candidates {
        Ok(c) => c,
        Err(e) => {
            let msg = mapping_error_message(session.lang, &e);
            return upload_page(
                &session,
                &state,
                settings,
                Some(msg),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let options = ImportOptions {
        mode: settings.mode,
        on_error: settings.on_error,
        file_name: file_name.clone(),
        dry_run: false,
    };
    let outcome: ImportOutcome =
        store::apply(&state.db, &candidates, &options, &session.actor()).await?;
    if outcome.written {
        store::remove_upload(&state.db, &upload, session.user.id).await?;
    }
    let page = Frame::of(&session, "/import/confirm", "import-done-title");
    let refusals = refusal_rows(&page.t, &outcome.plan);
    let status = if outcome.aborted {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut res = render(&DonePage {
        page,
        file_name,
        counts: Counts {
            created: count(outcome.created),
            updated: count(outcome.updated),
            unchanged: count(outcome.unchanged),
            refused: count(outcome.refused_rows),
        },
        written: outcome.written,
        aborted: outcome.aborted,
        refusals,
        refusals_total: outcome.plan.refused.len(),
    })?;
    *res.status_mut() = status;
    Ok(res)
}
