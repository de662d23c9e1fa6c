//! `kato node list`: every node of the cluster with its roles, in the original's format
//! (`kato node list | cut -d ' ' -f1` prints the node ids).

use crate::cli::render::{self, Format, FormatArgs};
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::{Map, json};

/// List all nodes known to this cluster
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

impl ListArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let nodes = crate::ops::info::node_roles(ctx)?;
        match self.format.format() {
            Format::Text => {
                for (id, roles) in &nodes {
                    crate::outln!("{:<15}  {}", id, roles.join(" "));
                }
            }
            f => {
                let map: Map<String, serde_json::Value> = nodes.into_iter().map(|(id, r)| (id, json!(r))).collect();
                crate::out!("{}", render::structured(f, &json!({"node_roles": map}))?);
            }
        }
        Ok(())
    }
}
