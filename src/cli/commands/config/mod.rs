//! `kato config get|set|del|push|pop`: the cluster's configuration components.

pub mod del;
pub mod edit;
pub mod get;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::{Args, Subcommand};

/// Read and change configuration values of cluster components
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show a component, a value inside it, or every component
    Get(get::GetArgs),
    /// Set a value (read from stdin when VALUE is left out)
    Set(edit::EditArgs),
    /// Delete a key
    Del(del::DelArgs),
    /// Append a value to a list
    Push(edit::EditArgs),
    /// Remove a value from a list
    Pop(edit::EditArgs),
}

impl ConfigCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        use crate::ops::config::Edit;
        match self {
            ConfigCommand::Get(a) => a.exec(ctx, ui),
            ConfigCommand::Set(a) => a.exec(ctx, ui, Edit::Set),
            ConfigCommand::Push(a) => a.exec(ctx, ui, Edit::Push),
            ConfigCommand::Pop(a) => a.exec(ctx, ui, Edit::Pop),
            ConfigCommand::Del(a) => a.exec(ctx, ui),
        }
    }
}

/// Output options shared by the config commands.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// JSON: parse VALUE as JSON, and print JSON
    #[arg(short = 'j', long, conflicts_with_all = ["yaml", "flat"])]
    pub json: bool,
    /// YAML: parse VALUE as YAML (YAML is the default output)
    #[arg(short = 'y', long, conflicts_with = "flat")]
    pub yaml: bool,
    /// Print one "/component/key/path = value" line per leaf value
    #[arg(short = 'f', long)]
    pub flat: bool,
}
