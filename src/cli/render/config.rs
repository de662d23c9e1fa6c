//! How `config get` and the editing commands show a value: plain for scalars, YAML for
//! the rest, or JSON, or one `/component/path = value` line per leaf.

use crate::cli::commands::config::OutputArgs;
use crate::model::store::keypath::KeyPath;
use anyhow::Result;
use serde_json::Value;

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
        return super::json(&value);
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
        _ => super::yaml(&value)?,
    })
}
