//! Preflight checks run before a change (`node setup core`, `node attach`, `role add`) and
//! on demand by `kato inspect`. Each check has a name; `--skip-preflight NAME` skips it.

use super::report::Reporter;
use crate::model::catalog::Catalog;
use crate::model::root::Root;
use anyhow::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// Passed, with something the operator should know (said in one line).
    Note(String),
    /// Worth telling the operator, but not a reason to stop.
    Warn(String),
    Fail(String),
}

#[derive(Debug, Clone)]
pub struct CheckResult {
    pub name: &'static str,
    pub verdict: Verdict,
}

/// Every process of `roles` must have its program on this machine.
pub fn process_binaries(root: &Root, catalog: &Catalog, node_ip: &str, roles: &[String]) -> Verdict {
    let mut missing = Vec::new();
    for spec in crate::ops::processes::processes_for(catalog, roles) {
        if let Err(program) = crate::ops::processes::find_program(root, node_ip, spec) {
            missing.push(format!("{} needs '{program}'", spec.name));
        }
    }
    if missing.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail(format!(
            "missing programs: {} (install them, or fix {})",
            missing.join("; "),
            root.processes_dir().display()
        ))
    }
}

/// Every role being added needs its processes in this node's catalog, each of which can
/// run: a role with none would be reported started while nothing serves.
pub fn role_processes(root: &Root, catalog: &Catalog, roles: &[String]) -> Verdict {
    let mut missing = Vec::new();
    let mut broken = Vec::new();
    for role in roles.iter().filter(|r| !catalog.is_mandatory(r)) {
        let problems = catalog.problems_of(std::slice::from_ref(role));
        broken.extend(problems.iter().map(|p| format!("{} ({})", p.process, p.message)));
        if catalog.processes_of(role).is_empty() && problems.is_empty() {
            missing.push(role.as_str());
        }
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!(
            "no process of {} is in this node's catalog ({})",
            missing.join(", "),
            root.processes_dir().display()
        ));
    }
    if !broken.is_empty() {
        parts.push(format!("processes that cannot run: {}", broken.join("; ")));
    }
    if parts.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail(format!("{}; install the role's process specs first", parts.join("; ")))
    }
}

/// The checks for roles being added to this machine (`role add`, `node attach`): the
/// machine checks, and that the roles have processes here.
pub fn new_role_checks(root: &Root, catalog: &Catalog, node_ip: &str, roles: &[String]) -> Vec<CheckResult> {
    let mut checks = vec![CheckResult { name: "role-processes", verdict: role_processes(root, catalog, roles) }];
    checks.extend(machine_checks(root, catalog, node_ip, roles));
    checks
}

/// The checks that look at this machine: every process of `roles` has its program, and
/// data-service roles have persistent storage.
pub fn machine_checks(root: &Root, catalog: &Catalog, node_ip: &str, roles: &[String]) -> Vec<CheckResult> {
    vec![
        CheckResult { name: "process-binaries", verdict: process_binaries(root, catalog, node_ip, roles) },
        CheckResult { name: "persistent-storage", verdict: persistent_storage(root, catalog, roles) },
    ]
}

/// Report results; fail on the first failing check that was not skipped.
pub fn enforce(out: &dyn Reporter, results: &[CheckResult], skip: &[String]) -> Result<()> {
    for r in results {
        if skip.iter().any(|s| s == r.name) {
            out.detail(&format!("preflight {} skipped", r.name));
            continue;
        }
        match &r.verdict {
            Verdict::Pass => out.detail(&format!("preflight {}: ok", r.name)),
            Verdict::Note(msg) => out.info(&format!("preflight {}: {msg}", r.name)),
            Verdict::Warn(msg) => out.warn(&format!("preflight {}: {msg}", r.name)),
            Verdict::Fail(msg) => {
                anyhow::bail!("preflight check '{}' failed: {msg} (skip it with --skip-preflight {})", r.name, r.name)
            }
        }
    }
    Ok(())
}

/// Names of the checks, for validating `--skip-preflight`.
pub const NAMES: &[&str] = &[
    "role-processes",
    "process-binaries",
    "version",
    "clock-skew",
    "duplicate-node",
    "persistent-storage",
    "shared-controller-data",
    "cluster-copy",
];

pub fn validate_skips(skip: &[String]) -> Result<()> {
    for s in skip {
        if !NAMES.contains(&s.as_str()) {
            crate::bail_usage!(
                "unknown preflight check '{}'{}",
                s.escape_default(),
                crate::error::did_you_mean(s, NAMES.iter().copied())
            );
        }
    }
    Ok(())
}

/// Roles whose data should live on persistent storage (the cluster guide's list).
const STORAGE_ROLES: &[&str] =
    &["mysql", "postgresql", "mongodb", "redis", "filesystem", "memcached", "rabbit", "rabbit3", "harbor"];

/// Data-service roles want `/var/stackato/services` on its own (persistent) filesystem;
/// warn when it sits on the root filesystem.
pub fn persistent_storage(root: &Root, catalog: &Catalog, roles: &[String]) -> Verdict {
    let _ = catalog;
    let wanted: Vec<&String> = roles.iter().filter(|r| STORAGE_ROLES.contains(&r.as_str())).collect();
    if wanted.is_empty() {
        return Verdict::Pass;
    }
    let services = root.join("var/stackato/services");
    let probe = if services.exists() { services.clone() } else { root.dir().to_path_buf() };
    let dev = |p: &std::path::Path| std::fs::metadata(p).ok().map(|m| std::os::unix::fs::MetadataExt::dev(&m));
    if services.exists() && dev(&probe) != dev(root.dir()) {
        return Verdict::Pass;
    }
    Verdict::Warn(format!(
        "{} is on the root filesystem; roles {} should keep their data on persistent storage (mount a volume there)",
        services.display(),
        wanted.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
    ))
}

/// The directories every controller of a cluster must share (the cluster guide's
/// "Multiple Controllers").
pub const SHARED_CONTROLLER_DIRS: &[&str] =
    &["home/stackato/stackato/data", "var/stackato/data/cloud_controller_ng/tmp/staged_droplet_uploads"];

/// A path another node may ask about: a marker file (`.kato-shared-check-…`) directly in
/// one of the shared controller folders, nothing else.
pub fn check_marker_path(path: &str) -> Result<()> {
    let ok = SHARED_CONTROLLER_DIRS.iter().any(|dir| {
        path.strip_prefix(dir)
            .and_then(|rest| rest.strip_prefix('/'))
            .is_some_and(|name| name.starts_with(".kato-shared-check-") && !name.contains('/') && !name.contains(".."))
    });
    if !ok {
        crate::bail_usage!("'{}' is not a file kato checks for", path.escape_default());
    }
    Ok(())
}

/// An extra controller must see the core's controller data: a marker written here has to
/// appear on the core. `core` is asked over SSH.
pub fn shared_controller_data(ctx: &super::context::Ctx, core: &str) -> Verdict {
    let token = format!(".kato-shared-check-{}-{}", std::process::id(), crate::infra::history::now_secs());
    let mut written = Vec::new();
    let mut problems = Vec::new();
    for dir in SHARED_CONTROLLER_DIRS {
        let local = ctx.root.join(dir);
        if !local.is_dir() {
            problems.push(format!("/{dir} does not exist"));
            continue;
        }
        let marker = local.join(&token);
        if std::fs::write(&marker, b"kato shared-directory check\n").is_err() {
            problems.push(format!("cannot write in /{dir}"));
            continue;
        }
        written.push((dir, marker));
    }
    if !written.is_empty() {
        let paths: Vec<String> = written.iter().map(|(d, _)| format!("{d}/{token}")).collect();
        let answer = ctx.transport().and_then(|t| {
            super::remote::ask::<super::remote::Present>(t, core, &super::remote::Request::CheckFiles { paths })
        });
        match answer {
            Ok(super::remote::Present { present }) => {
                for ((dir, _), seen) in written.iter().zip(present.iter().chain(std::iter::repeat(&false))) {
                    if !seen {
                        problems.push(format!("/{dir} is not shared with the core {core}"));
                    }
                }
            }
            Err(e) => problems.push(format!("cannot ask the core {core}: {}", crate::error::one_line(&e))),
        }
        for (_, marker) in &written {
            let _ = std::fs::remove_file(marker);
        }
    }
    if problems.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail(format!("{} (mount the shared filesystem on every controller first)", problems.join("; ")))
    }
}

/// `kato inspect`: every check that applies to this node as it is now.
pub fn inspect(ctx: &super::context::Ctx) -> Result<Vec<CheckResult>> {
    use crate::model::node::NodeType;
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let roles = super::processes::assigned_roles(&local.catalog, &doc, &local.id);
    match (local.state.node_type, &local.state.core_ip) {
        (NodeType::Node, Some(core)) if ctx.offline_core().is_none() => {
            let transport = ctx.transport()?;
            let hello = super::remote::hello(transport, core)?;
            let core_doc = super::remote::ask(transport, core, &super::remote::Request::StoreRead)?;
            let mut checks = super::node::attach::preflight(ctx, &local, &core_doc, &hello, &local.id, &roles, false)?;
            checks.push(CheckResult { name: "cluster-copy", verdict: Verdict::Pass });
            Ok(checks)
        }
        (NodeType::Node, Some(core)) => {
            // The core is down: what can be checked here, and how old this node's view is.
            let age = super::copy::load(&ctx.root).map(|(_, age)| age).unwrap_or_default();
            let stale = if age > STALE_COPY { " (stale)" } else { "" };
            let mut checks = new_role_checks(&ctx.root, &local.catalog, &local.id, &roles);
            checks.push(CheckResult {
                name: "cluster-copy",
                verdict: Verdict::Warn(format!(
                    "the core {core} is unreachable; this node works from its copy of the cluster document, saved {} ago{stale}",
                    super::copy::human_age(age)
                )),
            });
            Ok(checks)
        }
        _ => Ok(new_role_checks(&ctx.root, &local.catalog, &local.id, &roles)),
    }
}

/// The groups of checks `kato inspect group NAME` runs: `local` (this node's catalog,
/// programs and storage), `cluster` (this node against its cluster).
pub const GROUPS: &[(&str, &[&str])] = &[
    ("local", &["role-processes", "process-binaries", "persistent-storage"]),
    ("cluster", &["version", "clock-skew", "duplicate-node", "shared-controller-data", "cluster-copy"]),
];

/// The group a check belongs to.
pub fn group_of(check: &str) -> &'static str {
    GROUPS.iter().find(|(_, c)| c.contains(&check)).map(|(g, _)| *g).unwrap_or("local")
}

/// What `kato inspect` runs: every check, a group, or the checks named.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    All,
    Group(String),
    Tests(Vec<String>),
}

impl Selection {
    /// Check the names first (nothing runs when one is unknown).
    pub fn validate(&self) -> Result<()> {
        match self {
            Selection::All => Ok(()),
            Selection::Group(g) => {
                if !GROUPS.iter().any(|(n, _)| n == g) {
                    crate::bail_usage!(
                        "Unknown test group '{}'{}",
                        g.escape_default(),
                        crate::error::did_you_mean(g, GROUPS.iter().map(|(n, _)| *n))
                    );
                }
                Ok(())
            }
            Selection::Tests(t) => {
                for name in t {
                    if !NAMES.contains(&name.as_str()) {
                        crate::bail_usage!(
                            "Unknown test '{}'{}",
                            name.escape_default(),
                            crate::error::did_you_mean(name, NAMES.iter().copied())
                        );
                    }
                }
                Ok(())
            }
        }
    }

    fn wants(&self, check: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Group(g) => group_of(check) == g,
            Selection::Tests(t) => t.iter().any(|n| n == check),
        }
    }
}

/// `kato inspect [all|group G|tests T…]`: the selected checks that apply to this node.
pub fn inspect_selected(ctx: &super::context::Ctx, sel: &Selection) -> Result<Vec<CheckResult>> {
    sel.validate()?;
    Ok(inspect(ctx)?.into_iter().filter(|r| sel.wants(r.name)).collect())
}

/// A copy of the cluster document older than this is called stale.
pub const STALE_COPY: std::time::Duration = std::time::Duration::from_secs(3600);
