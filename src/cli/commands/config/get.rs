//! `kato config get`.

use super::OutputArgs;
use crate::cli::render;
use crate::cli::ui::Ui;
use crate::model::store::keypath::KeyPath;
use crate::ops::config::{self, Read};
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

impl GetArgs {
    pub fn exec(&self, ctx: &Ctx, _ui: &Ui) -> Result<()> {
        let path = KeyPath::parse(self.key_path.as_deref().unwrap_or(""))?;
        let text = match config::get(ctx, self.component.as_deref(), &path)? {
            Read::All(sorted) if self.output.flat => {
                let mut s = String::new();
                for (name, v) in &sorted {
                    s.push_str(&render::config::display(name, &KeyPath(vec![]), Some(v), &self.output)?);
                }
                s
            }
            Read::All(sorted) => {
                let all = Value::Object(sorted.into_iter().collect());
                if self.output.json { render::json(&all)? } else { render::yaml(&all)? }
            }
            Read::One(v) => {
                render::config::display(self.component.as_deref().unwrap_or(""), &path, v.as_ref(), &self.output)?
            }
        };
        crate::out!("{text}");
        Ok(())
    }
}
