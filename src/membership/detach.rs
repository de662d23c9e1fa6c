//! `node detach`: leave the cluster and become a micro cloud again.

use crate::context::Ctx;
use crate::node::NodeType;
use crate::remote::Request;
use crate::store::Mutation;
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
    let core = crate::node::parse_ip(core_ip, "<core-ip>")?.to_string();
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
    if let Some(ip) = crate::hosts::endpoint_ip(&ctx.root)
        && ip != "127.0.0.1"
        && let Ok(text) = std::fs::read_to_string(ctx.root.hosts_file())
    {
        let endpoint = text
            .lines()
            .find(|l| l.trim_end().ends_with(crate::hosts::MARKER))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("")
            .to_string();
        crate::hosts::set_endpoint(&ctx.root, &core, &endpoint)?;
    }
    ctx.ui.info(&format!("This node now points at the core {core}."));
    Ok(())
}
