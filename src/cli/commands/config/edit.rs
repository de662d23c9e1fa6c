//! `kato config set|push|pop`: they share their arguments and their output.

use super::OutputArgs;
use crate::cli::render;
use crate::cli::ui::Ui;
use crate::model::store::keypath::KeyPath;
use crate::model::store::value::{self, InputSyntax};
use crate::ops::config::Edit;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct EditArgs {
    /// "cluster" or a process name
    pub component: String,
    /// Slash-separated path inside the component
    pub key_path: String,
    /// The value (set: read from stdin when left out)
    #[arg(allow_negative_numbers = true)]
    pub value: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Allow replacing a value by one of another type, or protected cluster keys
    #[arg(long)]
    pub force: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl EditArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui, kind: Edit) -> Result<()> {
        if kind != Edit::Set && self.force {
            crate::bail_usage!("--force only applies to 'config set' and 'config del'");
        }
        let path = KeyPath::parse(&self.key_path)?;
        let syntax = match (self.output.json, self.output.yaml) {
            (true, _) => InputSyntax::Json,
            (_, true) => InputSyntax::Yaml,
            _ => InputSyntax::Auto,
        };
        let raw = crate::cli::input::config_value(self.value.as_ref(), kind == Edit::Set)?;
        let (value, guessed) = value::parse(&raw, syntax)?;
        let m = kind.mutation(&self.component, &self.key_path, value.clone(), self.force);
        let outcome = crate::ops::config::edit(ctx, m, self.dry_run)?;
        if guessed && kind == Edit::Set && !ui.quiet {
            ui.warn(&format!("Assumed type {}", value::type_name(&value)));
        }
        let Some(applied) = render::outcome(outcome) else { return Ok(()) };
        for w in &applied.outcome.warnings {
            ui.warn(w);
        }
        crate::out!("{}", render::config::display(&self.component, &path, Some(&applied.outcome.value), &self.output)?);
        Ok(())
    }
}
