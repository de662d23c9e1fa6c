//! `kato op …`: operational commands.

pub mod custom_ssl_cert;
pub mod defer;
pub mod firewall;
pub mod static_ip;
pub mod system;
pub mod upstream_proxy;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Subcommand;

/// Operational commands
#[derive(Debug, Subcommand)]
pub enum OpCommand {
    #[command(name = "custom_ssl_cert", subcommand)]
    CustomSslCert(custom_ssl_cert::CustomSslCertCommand),
    Dhcp(system::DhcpArgs),
    Firewall(firewall::FirewallArgs),
    #[command(name = "generate_service_tokens")]
    GenerateServiceTokens(system::GenerateServiceTokensArgs),
    #[command(name = "import_from_yaml_file")]
    ImportFromYamlFile(system::ImportFileArgs),
    #[command(name = "import_from_yaml_files")]
    ImportFromYamlFiles(system::ImportFilesArgs),
    #[command(name = "max_client_upload")]
    MaxClientUpload(system::MaxClientUploadArgs),
    Regenerate(system::RegenerateArgs),
    #[command(name = "remap_hosts")]
    RemapHosts(system::RemapHostsArgs),
    #[command(name = "set_timezone")]
    SetTimezone(system::SetTimezoneArgs),
    Defer(defer::DeferArgs),
    #[command(name = "run_deferred")]
    RunDeferred(defer::RunDeferredArgs),
    #[command(name = "static_ip")]
    StaticIp(static_ip::StaticIpArgs),
    #[command(name = "update_hostsfile")]
    UpdateHostsfile(system::UpdateHostsfileArgs),
    #[command(name = "upstream_proxy", subcommand)]
    UpstreamProxy(upstream_proxy::UpstreamProxyCommand),
}

impl OpCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            OpCommand::CustomSslCert(c) => c.exec(ctx),
            OpCommand::Dhcp(a) => a.exec(ctx),
            OpCommand::Firewall(a) => a.exec(ctx, ui),
            OpCommand::GenerateServiceTokens(a) => a.exec(ctx),
            OpCommand::ImportFromYamlFile(a) => a.opts.exec(ctx, Some(&a.process)),
            OpCommand::ImportFromYamlFiles(a) => a.opts.exec(ctx, None),
            OpCommand::MaxClientUpload(a) => a.exec(ctx),
            OpCommand::Regenerate(a) => a.exec(ctx),
            OpCommand::RemapHosts(a) => a.exec(ctx),
            OpCommand::SetTimezone(a) => a.exec(ctx),
            OpCommand::Defer(a) => a.exec(ctx),
            OpCommand::RunDeferred(a) => a.exec(ctx),
            OpCommand::StaticIp(a) => a.exec(ctx),
            OpCommand::UpdateHostsfile(a) => a.exec(ctx),
            OpCommand::UpstreamProxy(c) => c.exec(ctx),
        }
    }
}
