//! `kato data export`.

use super::ModeArgs;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Export kato's state and service data to a .tgz
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub mode: ModeArgs,
    /// The file the export is written to [default: stackato-export-<unix-time>.tgz]
    #[arg(value_name = "FILENAME")]
    pub filename: Option<PathBuf>,
}

impl ExportArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let done = crate::ops::data::export(
            ctx,
            self.mode.mode(ctx)?,
            &self.mode.flags.excluded_roles(),
            self.filename.as_deref(),
        )?;
        crate::outln!("Your export is available at {}", done.path.display());
        Ok(())
    }
}
