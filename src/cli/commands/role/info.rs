//! `kato role info`: which processes each role runs.

use crate::cli::render::{self, Format, FormatArgs};
use crate::model::catalog::update;
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

pub fn cmd_info(ctx: &Ctx, args: &InfoArgs) -> Result<()> {
    let catalog = ctx.catalog()?;
    let mut roles = if args.roles.is_empty() {
        catalog.role_names().map(str::to_string).collect()
    } else {
        update::expand(catalog, &args.roles, true)?
    };
    roles.sort();
    let table: Vec<(String, Vec<String>)> = roles
        .into_iter()
        .map(|r| {
            let mut procs: Vec<String> = catalog.processes_of(&r).iter().map(|p| p.name.clone()).collect();
            procs.sort();
            (r, procs)
        })
        .collect();
    match args.format.format() {
        Format::Text => {
            for (role, procs) in &table {
                println!("{:<25}  {}", role, procs.join(" "));
            }
        }
        f => {
            let map: Map<String, Value> = table.into_iter().map(|(r, p)| (r, Value::from(p))).collect();
            print!("{}", render::structured(f, &map)?);
        }
    }
    Ok(())
}
