//! Starting and stopping roles on a node: records each role's state (`START`/`STOP`) in
//! the registry and prints the original's progress lines.

use crate::context::Ctx;
use crate::store::Mutation;
use crate::store::registry::{START, STOP};
use crate::ui::Tone;
use anyhow::Result;

/// Start roles (in role order) on `node`.
pub fn start_roles(ctx: &Ctx, node: &str, roles: &[String]) -> Result<()> {
    let catalog = ctx.catalog()?;
    let mut roles = roles.to_vec();
    catalog.sort_roles(&mut roles);
    ctx.ui.header("Starting roles");
    ctx.store()?.mutate(
        catalog,
        &Mutation::SetRoleState {
            node: node.to_string(),
            roles: roles.clone(),
            state: START.into(),
        },
        false,
    )?;
    for r in &roles {
        ctx.ui
            .action(0, &format!("role {r} starting"), "ok", Tone::Ok);
    }
    Ok(())
}

/// Stop roles (in reverse role order) on `node`. Roles no longer in the registry (just
/// removed) are stopped without recording a state.
pub fn stop_roles(ctx: &Ctx, node: &str, roles: &[String]) -> Result<()> {
    let catalog = ctx.catalog()?;
    let mut roles = roles.to_vec();
    catalog.sort_roles(&mut roles);
    roles.reverse();
    ctx.ui.header("Stopping roles");
    let store = ctx.store()?;
    let configured = crate::store::registry::role_names_of(&store.read(catalog)?, node);
    let still: Vec<String> = roles
        .iter()
        .filter(|r| configured.contains(r))
        .cloned()
        .collect();
    if !still.is_empty() {
        store.mutate(
            catalog,
            &Mutation::SetRoleState {
                node: node.to_string(),
                roles: still,
                state: STOP.into(),
            },
            false,
        )?;
    }
    for r in &roles {
        ctx.ui
            .action(0, &format!("role {r} stopping"), "ok", Tone::Ok);
    }
    Ok(())
}
