//! `kato op …`: operational commands.

pub mod custom_ssl_cert;
pub mod defer;
pub mod dhcp;
pub mod firewall;
pub mod generate_service_tokens;
pub mod import_from_yaml;
pub mod max_client_upload;
pub mod regenerate;
pub mod remap_hosts;
pub mod set_timezone;
pub mod static_ip;
pub mod update_hostsfile;
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
    Dhcp(dhcp::DhcpArgs),
    Firewall(firewall::FirewallArgs),
    #[command(name = "generate_service_tokens")]
    GenerateServiceTokens(generate_service_tokens::GenerateServiceTokensArgs),
    #[command(name = "import_from_yaml_file")]
    ImportFromYamlFile(import_from_yaml::ImportFileArgs),
    #[command(name = "import_from_yaml_files")]
    ImportFromYamlFiles(import_from_yaml::ImportFilesArgs),
    #[command(name = "max_client_upload")]
    MaxClientUpload(max_client_upload::MaxClientUploadArgs),
    Regenerate(regenerate::RegenerateArgs),
    #[command(name = "remap_hosts")]
    RemapHosts(remap_hosts::RemapHostsArgs),
    #[command(name = "set_timezone")]
    SetTimezone(set_timezone::SetTimezoneArgs),
    Defer(defer::DeferArgs),
    #[command(name = "run_deferred")]
    RunDeferred(defer::RunDeferredArgs),
    #[command(name = "static_ip")]
    StaticIp(static_ip::StaticIpArgs),
    #[command(name = "update_hostsfile")]
    UpdateHostsfile(update_hostsfile::UpdateHostsfileArgs),
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
