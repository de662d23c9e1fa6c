//! `kato op import_from_yaml_file` and `import_from_yaml_files`.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Import the YAML configuration of one process, replacing its prior configuration
#[derive(Debug, Args)]
pub struct ImportFileArgs {
    #[arg(value_name = "PROCESS")]
    pub process: String,
    #[command(flatten)]
    pub opts: ImportOpts,
}

/// Import configuration from YAML files for all processes, replacing prior configuration
#[derive(Debug, Args)]
pub struct ImportFilesArgs {
    #[command(flatten)]
    pub opts: ImportOpts,
}

#[derive(Debug, Args)]
pub struct ImportOpts {
    /// Read this YAML file instead of the spec's config_origin
    #[arg(long = "new-key-file", value_name = "FILE")]
    pub new_key_file: Option<String>,
    /// Add only the keys the store lacks, keeping the rest
    #[arg(long)]
    pub upgrade: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl ImportOpts {
    pub fn exec(&self, ctx: &Ctx, process: Option<&str>) -> Result<()> {
        let o = crate::ops::import::import(ctx, process, self.new_key_file.as_deref(), self.upgrade, self.dry_run)?;
        render::outcome(o);
        Ok(())
    }
}
