//! Rendering of command output: text, pretty JSON (2-space indent, as the original) or
//! YAML without the leading `---`.

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
