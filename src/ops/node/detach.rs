//! `node detach` (leave the cluster and become a micro cloud again) and `node reattach`
//! (follow a core that changed its address).

use super::super::context::Ctx;
use super::super::info::Summary;
use super::super::remote::{self, Request};
use super::super::setup::micro::{self, MicroOptions};
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::infra::ssh::hostkeys::{self, HostKeyStatus};
use crate::model::node::{NodeState, NodeType};
use crate::model::store::{Applied, Mutation};
use anyhow::{Result, bail};

/// Detach this node. `core_already_knows`: the core asked (it removes the registration
/// itself), so do not contact it.
pub fn detach(
    ctx: &Ctx,
    start: bool,
    core_already_knows: bool,
    force: bool,
    dry_run: bool,
) -> Result<Outcome<Option<Summary>>> {
    let local = ctx.local()?;
    let (NodeType::Node, Some(core)) = (local.state.node_type, local.state.core_ip.clone()) else {
        bail!("This node is not attached to a core node");
    };
    let me = local.id.clone();
    // Leaving is agreed with the core first; without it only when forced.
    if !core_already_knows && !force && !dry_run {
        remote::hello(ctx.transport()?, &core).map_err(|e| {
            anyhow::anyhow!(
                "the core {core} is unreachable ({}); nothing was changed. To leave without telling it, pass --force (then run 'kato node remove {me} --skip-detach' on the core)",
                crate::error::one_line(&e)
            )
        })?;
    }
    if !dry_run {
        ctx.out.info(&format!("Detaching this node from core {core}"));
    }
    let opts = MicroOptions { updates: Vec::new(), delete: false, no_start: !start, force: true };
    let roles = micro::micro_roles(ctx, &local, &opts.updates)?;
    let failure = std::cell::RefCell::new(None);
    let wf = Workflow::new()
        .step(Step::new("stop-processes", "stop this node's processes", || {
            super::stop_all_local(ctx)?;
            Ok(Done::Final)
        }))
        .step_if(!core_already_knows, || {
            Step::new("unregister", format!("remove {me} from the registry of the core {core}"), || {
                let m = Request::StoreMutate {
                    mutation: Mutation::RemoveNodes { nodes: vec![me.clone()] },
                    dry_run: false,
                };
                if let Err(e) = ctx.transport().and_then(|t| remote::ask::<Applied>(t, &core, &m)) {
                    ctx.out.warn(&format!(
                        "Cannot contact the core {core} ({}); run 'kato node remove {me} --skip-detach' there",
                        crate::error::one_line(&e)
                    ));
                    return Ok(Done::Unchanged);
                }
                Ok(Done::Final)
            })
        });
    let wf = micro::steps(ctx, &local, wf, &opts, roles, &failure)?;
    let outcome = wf.execute(ctx, dry_run)?;
    micro::finish(ctx, outcome, failure)
}

/// Answer the core's `Detach` request (`node remove`). A node that is not attached any
/// more (an earlier `node remove` was interrupted after this node had left) says so and
/// succeeds, so that the core's re-run converges.
pub fn answer(ctx: &Ctx, start: bool) -> Result<()> {
    if !ctx.local()?.is_attached() {
        ctx.out.info("This node is not attached to a core node (it has left already)");
        return Ok(());
    }
    detach(ctx, start, true, false, false).map(|_| ())
}

/// Point this node at a core that changed its address.
pub fn reattach(ctx: &Ctx, core_ip: &str, dry_run: bool) -> Result<Outcome<Report>> {
    let core = crate::model::node::parse_ip(core_ip, "<core-ip>")?.to_string();
    let local = ctx.local()?;
    if !local.is_attached() {
        bail!("This node is not attached to a core node; use 'kato node attach {core}'");
    }
    let root = &ctx.root;
    let state = NodeState { core_ip: Some(core.clone()), ..local.state.clone() };
    // A router maps the endpoint to itself; any other node to the core.
    let hosts = crate::infra::hosts::endpoint_entry(&root.hosts_file()).filter(|(ip, _)| ip != "127.0.0.1");
    let wf = Workflow::new()
        .step(super::node_state_step(
            root,
            format!("point this node at the core {core} (now {})", local.state.core_ip.as_deref().unwrap_or("none")),
            state,
        ))
        .step_if(hosts.is_some(), || {
            let (_, endpoint) = hosts.clone().unwrap_or_default();
            super::hosts_step(ctx, core.clone(), endpoint)
        });
    let outcome = wf.execute(ctx, dry_run)?;
    if let Outcome::Done(report) = &outcome {
        if report.changed.is_empty() {
            ctx.out.info(&format!("This node already points at the core {core}."));
        } else {
            ctx.out.info(&format!("This node now points at the core {core}."));
        }
    }
    Ok(outcome)
}

/// Trust the core's host keys at its new address (sent by the core itself during
/// `node migrate --reattach-all`), so the next connection does not meet an unknown key.
pub fn trust_core_keys(ctx: &Ctx, core_ip: &str, keys: &[String]) -> Result<()> {
    let core = crate::model::node::parse_ip(core_ip, "<core-ip>")?.to_string();
    let opts = &ctx.transport()?.opts;
    for line in keys {
        let Some(b64) = line.split_whitespace().nth(1) else { continue };
        let key = russh::keys::parse_public_key_base64(b64)
            .map_err(|e| anyhow::anyhow!("the core sent an unreadable host key: {e}"))?;
        match hostkeys::check_host_key(&core, opts.port, &key, &opts.known_hosts_files()) {
            HostKeyStatus::Known => {}
            HostKeyStatus::Unknown => hostkeys::learn_host_key(&core, opts.port, &key, &opts.known_hosts_own)?,
            HostKeyStatus::Changed { file, line } => bail!(
                "a different host key is already recorded for {core} ({}, line {line}); remove it if the address was reused",
                file.display()
            ),
        }
    }
    Ok(())
}

/// Answer the core's `Reattach` request.
pub fn answer_reattach(ctx: &Ctx, core_ip: &str, host_keys: &[String]) -> Result<()> {
    trust_core_keys(ctx, core_ip, host_keys)?;
    reattach(ctx, core_ip, false).map(|_| ())
}
