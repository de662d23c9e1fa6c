//! The original's `op` commands that change this machine's settings or the cluster's
//! config keys directly: `set_timezone` (etc/timezone and the etc/localtime link under
//! the root, checked against the tz database), `update_hostsfile` (kato's line in
//! etc/hosts) and `max_client_upload` (the controller's upload limit).

use super::cluster::mutate_step;
use super::context::Ctx;
use super::privileged::{self, SystemChange};
use super::workflow::{Outcome, Report, Workflow};
use crate::model::store::{Mutation, registry};
use anyhow::Result;
use serde_json::json;
use std::path::PathBuf;

/// The tz database.
pub const TZDIR: &str = "/usr/share/zoneinfo";

/// The tz database file of a zone.
pub fn zone_file(name: &str) -> PathBuf {
    PathBuf::from(TZDIR).join(name)
}

/// A zone of the tz database (`America/Chicago`, `UTC`): a relative path of plain name
/// parts naming a TZif file.
pub fn validate_timezone(name: &str) -> Result<()> {
    let parts_ok = !name.is_empty()
        && name.len() <= 64
        && name.split('/').all(|p| {
            !p.is_empty() && p != "." && p != ".." && p.chars().all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
        });
    if !parts_ok {
        crate::bail_usage!("Invalid timezone given '{}'", name.escape_default());
    }
    let path = zone_file(name);
    let is_tzif = std::fs::File::open(&path)
        .and_then(|mut f| {
            let mut magic = [0u8; 4];
            std::io::Read::read_exact(&mut f, &mut magic).map(|_| magic)
        })
        .is_ok_and(|m| &m == b"TZif");
    if !is_tzif {
        crate::bail_usage!("Unknown timezone '{}' (not in the tz database {TZDIR})", name.escape_default());
    }
    Ok(())
}

/// The timezone recorded under the root, if any.
pub fn current_timezone(ctx: &Ctx) -> Option<String> {
    let text = std::fs::read_to_string(ctx.root.join("etc/timezone")).ok()?;
    let tz = text.trim().to_string();
    validate_timezone(&tz).is_ok().then_some(tz)
}

/// `op set_timezone --timezone TZ`.
pub fn set_timezone(ctx: &Ctx, tz: &str, dry_run: bool) -> Result<Outcome<Report>> {
    validate_timezone(tz)?;
    let old = current_timezone(ctx);
    let link_ok = || std::fs::read_link(ctx.root.join("etc/localtime")).is_ok_and(|l| l == zone_file(tz));
    if !dry_run {
        ctx.out.warn("Changing the default system timezone");
    }
    let step = privileged::step(
        ctx,
        "timezone",
        SystemChange::Timezone { name: tz.to_string() },
        old.clone().map(|name| SystemChange::Timezone { name }),
    )
    .done_if(move || Ok(current_timezone(ctx).as_deref() == Some(tz) && link_ok()));
    let outcome = Workflow::new().step(step).execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.header(&format!("The default timezone is now {tz}."));
        ctx.out.warn("A system restart is recommended for applications to adjust to the new TZ setting.");
    }
    Ok(outcome)
}

/// `op update_hostsfile`: kato's line in etc/hosts maps the endpoint to 127.0.0.1 on a
/// micro cloud or a router node, else to the cluster's MBUS address (the core).
pub fn update_hostsfile(ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    if endpoint.is_empty() {
        anyhow::bail!("Endpoint not configured; run 'kato node setup core' first");
    }
    let mbusip = doc.get_str("cluster", "mbusip").unwrap_or("127.0.0.1").to_string();
    let router = registry::role_names_of(&doc, &local.id).iter().any(|r| r == "router");
    let ip = if local.state.is_micro() || router || mbusip == "127.0.0.1" { "127.0.0.1".to_string() } else { mbusip };
    let outcome =
        Workflow::new().step(super::node::hosts_step(ctx, ip.clone(), endpoint.clone())).execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.info(&format!("{ip} {endpoint} {}", crate::infra::hosts::MARKER));
    }
    Ok(outcome)
}

/// `op max_client_upload MB`: the controller's upload limit (`cloud_controller_ng
/// max_droplet_size`, in MB as the original stored it; its processes read it at start).
pub fn max_client_upload(ctx: &Ctx, mb: u64, dry_run: bool) -> Result<Outcome<Report>> {
    if mb <= 1 {
        crate::bail_usage!("Maximum upload size must be greater than 1MB");
    }
    if mb > 1024 * 1024 {
        crate::bail_usage!("Maximum upload size must be at most 1048576MB (1 TB)");
    }
    let local = ctx.local()?;
    let m = Mutation::ConfigSet {
        component: "cloud_controller_ng".into(),
        path: "max_droplet_size".into(),
        value: json!(mb),
        force: false,
    };
    local.store(ctx)?.mutate(&local.catalog, &m, true)?;
    if !dry_run {
        ctx.out.info("Setting the maximum client upload size ( CC-Nginx ) ...");
    }
    let title = format!("set cloud_controller_ng max_droplet_size to {mb}");
    let step = mutate_step(ctx, &local, "max-upload", title, m, |_| Ok(()));
    let outcome = Workflow::new().step(step).execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.info(&format!(
            "Maximum upload size is now {mb}MB; restart the controller ('kato restart controller') to apply it."
        ));
    }
    Ok(outcome)
}

/// The placeholder the original's service tokens carried until generated.
pub const TOKEN_PLACEHOLDER: &str = "0xdeadbeef";

/// 32 hex digits from the kernel's random source.
fn random_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom")?, &mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// `op generate_service_tokens`: a token for every service of `cloud_controller_ng
/// builtin_services` whose token is missing or the placeholder, copied to the
/// service's gateway component (`<service>_gateway token`) when the store has one.
pub fn generate_service_tokens(ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
    use super::cluster::reversible_mutate_step;
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let services: Vec<String> = doc
        .get("cloud_controller_ng", "builtin_services")
        .and_then(|v| v.as_object())
        .map(|m| {
            m.iter()
                .filter(|(_, v)| {
                    v.get("token").and_then(|t| t.as_str()).is_none_or(|t| t.is_empty() || t == TOKEN_PLACEHOLDER)
                })
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    if services.is_empty() {
        ctx.out.info("Every service in cloud_controller_ng builtin_services has a token; nothing to generate.");
        return Ok(Outcome::Done(Report::default()));
    }
    let set = |component: &str, path: String, value: serde_json::Value| Mutation::ConfigSet {
        component: component.to_string(),
        path,
        value,
        force: false,
    };
    let mut wf = Workflow::new();
    let mut checks = Vec::new();
    for svc in &services {
        let token = random_token()?;
        let path = format!("builtin_services/{svc}/token");
        let back = match doc.get("cloud_controller_ng", &path) {
            Some(old) => set("cloud_controller_ng", path.clone(), old.clone()),
            None => Mutation::ConfigDel { component: "cloud_controller_ng".into(), path: path.clone(), force: false },
        };
        let m = set("cloud_controller_ng", path, json!(token));
        checks.push(m.clone());
        wf = wf.step(reversible_mutate_step(
            ctx,
            &local,
            "service-token",
            format!("generate the token of {svc}"),
            m,
            back,
        ));
        let gateway = format!("{svc}_gateway");
        if doc.component(&gateway).is_some() {
            let back = match doc.get(&gateway, "token") {
                Some(old) => set(&gateway, "token".into(), old.clone()),
                None => Mutation::ConfigDel { component: gateway.clone(), path: "token".into(), force: false },
            };
            let m = set(&gateway, "token".into(), json!(token));
            checks.push(m.clone());
            wf = wf.step(reversible_mutate_step(
                ctx,
                &local,
                "gateway-token",
                format!("give {gateway} the same token"),
                m,
                back,
            ));
        }
    }
    for m in &checks {
        local.store(ctx)?.mutate(&local.catalog, m, true)?;
    }
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        for svc in &services {
            ctx.out.action(0, &format!("generating the token of {svc}"), "ok", super::report::Tone::Ok);
        }
        ctx.out.info("Restart the controller and the service gateways to use the new tokens.");
    }
    Ok(outcome)
}
