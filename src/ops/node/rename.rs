//! `node rename HOSTNAME`: the node's hostname (etc/hostname and /etc/hosts under the
//! root), the cluster endpoint when it was derived from the old name, the registry, and a
//! restart of the started roles unless told not to.

use super::super::cluster::mutate_step;
use super::super::context::Ctx;
use super::super::lifecycle;
use super::super::privileged::{self, SystemChange};
use super::super::workflow::{Outcome, Report, Workflow};
use crate::model::node::{self, NodeType};
use crate::model::store::{Mutation, registry};
use anyhow::Result;
use serde_json::json;

/// A valid hostname: dot-separated labels of letters, digits and inner hyphens.
pub fn validate_hostname(name: &str) -> Result<()> {
    node::validate_dns_name(name, "hostname")
}

pub fn rename(ctx: &Ctx, hostname: &str, no_restart: bool, dry_run: bool) -> Result<Outcome<Report>> {
    let new = hostname.to_ascii_lowercase();
    validate_hostname(&new)?;
    if new == "localhost" || new.starts_with("localhost.") {
        crate::bail_usage!("'{new}' names the loopback address in /etc/hosts, not this node; choose another hostname");
    }
    let root = &ctx.root;
    let old = node::hostname(root)?;
    if old == new {
        ctx.out.info("No change.");
        return Ok(Outcome::Done(Report::default()));
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let me = local.id.clone();
    let endpoint_now = doc.get_str("cluster", "endpoint").unwrap_or("");
    // The seed's load-balancer procedure gives the core, the routers and the load
    // balancer the endpoint's own name for a while; any other name is one node's.
    let shared = endpoint_now == format!("api.{}", node::domain_of(&new));
    if !shared
        && let Some(other) = registry::node_ids(&doc)
            .into_iter()
            .find(|n| *n != me && registry::meta(&doc, n, "hostname").and_then(|h| h.as_str()) == Some(new.as_str()))
    {
        crate::bail_usage!("node {other} already uses the hostname '{new}'; hostnames of a cluster's nodes are unique");
    }
    let (old_domain, new_domain) = (node::domain_of(&old), node::domain_of(&new));
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    let owns_endpoint =
        local.state.node_type != NodeType::Node && (local.state.is_micro() || endpoint == format!("api.{old_domain}"));
    let new_endpoint = format!("api.{new_domain}");
    let addrs: Vec<std::net::Ipv4Addr> =
        ["127.0.0.1", "127.0.1.1", me.as_str()].iter().filter_map(|a| a.parse().ok()).collect();
    let hosts_text = std::fs::read_to_string(root.hosts_file()).unwrap_or_default();
    let own: Vec<String> = addrs.iter().map(|a| a.to_string()).collect();
    let hosts_change = crate::infra::hosts::rename_on(&hosts_text, &own, &old, &new) != hosts_text;
    if !dry_run {
        ctx.out.header(&format!("Renaming hostname from {old} to {new} ({new_domain})"));
    }
    let rename =
        |from: &str, to: &str| SystemChange::HostsRename { old: from.into(), new: to.into(), addrs: addrs.clone() };
    let wf = Workflow::new()
        .step(privileged::step(
            ctx,
            "hostname",
            SystemChange::Hostname { name: new.clone() },
            Some(SystemChange::Hostname { name: old.clone() }),
        ))
        .step_if(hosts_change, || privileged::step(ctx, "hosts-names", rename(&old, &new), Some(rename(&new, &old))))
        .step_if(owns_endpoint, || {
            let m = Mutation::ConfigSet {
                component: "cluster".into(),
                path: "endpoint".into(),
                value: json!(new_endpoint),
                force: true,
            };
            mutate_step(ctx, &local, "endpoint", format!("change the endpoint {endpoint} to {new_endpoint}"), m, |_| {
                let ip = crate::infra::hosts::endpoint_ip(&root.hosts_file()).unwrap_or_else(|| me.clone());
                let ip = crate::model::node::parse_ip(&ip, "endpoint address")?;
                privileged::apply(&ctx.root, &SystemChange::HostsEndpoint { ip, endpoint: new_endpoint.clone() })?;
                ctx.out.info(&format!("The cluster endpoint is now {new_endpoint}"));
                Ok(())
            })
        })
        .step_if(registry::has_node(&doc, &me), || {
            let m = Mutation::SetNodeMeta { node: me.clone(), key: "hostname".into(), value: json!(new) };
            mutate_step(ctx, &local, "registry", format!("record the hostname {new} for {me}"), m, |_| Ok(()))
        })
        .step_if(!no_restart, || lifecycle::restart_started_step(ctx, &me));
    wf.execute(ctx, dry_run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames() {
        assert!(validate_hostname("node-1.example.com").is_ok());
        for bad in ["", "-a", "a..b", "a_b", "a b", "x;y"] {
            assert!(validate_hostname(bad).is_err(), "{bad}");
        }
    }
}
