//! `kato info`: this node's (or another node's) roles and the cluster it belongs to.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::json;

/// Show information about this node or cluster, including assigned and available roles
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Show a specific cluster node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

impl InfoArgs {
    pub fn exec(&self, ctx: &Ctx, _ui: &Ui) -> Result<()> {
        let i = crate::ops::info::info(ctx, self.node.as_deref())?;
        let license = render::license_line(&i.license);
        let list = |v: &[String]| if v.is_empty() { "<none>".to_string() } else { v.join(",") };
        match self.format.format() {
            Format::Text => crate::out!(
                "Version: {} {}\nConfig URI: {}\n{}:-\n  endpoint: {}\n  mbusip: {}\n  restricted: true\n  admins: {}\n{}Stackato Node [{}]\n  assigned roles : {}\n  available roles: {}\n  availability zone: {}\n  placement zones: {}\n",
                i.description,
                i.version,
                i.config_uri,
                i.name,
                i.endpoint,
                i.mbusip,
                i.admins.join(", "),
                license,
                i.node,
                list(&i.assigned),
                list(&i.available),
                i.availability_zone,
                if i.placement_zones.is_empty() { "default".to_string() } else { i.placement_zones.join(",") },
            ),
            f => {
                let mut doc = json!({
                        "stackato": {"description": i.description, "vendor_version": i.version},
                        "redis": {"uri": i.config_uri},
                        "cluster": {"name": i.name, "endpoint": i.endpoint, "mbusip": i.mbusip, "restricted": true,
                                    "admins": i.admins, "is_micro_cloud": i.micro},
                        "node": {i.node.clone(): {"roles": i.assigned, "type": i.node_type,
                                   "availability_zone": i.availability_zone, "placement_zones": i.placement_zones}},
                });
                if let Some(l) = &i.license.license {
                    doc["cluster"]["license"] = json!(l);
                    doc["cluster"]["license_enabled"] = json!(i.license.enabled);
                }
                crate::out!("{}", render::structured(f, &doc)?)
            }
        }
        Ok(())
    }
}
