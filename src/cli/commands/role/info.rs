//! `kato role info`: which processes each role runs.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::{Map, Value};

/// Display the processes of roles
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Roles or role groups (default: every role)
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

impl InfoArgs {
    pub fn exec(&self, ctx: &Ctx, _ui: &Ui) -> Result<()> {
        let table = crate::ops::roles::info(ctx, &self.roles)?;
        match self.format.format() {
            Format::Text => {
                for (role, procs) in &table {
                    crate::outln!("{:<25}  {}", role, procs.join(" "));
                }
            }
            f => {
                let map: Map<String, Value> = table.into_iter().map(|(r, p)| (r, Value::from(p))).collect();
                crate::out!("{}", render::structured(f, &map)?);
            }
        }
        Ok(())
    }
}
