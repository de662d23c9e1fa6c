//! `kato node list`: every node of the cluster with its roles, in the original's format
//! (`kato node list | cut -d ' ' -f1` prints the node ids).

use crate::cli::render::{self, Format, FormatArgs};
use crate::model::store::registry;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::{Map, Value, json};

/// List all nodes known to this cluster
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub format: FormatArgs,
}

pub fn cmd_list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let mut nodes = Map::new();
    for id in registry::node_ids(&doc) {
        let mut roles = registry::role_names_of(&doc, &id);
        roles.sort();
        nodes.insert(id, json!(roles));
    }
    match args.format.format() {
        Format::Text => {
            for (id, roles) in &nodes {
                let names: Vec<&str> = roles.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
                println!("{:<15}  {}", id, names.join(" "));
            }
        }
        f => print!("{}", render::structured(f, &json!({"node_roles": nodes}))?),
    }
    Ok(())
}
