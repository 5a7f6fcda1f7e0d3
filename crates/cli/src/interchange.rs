//! `vaski import organisations` and `vaski export organisations`.

use std::path::PathBuf;
use vaski_store::Db;

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

pub async fn import_organisations(_db: &Db, _args: ImportArgs) -> anyhow::Result<()> {
    anyhow::bail!("import is being written")
}

pub async fn export_organisations(_db: &Db, _args: ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("export is being written")
}
