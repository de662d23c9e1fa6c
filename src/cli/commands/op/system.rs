//! `kato op set_timezone`, `op update_hostsfile` and `op max_client_upload`.

use crate::cli::input::flag_or_ask;
use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::system;
use anyhow::Result;
use clap::Args;

/// Change the default system timezone for the host machine
#[derive(Debug, Args)]
pub struct SetTimezoneArgs {
    /// A zone of the tz database (e.g. America/Chicago); asked for on a terminal
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl SetTimezoneArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let tz = flag_or_ask(&self.timezone, "--timezone", "Please enter the timezone (e.g. America/Chicago):")?;
        render::outcome(system::set_timezone(ctx, &tz, self.dry_run)?);
        Ok(())
    }
}

/// Map the endpoint to the controller's internal address in /etc/hosts
#[derive(Debug, Args)]
pub struct UpdateHostsfileArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl UpdateHostsfileArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(system::update_hostsfile(ctx, self.dry_run)?);
        Ok(())
    }
}

/// Set the maximum upload size in MB from clients
#[derive(Debug, Args)]
pub struct MaxClientUploadArgs {
    /// The limit in MB (more than 1)
    #[arg(value_name = "MAX_SIZE")]
    pub max_size: u64,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl MaxClientUploadArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(system::max_client_upload(ctx, self.max_size, self.dry_run)?);
        Ok(())
    }
}

/// Configure this node's networking to use DHCP
#[derive(Debug, Args)]
pub struct DhcpArgs {
    /// The interface to configure
    #[arg(long, default_value = "eth0")]
    pub interface: String,
    /// Restart networking on the interface afterwards (ifdown/ifup; system root only)
    #[arg(long = "restart-network")]
    pub restart_network: bool,
    /// Show what would be written, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl DhcpArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let o = crate::ops::node::static_ip::dhcp(ctx, &self.interface, self.restart_network, self.dry_run)?;
        render::outcome(o);
        Ok(())
    }
}

/// Generate auth tokens for services (those still without one)
#[derive(Debug, Args)]
pub struct GenerateServiceTokensArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl GenerateServiceTokensArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(system::generate_service_tokens(ctx, self.dry_run)?);
        Ok(())
    }
}

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

/// Change the default shared domain in the cluster's configuration values
#[derive(Debug, Args)]
pub struct RemapHostsArgs {
    #[arg(value_name = "OLD_HOSTNAME")]
    pub old: String,
    #[arg(value_name = "NEW_HOSTNAME")]
    pub new: String,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RemapHostsArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::remap::remap_hosts(ctx, &self.old, &self.new, self.dry_run)?);
        Ok(())
    }
}

/// Regenerate what kato owns: the cluster's SSL certificate (ssl_cert, or all)
#[derive(Debug, Args)]
pub struct RegenerateArgs {
    /// ssl_cert or all (the original's other targets belong to components kato does not run)
    #[arg(value_name = "WHAT")]
    pub what: String,
    /// Do not ask before regenerating
    #[arg(short = 'n', long = "no-prompt", visible_short_alias = 'y')]
    pub no_prompt: bool,
    /// Do not restart processes (kato restarts none here)
    #[arg(short = 'r', long = "no-restart")]
    pub no_restart: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RegenerateArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::regenerate::regenerate(ctx, &self.what, self.no_prompt, self.dry_run)?);
        Ok(())
    }
}
