//! `kato log drain add`: prints the stored drain as YAML, as the original did.

use crate::model::drain::AddInput;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Add a new log drain.
///
/// Examples:
///   kato log drain add system_splunk udp://logs.splunk.com:1234/
///   kato log drain add -f json -p systail.dea dea_json tcp://10.0.0.9:5000
///   kato log drain add -f "{{.name}}@{{.node_id}}: {{.text}}" mine udp://10.0.0.9:514
///   kato log drain add debug file:///var/log/debug-1.log overwrite=1
///   kato log drain add mydrain redis://10.0.0.9:6379 key=logdata
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AddArgs {
    /// Message format: json, raw, a named format (systail, systail-syslog, event,
    /// event-syslog, or one in 'logyard drainformats') or a template like '{{.name}}: {{.text}}'
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Message key prefixes, comma-separated: systail (every process) or systail.PROCESS
    #[arg(short = 'p', long = "prefix", value_name = "PREFIXES")]
    pub prefix: Option<String>,
    /// Drain name (letters, digits, '_', '-', '.')
    pub name: String,
    /// udp://HOST:PORT, tcp://HOST:PORT, file:///PATH or redis://HOST[:PORT]
    pub uri: String,
    /// Drain parameters: overwrite=1 (file), key=KEY and limit=N (redis)
    #[arg(value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Show the steps that would run, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl AddArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let input = AddInput {
            name: &self.name,
            uri: &self.uri,
            format: self.format.as_deref(),
            prefixes: self.prefix.as_deref(),
            params: &self.params,
        };
        if let Some(added) = crate::cli::render::outcome(crate::ops::drains::add(ctx, &input, self.dry_run)?) {
            crate::out!("{}", super::status::yaml_doc(&added)?);
        }
        Ok(())
    }
}
