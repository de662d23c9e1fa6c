//! `kato config get|set|del|push|pop`: the cluster's configuration components.

pub mod del;
pub mod edit;
pub mod get;

use crate::model::store::keypath::KeyPath;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::{Map, Value, json};

/// Read and change configuration values of cluster components
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show a component, a value inside it, or every component
    Get(get::GetArgs),
    /// Set a value (read from stdin when VALUE is left out)
    Set(edit::EditArgs),
    /// Delete a key
    Del(del::DelArgs),
    /// Append a value to a list
    Push(edit::EditArgs),
    /// Remove a value from a list
    Pop(edit::EditArgs),
}

impl ConfigCommand {
    pub fn changes_state(&self) -> bool {
        match self {
            ConfigCommand::Get(_) => false,
            ConfigCommand::Set(a) | ConfigCommand::Push(a) | ConfigCommand::Pop(a) => !a.dry_run,
            ConfigCommand::Del(a) => !a.dry_run,
        }
    }
}

/// Output options shared by the config commands.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// JSON: parse VALUE as JSON, and print JSON
    #[arg(short = 'j', long, conflicts_with_all = ["yaml", "flat"])]
    pub json: bool,
    /// YAML: parse VALUE as YAML (YAML is the default output)
    #[arg(short = 'y', long, conflicts_with = "flat")]
    pub yaml: bool,
    /// Print one "/component/key/path = value" line per leaf value
    #[arg(short = 'f', long)]
    pub flat: bool,
}

/// The virtual `local` component: facts about this node, read-only.
pub fn local_component(ctx: &Ctx) -> Result<Value> {
    let state = ctx.node_state()?;
    let uri = ctx.store()?.uri();
    let mut m = Map::new();
    m.insert("redis_uri".into(), json!(uri));
    m.insert("config_uri".into(), json!(uri));
    m.insert("node_id".into(), json!(ctx.node_id()?));
    m.insert("node_type".into(), json!(state.node_type.as_str()));
    if let Some(core) = &state.core_ip {
        m.insert("core_ip".into(), json!(core));
    }
    Ok(Value::Object(m))
}

fn flat_lines(prefix: &str, v: &Value, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, child) in m {
                flat_lines(&format!("{prefix}/{k}"), child, out);
            }
        }
        _ => {
            out.push_str(&format!("{prefix} = {v}\n"));
        }
    }
}

/// Render a value the way `config get` and the editing commands show it.
pub fn display(component: &str, path: &KeyPath, value: Option<&Value>, out: &OutputArgs) -> Result<String> {
    let value = value.cloned().unwrap_or(Value::Null);
    if out.json {
        return crate::cli::render::json(&value);
    }
    if out.flat {
        let mut s = String::new();
        let prefix = if path.is_root() { format!("/{component}") } else { format!("/{component}/{}", path.display()) };
        if !value.is_null() {
            flat_lines(&prefix, &value, &mut s);
        }
        return Ok(s);
    }
    Ok(match &value {
        Value::Null => "\n".to_string(),
        Value::String(s) => format!("{s}\n"),
        Value::Number(_) | Value::Bool(_) => format!("{value}\n"),
        _ => crate::cli::render::yaml(&value)?,
    })
}
