//! `kato version`: the version of kato (and of the cluster software) this node runs.

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Display the version being run
#[derive(Debug, Args)]
pub struct VersionArgs {}

impl VersionArgs {
    pub fn exec(&self, ctx: &Ctx, _ui: &Ui) -> Result<()> {
        let (description, version) = crate::ops::info::version(ctx)?;
        crate::outln!("{description} {version}");
        Ok(())
    }
}
