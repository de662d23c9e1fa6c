//! `node rename HOSTNAME`: the node's hostname (etc/hostname and /etc/hosts under the
//! root), the cluster endpoint when it was derived from the old name, the registry, and a
//! restart of the started roles unless told not to.

use super::super::cluster::mutate_step;
use super::super::context::Ctx;
use super::super::lifecycle;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow, file_step};
use crate::model::node::{self, NodeType};
use crate::model::store::{Mutation, registry};
use anyhow::Result;
use serde_json::json;

/// A valid hostname: dot-separated labels of letters, digits and inner hyphens.
pub fn validate_hostname(name: &str) -> Result<()> {
    node::validate_dns_name(name, "hostname")
}

fn replace_word(text: &str, old: &str, new: &str) -> String {
    text.lines()
        .map(|line| {
            line.split_inclusive(char::is_whitespace)
                .map(|tok| {
                    let word = tok.trim_end();
                    if word == old { format!("{new}{}", &tok[word.len()..]) } else { tok.to_string() }
                })
                .collect::<String>()
        })
        .map(|l| l + "\n")
        .collect()
}

pub fn rename(ctx: &Ctx, hostname: &str, no_restart: bool, dry_run: bool) -> Result<Outcome<Report>> {
    let new = hostname.to_ascii_lowercase();
    validate_hostname(&new)?;
    let root = &ctx.root;
    let old = node::hostname(root)?;
    if old == new {
        ctx.out.info("No change.");
        return Ok(Outcome::Done(Report::default()));
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let me = local.id.clone();
    let (old_domain, new_domain) = (node::domain_of(&old), node::domain_of(&new));
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    let owns_endpoint =
        local.state.node_type != NodeType::Node && (local.state.is_micro() || endpoint == format!("api.{old_domain}"));
    let new_endpoint = format!("api.{new_domain}");
    let hosts_text =
        crate::infra::files::read_optional(&root.hosts_file())?.map(|b| String::from_utf8_lossy(&b).into_owned());
    let hosts_after =
        hosts_text.as_deref().map(|t| replace_word(t, &old, &new)).filter(|after| Some(after) != hosts_text.as_ref());
    if !dry_run {
        ctx.out.header(&format!("Renaming hostname from {old} to {new} ({new_domain})"));
    }
    let wf = Workflow::new()
        .step(file_step(
            "hostname",
            format!("rename {old} to {new} in /etc/hostname"),
            root.hostname_file(),
            format!("{new}\n").into_bytes(),
        ))
        .step_if(hosts_after.is_some(), || {
            let after = hosts_after.clone().unwrap_or_default();
            file_step(
                "hosts-names",
                format!("rename {old} to {new} in /etc/hosts"),
                root.hosts_file(),
                after.into_bytes(),
            )
        })
        .step_if(root.dir() == std::path::Path::new("/"), || {
            Step::new("kernel-hostname", format!("set the kernel hostname to {new}"), || {
                nix::unistd::sethostname(&new).map_err(|e| anyhow::anyhow!("cannot set the kernel hostname: {e}"))?;
                Ok(Done::Final)
            })
        })
        .step_if(owns_endpoint, || {
            let m = Mutation::ConfigSet {
                component: "cluster".into(),
                path: "endpoint".into(),
                value: json!(new_endpoint),
                force: true,
            };
            mutate_step(ctx, &local, "endpoint", format!("change the endpoint {endpoint} to {new_endpoint}"), m, |_| {
                let ip = crate::infra::hosts::endpoint_ip(&root.hosts_file()).unwrap_or_else(|| me.clone());
                crate::infra::hosts::set_endpoint(&root.hosts_file(), &ip, &new_endpoint)?;
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
    fn replaces_whole_words_only() {
        let hosts = "127.0.0.1 localhost\n10.0.0.5 core core.example.com corex\n";
        assert_eq!(replace_word(hosts, "core", "hub"), "127.0.0.1 localhost\n10.0.0.5 hub core.example.com corex\n");
    }

    #[test]
    fn hostnames() {
        assert!(validate_hostname("node-1.example.com").is_ok());
        for bad in ["", "-a", "a..b", "a_b", "a b", "x;y"] {
            assert!(validate_hostname(bad).is_err(), "{bad}");
        }
    }
}
