//! The cluster's configuration components (`kato config get|set|del|push|pop`), and the
//! read-only virtual `local` component.

use super::cluster::mutate_step;
use super::context::{Ctx, Local};
use super::workflow::{Outcome, Workflow};
use crate::model::store::keypath::KeyPath;
use crate::model::store::mutation::check_component;
use crate::model::store::{Applied, Document, Mutation};
use anyhow::Result;
use serde_json::{Map, Value, json};
use std::cell::RefCell;

/// What `config get` reads.
pub enum Read {
    /// Every component, sorted by name.
    All(Vec<(String, Value)>),
    /// One component's value at a path (`None` when absent).
    One(Option<Value>),
}

/// The virtual `local` component: facts about this node, read-only.
pub fn local_component(ctx: &Ctx, local: &Local) -> Result<Value> {
    let uri = local.store(ctx)?.uri();
    let mut m = Map::new();
    m.insert("redis_uri".into(), json!(uri));
    m.insert("config_uri".into(), json!(uri));
    m.insert("node_id".into(), json!(local.id));
    m.insert("node_type".into(), json!(local.state.node_type.as_str()));
    if let Some(core) = &local.state.core_ip {
        m.insert("core_ip".into(), json!(core));
    }
    Ok(Value::Object(m))
}

pub fn get(ctx: &Ctx, component: Option<&str>, path: &KeyPath) -> Result<Read> {
    let local = ctx.local()?;
    let doc: Document = local.read_cluster(ctx)?;
    let Some(component) = component else {
        let mut sorted: Vec<(String, Value)> = doc.components.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        return Ok(Read::All(sorted));
    };
    if component == "local" {
        let v = path.get(&local_component(ctx, &local)?).cloned();
        if v.is_none() {
            crate::bail_usage!(
                "Invalid config path specified '{}' (local has: redis_uri, config_uri, node_id, node_type, core_ip)",
                path.display()
            );
        }
        return Ok(Read::One(v));
    }
    check_component(&local.catalog, &doc, component)?;
    Ok(Read::One(doc.component(component).and_then(|c| path.get(c)).cloned()))
}

/// The editing commands that take a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Set,
    Push,
    Pop,
}

impl Edit {
    pub fn mutation(self, component: &str, path: &str, value: Value, force: bool) -> Mutation {
        let (component, path) = (component.to_string(), path.to_string());
        match self {
            Edit::Set => Mutation::ConfigSet { component, path, value, force },
            Edit::Push => Mutation::ConfigPush { component, path, value },
            Edit::Pop => Mutation::ConfigPop { component, path, value },
        }
    }
}

/// Apply one config edit (set, del, push, pop) as a one-step workflow.
pub fn edit(ctx: &Ctx, m: Mutation, dry_run: bool) -> Result<Outcome<Applied>> {
    let (component, verb) = match &m {
        Mutation::ConfigSet { component, .. } => (component, "set"),
        Mutation::ConfigDel { component, .. } => (component, "delete"),
        Mutation::ConfigPush { component, .. } => (component, "push onto"),
        Mutation::ConfigPop { component, .. } => (component, "pop from"),
        _ => crate::bail_usage!("not a config edit"),
    };
    let path = match &m {
        Mutation::ConfigSet { path, .. }
        | Mutation::ConfigDel { path, .. }
        | Mutation::ConfigPush { path, .. }
        | Mutation::ConfigPop { path, .. } => path.clone(),
        _ => String::new(),
    };
    if component == "local" {
        if matches!(m, Mutation::ConfigDel { .. }) {
            crate::bail_usage!("Cannot delete local configuration");
        }
        crate::bail_usage!("Cannot update local '{path}' directly.");
    }
    let title = format!("{verb} {component} {path}");
    let local = ctx.local()?;
    let result: RefCell<Option<Applied>> = RefCell::new(None);
    let wf = Workflow::new().step(mutate_step(ctx, &local, "config", title, m, |a| {
        *result.borrow_mut() = Some(a.clone());
        Ok(())
    }));
    let outcome = wf.execute(ctx, dry_run)?;
    Ok(outcome.map(|_| result.into_inner().unwrap_or_default()))
}
