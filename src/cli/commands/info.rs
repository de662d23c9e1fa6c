//! `kato info`: this node's (or another node's) roles and the cluster it belongs to.

use crate::cli::render::{self, Format, FormatArgs};
use crate::model::store::registry;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};

/// Show information about this node or cluster, including assigned and available roles
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Show a specific cluster node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// The description and version pair printed by `info` and `version`.
pub fn version_pair(ctx: &Ctx, doc: &crate::model::store::Document) -> (String, String) {
    let description = doc.get_str("cloud_controller_ng", "info/description").unwrap_or("Stackato").to_string();
    (description, crate::model::node::version(&ctx.root))
}

pub fn cmd_info(ctx: &Ctx, args: &InfoArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let catalog = ctx.catalog()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let store = ctx.store()?;
    let (description, version) = version_pair(ctx, &doc);
    let mbusip = doc.get_str("cluster", "mbusip").unwrap_or("").to_string();
    let micro = mbusip == "127.0.0.1";
    let admins: Vec<String> = doc
        .get("cloud_controller_ng", "admins")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect())
        .unwrap_or_default();
    let mut assigned = catalog.mandatory_roles();
    assigned.extend(registry::role_names_of(&doc, &node));
    assigned.sort();
    assigned.dedup();
    let available: Vec<&str> = catalog.role_names().collect();
    let name = if micro { "Stackato Micro Cloud" } else { "Stackato Cluster" };
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("");
    let node_type = if args.node.is_none() { ctx.node_state()?.node_type.as_str() } else { "node" };

    let info = json!({
        "stackato": {"description": description, "vendor_version": version},
        "redis": {"uri": store.uri()},
        "cluster": {
            "name": name,
            "endpoint": endpoint,
            "mbusip": mbusip,
            "restricted": true,
            "admins": admins,
            "is_micro_cloud": micro,
        },
        "node": {node.clone(): {"roles": assigned, "type": node_type}},
    });
    match args.format.format() {
        Format::Text => {
            let or_none = |v: &[String]| {
                if v.is_empty() { "<none>".to_string() } else { v.join(",") }
            };
            print!(
                "Version: {description} {version}\nConfig URI: {}\n{name}:-\n  endpoint: {endpoint}\n  mbusip: {mbusip}\n  restricted: true\n  admins: {}\nStackato Node [{node}]\n  assigned roles : {}\n  available roles: {}\n",
                store.uri(),
                admins.join(", "),
                or_none(&assigned),
                if available.is_empty() { "<none>".to_string() } else { available.join(",") },
            );
        }
        f => print!("{}", render::structured(f, &info)?),
    }
    Ok(())
}
