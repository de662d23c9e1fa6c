//! Rendering of command output: text, pretty JSON (2-space indent, as the original) or
//! YAML without the leading `---`.

pub mod config;
pub mod status;
pub mod stream;
pub mod upgrade;

use crate::ops::workflow::{Outcome, Plan};
use anyhow::Result;
use clap::Args;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Yaml,
}

/// `-j/--json` and `-y/--yaml`, shared by every command that shows state.
#[derive(Debug, Clone, Args)]
pub struct FormatArgs {
    /// Print JSON
    #[arg(short = 'j', long, conflicts_with = "yaml")]
    pub json: bool,
    /// Print YAML
    #[arg(short = 'y', long)]
    pub yaml: bool,
}

impl FormatArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.yaml {
            Format::Yaml
        } else {
            Format::Text
        }
    }
}

/// Pretty JSON with a trailing newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// YAML without a document marker.
pub fn yaml<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let s = serde_norway::to_string(value)?;
    Ok(s.strip_prefix("---\n").map(str::to_string).unwrap_or(s))
}

/// Structured output in the chosen machine format (YAML for `Text`).
pub fn structured<T: Serialize + ?Sized>(format: Format, value: &T) -> Result<String> {
    match format {
        Format::Json => json(value),
        _ => yaml(value),
    }
}

/// A dry run's plan: the steps that would run (and those already done), each with the
/// changes it would make.
pub fn plan(p: &Plan) -> String {
    if !p.changes_anything() {
        return "dry run: nothing would change\n".to_string();
    }
    let todo = p.steps.iter().filter(|s| !s.already_done).count();
    let mut out = format!("dry run: would run {todo} step{}:\n", if todo == 1 { "" } else { "s" });
    for (i, s) in p.steps.iter().enumerate() {
        let done = if s.already_done { " (already done)" } else { "" };
        out.push_str(&format!("  {}. {}: {}{done}\n", i + 1, s.name, s.title));
        for d in &s.details {
            out.push_str(format!("       {d}").trim_end());
            out.push('\n');
        }
    }
    out
}

/// Print a plan, or hand back what a run produced.
pub fn outcome<T>(o: Outcome<T>) -> Option<T> {
    match o {
        Outcome::Planned(p) => {
            crate::out!("{}", plan(&p));
            None
        }
        Outcome::Done(t) => Some(t),
    }
}

/// `kato info`'s license line, present only once a license is set (so the original's
/// lines stay as they were without one).
pub fn license_line(l: &crate::ops::license::License) -> String {
    match &l.license {
        None => String::new(),
        Some(text) => {
            let first = text.lines().next().unwrap_or("").chars().take(60).collect::<String>();
            format!("  license: {first} ({})\n", if l.enabled { "enabled" } else { "disabled" })
        }
    }
}
