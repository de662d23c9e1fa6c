//! `kato config del`.

use crate::cli::render;
use crate::cli::ui::Ui;
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

impl DelArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let m =
            Mutation::ConfigDel { component: self.component.clone(), path: self.key_path.clone(), force: self.force };
        if let Some(applied) = render::outcome(crate::ops::config::edit(ctx, m, self.dry_run)?) {
            for w in &applied.outcome.warnings {
                ui.warn(w);
            }
        }
        Ok(())
    }
}
