//! `kato op firewall`: this node's nftables ruleset, from its roles and the cluster's
//! port table; printed, or loaded atomically with `--apply`.

use crate::cli::render;
use crate::cli::ui::Ui;
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

impl FirewallArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        if self.apply || (self.dry_run && self.node.is_none()) {
            render::outcome(crate::ops::firewall::apply(ctx, self.dry_run)?);
            return Ok(());
        }
        let rules = crate::ops::firewall::ruleset(ctx, self.node.as_deref())?;
        for r in &rules.unknown_roles {
            ui.warn(&format!("role '{r}' is not in the port table; the firewall opens no port for it"));
        }
        crate::out!("{}", rules.script);
        Ok(())
    }
}
