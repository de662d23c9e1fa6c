//! `kato version`: the version of kato (and of the cluster software) this node runs.

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Display the version being run
#[derive(Debug, Args)]
pub struct VersionArgs {}

pub fn cmd_version(ctx: &Ctx, _args: &VersionArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let (description, version) = super::info::version_pair(ctx, &doc);
    println!("{description} {version}");
    Ok(())
}
