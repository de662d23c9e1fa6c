//! `kato role add|remove|info`.

pub mod add;
pub mod info;
pub mod remove;

use clap::Subcommand;

/// Management of node roles
#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    Add(add::AddArgs),
    Remove(remove::RemoveArgs),
    Info(info::InfoArgs),
}

impl RoleCommand {
    pub fn changes_state(&self) -> bool {
        match self {
            RoleCommand::Add(a) => !a.dry_run,
            RoleCommand::Remove(a) => !a.dry_run,
            RoleCommand::Info(_) => false,
        }
    }
}
