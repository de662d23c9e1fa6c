//! `kato config del`.

use crate::model::store::Mutation;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct DelArgs {
    /// "cluster" or a process name
    pub component: String,
    /// Slash-separated path of the key to delete ("/" deletes the whole component)
    pub key_path: String,
    /// Allow deleting protected cluster keys (endpoint, mbusip)
    #[arg(long)]
    pub force: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_del(ctx: &Ctx, args: &DelArgs) -> Result<()> {
    if args.component == "local" {
        crate::bail_usage!("Cannot delete local configuration");
    }
    let catalog = ctx.catalog()?;
    let m = Mutation::ConfigDel { component: args.component.clone(), path: args.key_path.clone(), force: args.force };
    let applied = ctx.store()?.mutate(catalog, &m, args.dry_run)?;
    for w in &applied.outcome.warnings {
        ctx.ui.warn(w);
    }
    if args.dry_run {
        return super::super::print_dry_run(ctx, &applied.changes);
    }
    Ok(())
}
