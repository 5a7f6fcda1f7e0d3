//! `vaski import organisations` and `vaski export organisations`.
//!
//! The import reads the whole file, recognises its columns, plans against the database and
//! writes in one transaction (see `vaski_store::network::import`); it prints what it did and
//! every refused cell as `row 7, column Y-tunnus: <reason> ('<value>')`. When refused rows
//! stop it (`--on-error abort`, the default), nothing is written and the exit status is 1.

use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use vaski_domain::network::import::ColumnMapping;
use vaski_domain::Language;
use vaski_store::network::import::{self as store, ImportOptions, ImportOutcome, OnError};
use vaski_store::network::organisation::Filter;
use vaski_store::{Actor, Db};
use vaski_web::network::export::{self, Format};
use vaski_web::network::import::{
    candidates_of, column_name, mapping_error_message, refusal_message, sheet_error_message,
};

/// The largest file the command imports, as the web upload limit by default.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A CSV or XLSX file.
    pub file: PathBuf,
    /// Shows what would be created, updated and refused, and writes nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, default_value = "create", value_parser = ["create", "upsert"])]
    pub mode: String,
    #[arg(long, default_value = "abort", value_parser = ["abort", "skip"])]
    pub on_error: String,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_parser = ["csv", "xlsx"])]
    pub format: String,
    #[arg(long)]
    pub output: PathBuf,
}

/// Reads a whole file, refusing one larger than [`MAX_IMPORT_BYTES`].
fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > MAX_IMPORT_BYTES {
        bail!(
            "{} is {:.1} MB; the largest file imported is {} MB",
            path.display(),
            size as f64 / 1024.0 / 1024.0,
            MAX_IMPORT_BYTES / 1024 / 1024
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

pub async fn import_organisations(db: &Db, args: ImportArgs) -> anyhow::Result<()> {
    let en = Language::En;
    let mode =
        store::parse_mode(&args.mode).with_context(|| format!("unknown mode {}", args.mode))?;
    let on_error = OnError::parse(&args.on_error)
        .with_context(|| format!("unknown --on-error {}", args.on_error))?;
    let bytes = read_file(&args.file)?;
    let table = vaski_sheets::read_table(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {}", args.file.display(), sheet_error_message(en, &e)))?;
    let mapping = ColumnMapping::recognise(&table.headers);
    let candidates = candidates_of(&table, &mapping).map_err(|e| {
        anyhow::anyhow!("{}: {}", args.file.display(), mapping_error_message(en, &e))
    })?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    println!(
        "{}: {} rows; columns: {}",
        file_name,
        table.rows.len(),
        mapping
            .headers()
            .iter()
            .zip(mapping.columns())
            .map(|(h, c)| format!("{h} = {}", column_name(en, *c)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let options = ImportOptions {
        mode,
        on_error,
        file_name,
        dry_run: args.dry_run,
    };
    let outcome = store::apply(db, &candidates, &options, &Actor::system("cli import")).await?;
    print_outcome(&outcome, args.dry_run);
    if outcome.aborted {
        bail!(
            "import aborted: {} rows refused (--on-error abort); nothing was written",
            outcome.refused_rows
        );
    }
    Ok(())
}

fn print_outcome(outcome: &ImportOutcome, dry_run: bool) {
    let would = if dry_run || outcome.aborted {
        "would be "
    } else {
        ""
    };
    println!(
        "{} {would}created, {} {would}updated, {} unchanged, {} refused",
        outcome.created, outcome.updated, outcome.unchanged, outcome.refused_rows
    );
    for r in &outcome.plan.refused {
        println!(
            "row {}, column {}: {} ('{}')",
            r.row,
            r.column,
            refusal_message(Language::En, r),
            r.value
        );
    }
    if dry_run {
        println!("Dry run: nothing was written.");
    }
}

pub async fn export_organisations(db: &Db, args: ExportArgs) -> anyhow::Result<()> {
    let format = match args.format.as_str() {
        "csv" => Format::Csv,
        "xlsx" => Format::Xlsx,
        other => bail!("unknown format {other}"),
    };
    let rows = export::rows(db, &Filter::default()).await?;
    let bytes = export::file_of(format, &rows).context("cannot write the spreadsheet")?;
    std::fs::write(&args.output, bytes)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    // The file holds contact people's data: the audit trail says who took it, as on the page.
    export::record_export(db, &Actor::system("cli export"), format, rows.len(), "").await?;
    println!(
        "Exported {} organisations to {}.",
        rows.len(),
        args.output.display()
    );
    Ok(())
}
