//! `kato op set_timezone`.

use crate::cli::input::flag_or_ask;
use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::system;
use anyhow::Result;
use clap::Args;

/// Change the default system timezone for the host machine
#[derive(Debug, Args)]
pub struct SetTimezoneArgs {
    /// A zone of the tz database (e.g. America/Chicago); asked for on a terminal
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl SetTimezoneArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let tz = flag_or_ask(&self.timezone, "--timezone", "Please enter the timezone (e.g. America/Chicago):")?;
        render::outcome(system::set_timezone(ctx, &tz, self.dry_run)?);
        Ok(())
    }
}
