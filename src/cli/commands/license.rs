//! `kato license set|enable|disable`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::license;
use anyhow::Result;
use clap::{Args, Subcommand};

/// Set the Stackato license in use for this microcloud or cluster
#[derive(Debug, Subcommand)]
pub enum LicenseCommand {
    /// Set the license (read from stdin when VALUE is not given)
    Set(SetArgs),
    /// Enforce the license that is set
    Enable(ToggleArgs),
    /// Stop enforcing the license
    Disable(ToggleArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The license to use; if not given then it is read from STDIN
    #[arg(value_name = "VALUE")]
    pub value: Option<String>,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ToggleArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl LicenseCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let outcome = match self {
            LicenseCommand::Set(a) => {
                let value = crate::cli::input::config_value(a.value.as_ref(), true)?;
                license::set(ctx, &value, a.dry_run)?
            }
            LicenseCommand::Enable(a) => license::enable(ctx, true, a.dry_run)?,
            LicenseCommand::Disable(a) => license::enable(ctx, false, a.dry_run)?,
        };
        if let Some(applied) = render::outcome(outcome) {
            let word = if applied.changes.is_empty() { "unchanged" } else { "updated" };
            crate::outln!("License {word}");
        }
        Ok(())
    }
}
