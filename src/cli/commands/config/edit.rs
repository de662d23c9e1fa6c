//! `kato config set|push|pop`: they share their arguments and their output.

use super::OutputArgs;
use crate::model::store::Mutation;
use crate::model::store::keypath::KeyPath;
use crate::model::store::value::{self, InputSyntax};
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use std::io::{IsTerminal, Read};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    Set,
    Push,
    Pop,
}

fn read_value(kind: EditKind, given: Option<&String>) -> Result<String> {
    if let Some(v) = given {
        return Ok(v.clone());
    }
    if kind != EditKind::Set {
        crate::bail_usage!("a VALUE is required");
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        crate::bail_usage!("no VALUE given; pass it as an argument or pipe it on stdin");
    }
    let mut bytes = Vec::new();
    stdin.lock().take(value::MAX_VALUE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    let text = value::text_from_bytes(bytes)?;
    Ok(text.trim_end().to_string())
}

pub fn cmd_edit(ctx: &Ctx, kind: EditKind, args: &EditArgs) -> Result<()> {
    if args.component == "local" {
        crate::bail_usage!("Cannot update local '{}' directly.", args.key_path);
    }
    if kind != EditKind::Set && args.force {
        crate::bail_usage!("--force only applies to 'config set' and 'config del'");
    }
    let path = KeyPath::parse(&args.key_path)?;
    let syntax = if args.output.json {
        InputSyntax::Json
    } else if args.output.yaml {
        InputSyntax::Yaml
    } else {
        InputSyntax::Auto
    };
    let raw = read_value(kind, args.value.as_ref())?;
    let (value, guessed) = value::parse(&raw, syntax)?;
    crate::model::store::components::validate_value(&args.component, &path, &value, kind == EditKind::Pop)?;
    let (component, p) = (args.component.clone(), args.key_path.clone());
    let m = match kind {
        EditKind::Set => Mutation::ConfigSet { component, path: p, value: value.clone(), force: args.force },
        EditKind::Push => Mutation::ConfigPush { component, path: p, value: value.clone() },
        EditKind::Pop => Mutation::ConfigPop { component, path: p, value: value.clone() },
    };
    let catalog = ctx.catalog()?;
    let applied = ctx.store()?.mutate(catalog, &m, args.dry_run)?;
    if guessed && kind == EditKind::Set && !ctx.ui.quiet {
        ctx.ui.warn(&format!("Assumed type {}", value::type_name(&value)));
    }
    for w in &applied.outcome.warnings {
        ctx.ui.warn(w);
    }
    if args.dry_run {
        return super::super::print_dry_run(ctx, &applied.changes);
    }
    print!("{}", super::display(&args.component, &path, Some(&applied.outcome.value), &args.output)?);
    Ok(())
}
