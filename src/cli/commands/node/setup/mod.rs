//! `kato node setup core|micro`.

pub mod core;
pub mod firstuser;
pub mod load_balancer;
pub mod micro;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::info::Summary;
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    Core(core::CoreArgs),
    Firstuser(firstuser::FirstuserArgs),
    #[command(name = "load_balancer")]
    LoadBalancer(load_balancer::LoadBalancerArgs),
    Micro(micro::MicroArgs),
}

impl SetupCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            SetupCommand::Core(a) => a.exec(ctx, ui),
            SetupCommand::Micro(a) => a.exec(ctx, ui),
            SetupCommand::Firstuser(a) => a.exec(ctx),
            SetupCommand::LoadBalancer(a) => a.exec(ctx),
        }
    }
}

/// The summary printed after a setup: the cluster, then this node's roles.
pub fn print_summary(ui: &Ui, s: &Summary) {
    ui.info(&format!(
        "{}:-\n  endpoint: {}\n  mbusip: {}\n  restricted: true\n  admins: {}\nStackato Node [{}]\n  roles: {}",
        s.name,
        s.endpoint,
        s.mbusip,
        s.admins.join(", "),
        s.node,
        s.roles.join(",")
    ));
}
