//! `node migrate OLD NEW`: on the core, replace every reference to a node's old address
//! (cluster config, registry, /etc/hosts, this node's identity). With `reattach_all`, every
//! attached node is re-pointed at the core's new address over SSH, with a report per node.

use super::super::cluster::mutate_step;
use super::super::context::Ctx;
use super::super::lifecycle;
use super::super::remote::{Output, Request};
use super::super::report::Tone;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::node::{NodeState, NodeType};
use crate::model::store::{Mutation, registry};
use anyhow::{Result, bail};
use std::cell::RefCell;

#[derive(Debug, Clone, Default)]
pub struct MigrateOptions {
    pub old: String,
    pub new: String,
    pub reattach_all: bool,
    pub no_restart: bool,
}

pub fn migrate(ctx: &Ctx, opts: &MigrateOptions, dry_run: bool) -> Result<Outcome<Report>> {
    let old = crate::model::node::parse_ip(&opts.old, "<old-node-IP>")?.to_string();
    let new = crate::model::node::parse_ip(&opts.new, "<new-node-IP>")?.to_string();
    let local = ctx.local()?;
    if local.state.node_type != NodeType::Core {
        bail!("run 'kato node migrate' on the core node");
    }
    let root = &ctx.root;
    // The core's own registered address (KATO_NODE_IP may already name the new one).
    let core_id = local.state.node_id.clone().unwrap_or_else(|| local.id.clone());
    let core_moved = old == core_id || old == local.id;
    let failed: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let m = Mutation::MigrateNode { old: old.clone(), new: new.clone() };
    let wf = Workflow::new()
        .step(mutate_step(ctx, &local, "store", format!("migrate {old} to {new} in the cluster store"), m, |_| {
            ctx.out.info(&format!("Migrating {old} config to {new}"));
            Ok(())
        }))
        .step_if(core_moved, || {
            let state = NodeState { node_id: Some(new.clone()), ..local.state.clone() };
            super::node_state_step(root, format!("record this core's address as {new}"), state)
        })
        .step_if(
            core_moved && crate::infra::hosts::endpoint_ip(&root.hosts_file()).as_deref() == Some(old.as_str()),
            || {
                let endpoint =
                    crate::infra::hosts::endpoint_entry(&root.hosts_file()).map(|(_, e)| e).unwrap_or_default();
                super::hosts_step(ctx, new.clone(), endpoint)
            },
        )
        .step_if(opts.reattach_all && core_moved, || {
            Step::new("reattach-nodes", format!("re-point every other node at {new}"), || {
                let doc = local.read_cluster(ctx)?;
                let others: Vec<String> = registry::node_ids(&doc).into_iter().filter(|n| *n != new).collect();
                if others.is_empty() {
                    return Ok(Done::Unchanged);
                }
                ctx.out.header(&format!("Re-pointing {} node(s) at {new}", others.len()));
                let host_keys = crate::model::node::host_keys(&ctx.root);
                let req = |_: &str| Request::Reattach { core_ip: new.clone(), host_keys: host_keys.clone() };
                for (ip, r) in ctx.transport()?.call_many(&others, req) {
                    match r.and_then(|v| Ok(serde_json::from_value::<Output>(v)?)) {
                        Ok(_) => ctx.out.action(0, &format!("reattach {ip}"), "ok", Tone::Ok),
                        Err(e) => {
                            ctx.out.action(0, &format!("reattach {ip}"), "fail", Tone::Fail);
                            failed.borrow_mut().push(format!("{ip}: {}", crate::error::one_line(&e)));
                        }
                    }
                }
                Ok(Done::Final)
            })
        })
        .step_if(core_moved && !opts.no_restart, || lifecycle::restart_started_step(ctx, &new));
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) && core_moved && !opts.reattach_all {
        ctx.out.info(&format!("Run 'kato node reattach {new}' on every other node (or re-run with --reattach-all)."));
    }
    let failed = failed.into_inner();
    if !failed.is_empty() {
        bail!("could not re-point {}", failed.join("; "));
    }
    Ok(outcome)
}
