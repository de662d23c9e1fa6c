//! `kato node setup core|micro`.

pub mod core;
pub mod load_balancer;
pub mod micro;

use crate::model::store::Document;
use crate::model::store::registry;
use crate::ops::context::Ctx;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    Core(core::CoreArgs),
    #[command(name = "load_balancer")]
    LoadBalancer(load_balancer::LoadBalancerArgs),
    Micro(micro::MicroArgs),
}

impl SetupCommand {
    pub fn changes_state(&self) -> bool {
        match self {
            SetupCommand::Core(a) => !a.dry_run,
            SetupCommand::Micro(a) => !a.dry_run,
            SetupCommand::LoadBalancer(a) => !a.dry_run,
        }
    }
}

/// The summary printed after a setup: the cluster, then this node's roles.
pub fn print_summary(ctx: &Ctx, doc: &Document, node: &str) {
    let mbusip = doc.get_str("cluster", "mbusip").unwrap_or("");
    let name = if mbusip == "127.0.0.1" { "Stackato Micro Cloud" } else { "Stackato Cluster" };
    let admins: Vec<String> = doc
        .get("cloud_controller_ng", "admins")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let mut roles = registry::role_names_of(doc, node);
    roles.sort();
    ctx.ui.info(&format!(
        "{name}:-\n  endpoint: {}\n  mbusip: {mbusip}\n  restricted: true\n  admins: {}\nStackato Node [{node}]\n  roles: {}",
        doc.get_str("cluster", "endpoint").unwrap_or(""),
        admins.join(", "),
        roles.join(",")
    ));
}

/// Check an endpoint name: `api.` followed by a valid DNS name.
pub fn validate_endpoint(endpoint: &str) -> anyhow::Result<()> {
    if !endpoint.starts_with("api.") {
        crate::bail_usage!("Endpoint must begin with api. (got '{}')", endpoint.escape_default());
    }
    crate::model::node::validate_dns_name(endpoint, "DNS name")
}
