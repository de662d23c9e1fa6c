//! `node detach`: leave the cluster and become a micro cloud again.

use crate::model::node::NodeType;
use crate::model::store::Mutation;
use crate::ops::context::Ctx;
use crate::ops::remote::Request;
use anyhow::Result;

/// Detach this node. `core_already_knows`: the core asked (it removes the registration
/// itself), so do not contact it.
pub fn detach(ctx: &Ctx, start: bool, core_already_knows: bool) -> Result<()> {
    let state = ctx.node_state()?.clone();
    let (NodeType::Node, Some(core)) = (state.node_type, state.core_ip.clone()) else {
        anyhow::bail!("This node is not attached to a core node");
    };
    let me = ctx.node_id()?;
    ctx.ui.info(&format!("Detaching this node from core {core}"));
    super::stop_all_local(ctx)?;
    if !core_already_knows {
        let m = Request::StoreMutate { mutation: Mutation::RemoveNodes { nodes: vec![me.clone()] }, dry_run: false };
        if let Err(e) = ctx.transport()?.call(&core, &m) {
            ctx.ui.warn(&format!(
                "Cannot contact the core {core} ({}); run 'kato node remove {me} --skip-detach' there",
                crate::error::one_line(&e)
            ));
        }
    }
    super::micro::configure(
        ctx,
        &super::micro::MicroOptions { updates: Vec::new(), delete: false, no_start: !start, dry_run: false },
    )
}

/// `node reattach`: the core changed its address; point this node at the new one.
pub fn reattach(ctx: &Ctx, core_ip: &str) -> Result<()> {
    let core = crate::model::node::parse_ip(core_ip, "<core-ip>")?.to_string();
    let mut state = ctx.node_state()?.clone();
    if state.node_type != NodeType::Node {
        anyhow::bail!("This node is not attached to a core node; use 'kato node attach {core}'");
    }
    if state.core_ip.as_deref() == Some(core.as_str()) {
        ctx.ui.info(&format!("This node already points at the core {core}."));
        return Ok(());
    }
    state.core_ip = Some(core.clone());
    state.save(&ctx.root)?;
    // A router maps the endpoint to itself; any other node to the core.
    if let Some((ip, endpoint)) = crate::infra::hosts::endpoint_entry(&ctx.root)
        && ip != "127.0.0.1"
    {
        crate::infra::hosts::set_endpoint(&ctx.root, &core, &endpoint)?;
    }
    ctx.ui.info(&format!("This node now points at the core {core}."));
    Ok(())
}

/// This node's SSH host public keys (`etc/ssh/ssh_host_*_key.pub` under the root), as
/// `TYPE BASE64` lines.
pub fn own_host_keys(ctx: &Ctx) -> Vec<String> {
    let dir = ctx.root.join("etc/ssh");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ssh_host_") && n.ends_with("_key.pub"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter_map(|text| {
            let mut fields = text.split_whitespace();
            Some(format!("{} {}", fields.next()?, fields.next()?))
        })
        .collect()
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
        match crate::infra::ssh::hostkeys::check_host_key(&core, opts.port, &key, &opts.known_hosts_files()) {
            crate::infra::ssh::hostkeys::HostKeyStatus::Known => {}
            crate::infra::ssh::hostkeys::HostKeyStatus::Unknown => {
                crate::infra::ssh::hostkeys::learn_host_key(&core, opts.port, &key, &opts.known_hosts_own)?;
            }
            crate::infra::ssh::hostkeys::HostKeyStatus::Changed { file, line } => anyhow::bail!(
                "a different host key is already recorded for {core} ({}, line {line}); remove it if the address was reused",
                file.display()
            ),
        }
    }
    Ok(())
}
