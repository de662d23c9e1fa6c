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
        let nodes = crate::ops::info::node_rows(ctx)?;
        match self.format.format() {
            Format::Text => {
                for n in &nodes {
                    crate::outln!("{:<15}  {}", n.node, n.roles.join(" "));
                }
            }
            f => {
                let roles: Map<String, serde_json::Value> =
                    nodes.iter().map(|n| (n.node.clone(), json!(n.roles))).collect();
                let zones: Map<String, serde_json::Value> = nodes
                    .iter()
                    .map(|n| {
                        let z = json!({"availability_zone": n.availability_zone, "placement_zones": n.placement_zones});
                        (n.node.clone(), z)
                    })
                    .collect();
                crate::out!("{}", render::structured(f, &json!({"node_roles": roles, "node_zones": zones}))?);
            }
        }
        Ok(())
    }
}
