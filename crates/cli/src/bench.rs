//! `vaski bench`: builds a large network and measures the performance targets.

#[derive(clap::Args)]
pub struct BenchArgs {}

pub async fn run(_args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench is being written")
}
