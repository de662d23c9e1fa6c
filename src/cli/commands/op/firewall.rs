//! `kato op firewall`: this node's nftables ruleset, from its roles and the cluster's
//! port table; printed, or loaded atomically with `--apply`.

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Render (or apply) this node's firewall from the cluster's roles and port table
#[derive(Debug, Args)]
pub struct FirewallArgs {
    /// Load the ruleset with 'nft -f' (one atomic transaction)
    #[arg(long, conflicts_with = "dry_run")]
    pub apply: bool,
    /// Print the ruleset and change nothing (the default)
    #[arg(long)]
    pub dry_run: bool,
    /// Render the ruleset of another node of the cluster
    #[arg(short = 'n', long = "node", value_name = "NODE_IP", conflicts_with = "apply")]
    pub node: Option<String>,
}

pub fn cmd_firewall(ctx: &Ctx, args: &FirewallArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let (input, unknown) = crate::ops::firewall::input_for(ctx.catalog()?, &doc, &node);
    for r in unknown {
        ctx.ui.warn(&format!("role '{r}' is not in the port table; the firewall opens no port for it"));
    }
    let script = crate::ops::firewall::render::render(&input)?;
    if !args.apply {
        print!("{script}");
        return Ok(());
    }
    crate::infra::nftables::check(&script)?;
    crate::infra::nftables::apply(&script)?;
    ctx.ui.info(&format!("Loaded the firewall of {node} (table inet kato)."));
    Ok(())
}
