//! Starting and stopping a node's roles through its supervisord: roles in role order and
//! their processes in process order (stop: both reversed); a process shared with another
//! started role keeps running ("required by …"); every wait is bounded.

use super::state::{ProcState, enabled};
use crate::infra::supervisor::Supervisor;
use crate::model::catalog::{Catalog, ProcessSpec};
use crate::model::root::Root;
use crate::model::store::{Document, registry};
use anyhow::Result;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// What happened to one process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcOutcome {
    Started,
    AlreadyRunning,
    Disabled,
    Failed(String),
    Stopped,
    AlreadyStopped,
    RequiredBy(Vec<String>),
}

impl ProcOutcome {
    pub fn label(&self) -> String {
        match self {
            ProcOutcome::Started => "started".into(),
            ProcOutcome::AlreadyRunning => "running".into(),
            ProcOutcome::Disabled => "disabled".into(),
            ProcOutcome::Failed(why) => format!("fail ({why})"),
            ProcOutcome::Stopped => "stopped".into(),
            ProcOutcome::AlreadyStopped => "stopped".into(),
            ProcOutcome::RequiredBy(r) => format!("required by {}", r.join(", ")),
        }
    }

    pub fn failed(&self) -> bool {
        matches!(self, ProcOutcome::Failed(_))
    }
}

/// One role's result, with its processes' results.
#[derive(Debug, Clone)]
pub struct RoleOutcome {
    pub role: String,
    pub processes: Vec<(String, ProcOutcome)>,
}

impl RoleOutcome {
    pub fn failed(&self) -> bool {
        self.processes.iter().any(|(_, o)| o.failed())
    }
}

fn start_timeout() -> Duration {
    let secs = std::env::var("KATO_START_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(30);
    Duration::from_secs(secs)
}

fn states(sup: &Supervisor) -> Result<BTreeMap<String, String>> {
    Ok(sup.get_all_process_info()?.into_iter().map(|i| (i.name, i.statename)).collect())
}

/// Start the processes of `roles` (already recorded as started) and wait until each is
/// RUNNING (and listening, when it has a `listen_port`) or has failed.
pub fn start(
    sup: &Supervisor,
    root: &Root,
    catalog: &Catalog,
    doc: &Document,
    node: &str,
    roles: &[String],
) -> Result<Vec<RoleOutcome>> {
    let before = states(sup)?;
    let mut plan: Vec<(String, Vec<&ProcessSpec>)> = Vec::new();
    for role in roles {
        plan.push((role.clone(), catalog.processes_of(role)));
    }
    let mut launched: BTreeMap<String, bool> = BTreeMap::new();
    for (_, procs) in &plan {
        for p in procs {
            if launched.contains_key(&p.name) || !enabled(p, doc) {
                continue;
            }
            let was_up = before.get(&p.name).is_some_and(|s| s == "RUNNING");
            if !was_up {
                sup.ensure_started(&p.name, false)?;
            }
            launched.insert(p.name.clone(), was_up);
        }
    }
    // Wait for every launched process to settle.
    let deadline = Instant::now() + start_timeout();
    let mut result: BTreeMap<String, ProcOutcome> = BTreeMap::new();
    loop {
        let now = states(sup)?;
        for (name, was_up) in &launched {
            if result.contains_key(name) {
                continue;
            }
            let spec = catalog.process(name);
            match now.get(name).map(String::as_str) {
                Some("RUNNING") => {
                    let ready = spec.and_then(|s| s.listen_port).is_none_or(|port| super::state::listening(node, port));
                    if ready {
                        result.insert(
                            name.clone(),
                            if *was_up { ProcOutcome::AlreadyRunning } else { ProcOutcome::Started },
                        );
                    }
                }
                Some("FATAL") | Some("EXITED") | Some("STOPPED") => {
                    let log = crate::infra::supervisor::SupervisorPaths::under(root.dir()).program_log(name);
                    result.insert(name.clone(), ProcOutcome::Failed(format!("{}; see {}", now[name], log.display())));
                }
                _ => {}
            }
        }
        if result.len() == launched.len() {
            break;
        }
        if Instant::now() >= deadline {
            for name in launched.keys() {
                result
                    .entry(name.clone())
                    .or_insert_with(|| ProcOutcome::Failed(format!("not ready after {}s", start_timeout().as_secs())));
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(plan
        .into_iter()
        .map(|(role, procs)| RoleOutcome {
            role,
            processes: procs
                .iter()
                .map(|p| {
                    let o = if enabled(p, doc) {
                        result.get(&p.name).cloned().unwrap_or(ProcOutcome::Disabled)
                    } else {
                        ProcOutcome::Disabled
                    };
                    (p.name.clone(), o)
                })
                .collect(),
        })
        .collect())
}

/// Stop the processes of `roles` (in reverse order). Unless `force`, a process that a
/// role still started on this node needs keeps running. `remaining` are those roles.
pub fn stop(
    sup: &Supervisor,
    catalog: &Catalog,
    roles: &[String],
    remaining: &[String],
    force: bool,
) -> Result<Vec<RoleOutcome>> {
    let now = states(sup)?;
    let mut out = Vec::new();
    let mut stopping = Vec::new();
    for role in roles.iter().rev() {
        let mut procs = Vec::new();
        for p in catalog.processes_of(role).into_iter().rev() {
            let holders: Vec<String> = remaining
                .iter()
                .filter(|r| !roles.contains(r) && p.roles.contains(r))
                .map(|r| if catalog.is_mandatory(r) { "system".to_string() } else { r.clone() })
                .collect();
            let outcome = if !force && !holders.is_empty() {
                ProcOutcome::RequiredBy(holders)
            } else if matches!(now.get(&p.name).map(String::as_str), Some("RUNNING" | "STARTING" | "BACKOFF")) {
                if !stopping.contains(&p.name) {
                    sup.ensure_stopped(&p.name, false)?;
                    stopping.push(p.name.clone());
                }
                ProcOutcome::Stopped
            } else {
                ProcOutcome::AlreadyStopped
            };
            procs.push((p.name.clone(), outcome));
        }
        out.push(RoleOutcome { role: role.clone(), processes: procs });
    }
    let deadline = Instant::now() + start_timeout();
    while !stopping.is_empty() && Instant::now() < deadline {
        let now = states(sup)?;
        stopping.retain(|n| {
            matches!(now.get(n).map(String::as_str), Some("RUNNING" | "STARTING" | "BACKOFF" | "STOPPING"))
        });
        if !stopping.is_empty() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    for (_, procs) in out.iter_mut().map(|o| (o.role.clone(), &mut o.processes)) {
        for (name, outcome) in procs.iter_mut() {
            if stopping.contains(name) {
                *outcome = ProcOutcome::Failed("still running".into());
            }
        }
    }
    Ok(out)
}

/// Roles recorded as started on a node (mandatory roles always count as started).
pub fn started_roles(catalog: &Catalog, doc: &Document, node: &str) -> Vec<String> {
    let mut roles: Vec<String> =
        registry::roles_of(doc, node).into_iter().filter(|(_, s)| s == registry::START).map(|(r, _)| r).collect();
    roles.extend(catalog.mandatory_roles());
    catalog.sort_roles(&mut roles);
    roles
}

/// Processes running under supervisord that no assigned role needs.
pub fn rogue(states: &[super::state::ProcessStatus]) -> Vec<String> {
    states.iter().filter(|s| s.state == ProcState::Rogue).map(|s| s.name.clone()).collect()
}
