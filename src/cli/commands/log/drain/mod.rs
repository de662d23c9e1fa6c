//! `kato log drain add|delete|list|status`.

pub mod add;
pub mod status;

use crate::cli::render::{Format, FormatArgs};
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::{Args, Subcommand};

/// Log drain management: send every node's process logs to a receiver
#[derive(Debug, Subcommand)]
pub enum DrainCommand {
    Add(add::AddArgs),
    Delete(DeleteArgs),
    List(ListArgs),
    Status(status::StatusArgs),
}

/// Delete a drain
#[derive(Debug, Args)]
pub struct DeleteArgs {
    pub name: String,
    /// Show the steps that would run, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// List all log drains
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

impl DrainCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        match self {
            DrainCommand::Add(a) => a.exec(ctx),
            DrainCommand::Delete(a) => {
                if crate::cli::render::outcome(crate::ops::drains::delete(ctx, &a.name, a.dry_run)?).is_some() {
                    crate::outln!("Deleted drain {}", a.name);
                }
                Ok(())
            }
            DrainCommand::List(a) => {
                let drains = crate::ops::drains::list(ctx)?;
                match a.format.format() {
                    Format::Text => drains.iter().for_each(|(n, u)| crate::outln!("{n:<20}\t{u}")),
                    f => {
                        let map: serde_json::Map<String, serde_json::Value> =
                            drains.into_iter().map(|(n, u)| (n, u.into())).collect();
                        crate::out!("{}", super::drain::status::structured(f, &map)?);
                    }
                }
                Ok(())
            }
            DrainCommand::Status(a) => a.exec(ctx),
        }
    }
}
