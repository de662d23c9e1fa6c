//! One module per command, mirroring the CLI tree. Each leaf is an `Args` struct whose doc
//! comments are the help text, and one `exec` that calls one operation of [`crate::ops`]
//! and renders what it reports.

pub mod config;
pub mod console;
pub mod data;
pub mod history;
pub mod info;
pub mod inspect;
pub mod license;
pub mod log;
pub mod node;
pub mod op;
pub mod process;
pub mod report;
pub mod role;
pub mod role_target;
pub mod status;
pub mod version;

/// What every change that runs preflight checks takes.
#[derive(Debug, clap::Args)]
pub struct Checked {
    /// Skip a named preflight check (repeatable)
    #[arg(long = "skip-preflight", value_name = "NAME")]
    pub skip_preflight: Vec<String>,
    /// Show the steps that would run, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}
