//! `kato log drain status`: `%-20s\t%s\t%s[%d]` (name, node, state, revision), then the
//! error, as the original's logyard-cli printed it.

use crate::cli::render::{Format, FormatArgs};
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde::Serialize;

/// Show the status of all or specified log drains
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show only drains not running
    #[arg(short = 'n', long = "not-running")]
    pub not_running: bool,
    #[command(flatten)]
    pub format: FormatArgs,
    /// Drains to show (default: all)
    #[arg(value_name = "DRAIN")]
    pub names: Vec<String>,
}

/// YAML with the leading `---`, which the original's drain commands keep.
pub fn yaml_doc<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    Ok(format!("---\n{}", crate::cli::render::yaml(value)?))
}

pub fn structured<T: Serialize + ?Sized>(f: Format, value: &T) -> Result<String> {
    match f {
        Format::Json => crate::cli::render::json(value),
        _ => yaml_doc(value),
    }
}

impl StatusArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let mut states = crate::ops::drains::status(ctx, &self.names)?;
        states.retain(|s| !self.not_running || s.state != "RUNNING");
        match self.format.format() {
            Format::Text => {
                for s in &states {
                    let err = if s.error.is_empty() { String::new() } else { format!("\t{}", s.error) };
                    crate::outln!("{:<20}\t{}\t{}[{}]{err}", s.name, s.node, s.state, s.revision);
                }
            }
            f => crate::out!("{}", structured(f, &states)?),
        }
        Ok(())
    }
}
