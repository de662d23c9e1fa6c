//! `kato config get`.

use super::OutputArgs;
use crate::model::store::keypath::KeyPath;
use crate::model::store::mutation::check_component;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::Value;

#[derive(Debug, Args)]
pub struct GetArgs {
    /// "cluster", "local", "node" or a process name (all components when left out)
    pub component: Option<String>,
    /// Slash-separated path inside the component (the whole component when left out)
    pub key_path: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn cmd_get(ctx: &Ctx, args: &GetArgs) -> Result<()> {
    let catalog = ctx.catalog()?;
    let doc = ctx.read_cluster()?;
    let Some(component) = &args.component else {
        // Components sorted by name, as the original listed its keys.
        let mut sorted: Vec<(&String, &Value)> = doc.components.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let all = Value::Object(sorted.iter().map(|(k, v)| ((*k).clone(), (*v).clone())).collect());
        let text = if args.output.json {
            crate::cli::render::json(&all)?
        } else if args.output.flat {
            let mut s = String::new();
            for (name, v) in &sorted {
                s.push_str(&super::display(name, &KeyPath(vec![]), Some(v), &args.output)?);
            }
            s
        } else {
            crate::cli::render::yaml(&all)?
        };
        print!("{text}");
        return Ok(());
    };
    let path = KeyPath::parse(args.key_path.as_deref().unwrap_or(""))?;
    let value = if component == "local" {
        let local = super::local_component(ctx)?;
        let v = path.get(&local).cloned();
        if v.is_none() {
            crate::bail_usage!(
                "Invalid config path specified '{}' (local has: redis_uri, config_uri, node_id, node_type, core_ip)",
                path.display()
            );
        }
        v
    } else {
        check_component(catalog, &doc, component)?;
        doc.component(component).and_then(|c| path.get(c)).cloned()
    };
    print!("{}", super::display(component, &path, value.as_ref(), &args.output)?);
    Ok(())
}
