//! `kato role add|remove|info`.

pub mod add;
pub mod info;
pub mod remove;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Subcommand;

/// Management of node roles
#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    Add(add::AddArgs),
    Remove(remove::RemoveArgs),
    Info(info::InfoArgs),
}

impl RoleCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            RoleCommand::Add(a) => a.exec(ctx),
            RoleCommand::Remove(a) => a.exec(ctx),
            RoleCommand::Info(a) => a.exec(ctx, ui),
        }
    }
}
