//! The console's pages (maud: compiled templates, every value HTML-escaped). The Cluster
//! and Nodes pages are made from the store alone; node states are filled in by
//! `console.js` from `/api/status`.

use super::{App, St, html, page_session};
use crate::model::catalog::Catalog;
use crate::model::store::{Document, registry};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html as m};

fn layout(title: &str, who: Option<(&str, &str)>, body: Markup) -> Markup {
    m! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some((_, csrf)) = who { meta name="csrf" content=(csrf); }
                title { (title) " · kato Cluster Admin" }
                link rel="stylesheet" href="/static/console.css";
                script src="/static/console.js" defer {}
            }
            body {
                header {
                    strong { "kato Cluster Admin" }
                    @if let Some((email, csrf)) = who {
                        nav {
                            a href="/" { "Cluster" } " "
                            a href="/nodes" { "Nodes" } " "
                            a href="/config" { "Config" }
                        }
                        form.logout method="post" action="/logout" {
                            span.who { (email) } " "
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { "Log out" }
                        }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

pub fn login(error: Option<&str>) -> Markup {
    layout(
        "Log in",
        None,
        m! {
            @if let Some(e) = error { p.error #login-error { (e) } }
            form #login method="post" action="/login" {
                label { "E-mail " input #email type="email" name="email" required autocomplete="username"; }
                label { "Password " input #password type="password" name="password" required autocomplete="current-password"; }
                button #login-button type="submit" { "Log in" }
            }
        },
    )
}

/// The store and catalog, read on a blocking thread (a file on the core: no SSH).
async fn cluster_doc(app: &std::sync::Arc<App>) -> Result<(Catalog, Document), Response> {
    let (r, _, _) = app
        .op(|ctx| {
            let local = ctx.local()?;
            let doc = local.read_cluster(ctx)?;
            Ok((local.catalog, doc))
        })
        .await;
    r.map_err(|e| (StatusCode::SERVICE_UNAVAILABLE, crate::error::one_line(&e)).into_response())
}

fn hostname(doc: &Document, node: &str) -> String {
    registry::meta(doc, node, "hostname").and_then(|v| v.as_str()).unwrap_or("").to_string()
}

/// Cluster: the roles table and the issues table of `kato status`, filled in live.
pub async fn cluster(State(app): St, headers: HeaderMap) -> Response {
    let s = match page_session(&app, &headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (catalog, doc) = match cluster_doc(&app).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let nodes = registry::node_ids(&doc);
    let body = m! {
        p #summary data-nodes=(nodes.len()) { (nodes.len()) " nodes. " span #updated { "Asking the nodes…" } }
        p.error #down hidden {}
        h2 { "Roles" }
        table #roles {
            thead { tr { th { "ROLE" } th.n { "NODES" } th.n { "RUNNING" } th { "ISSUE#" } } }
            tbody {
                @for role in &catalog.roles {
                    @let n = nodes.iter().filter(|id| role.rules.mandatory || registry::role_names_of(&doc, id).contains(&role.name)).count();
                    @if n > 0 || role.rules.min_per_cluster > 0 {
                        tr data-role=(role.name) { td { (role.name) } td.n.nodes { (n) } td.n.running { "…" } td.issues { "…" } }
                    }
                }
            }
        }
        h2 { "Issues" }
        table #issues {
            thead { tr { th.n { "#" } th { "NODE" } th { "PROCESS" } th { "STATUS" } } }
            tbody {}
        }
        p #no-issues hidden { "No issues." }
    };
    html(layout("Cluster", Some((&s.email, &s.csrf)), body))
}

/// Nodes: one row per node, each role a toggle.
pub async fn nodes(State(app): St, headers: HeaderMap) -> Response {
    let s = match page_session(&app, &headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (catalog, doc) = match cluster_doc(&app).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let toggles: Vec<&str> = catalog
        .roles
        .iter()
        .filter(|r| !r.rules.mandatory && !r.rules.micro_cloud_only)
        .map(|r| r.name.as_str())
        .collect();
    let body = m! {
        p { "Each role is a toggle: it runs " code { "kato role add|remove -n NODE ROLE" } " with the same rules." }
        table #nodes {
            thead { tr { th { "NODE" } th { "HOSTNAME" } th { "REACHABLE" } th { "ROLES" } } }
            tbody {
                @for node in registry::node_ids(&doc) {
                    @let has = registry::role_names_of(&doc, &node);
                    tr.node data-node=(node) {
                        td { a href={ "/node/" (node) } { (node) } }
                        td.hostname { (hostname(&doc, &node)) }
                        td.reach data-node=(node) { "…" }
                        td.roles {
                            @for role in &toggles {
                                label.toggle {
                                    input type="checkbox" data-node=(node) data-role=(role) checked[has.iter().any(|h| h == role)];
                                    " " (role)
                                }
                                " "
                            }
                            div.msg data-node=(node) {}
                        }
                    }
                }
            }
        }
    };
    html(layout("Nodes", Some((&s.email, &s.csrf)), body))
}

/// Node: its processes (as `kato process list -n`) and its history.
pub async fn node(State(app): St, headers: HeaderMap, Path(ip): Path<String>) -> Response {
    let s = match page_session(&app, &headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    if crate::model::node::parse_ip(&ip, "node id").is_err() {
        return (StatusCode::BAD_REQUEST, format!("'{}' is not a node address", ip.escape_default())).into_response();
    }
    let target = ip.clone();
    let (r, _, _) = app
        .op(move |ctx| {
            let listing = crate::ops::process::list(ctx, &[], Some(&target), false)?;
            let local = ctx.local()?;
            let roles = crate::ops::processes::assigned_roles(&local.catalog, &local.read_cluster(ctx)?, &target);
            // The node's own history, and the changes made from here (the console runs on
            // the core) that named it.
            let mut history = crate::ops::history::read(ctx, Some(&target), false).unwrap_or_default();
            let named = format!(" -n {target} ");
            let here = crate::infra::history::read(&ctx.root.history_file()).unwrap_or_default();
            history.extend(here.into_iter().filter(|e| e.command.contains(&named) && e.node_id != target));
            history.sort_by_key(|e| e.unix_time);
            // The last 100 lines of each process's log (as `kato log tail -n 100`).
            let logs = std::sync::Arc::new(Logs::default());
            let nodes = crate::ops::logtail::Nodes::One(target.clone());
            let _ = crate::ops::logtail::tail(ctx, &[], 100, nodes, false, logs.clone());
            let logs = logs.0.lock().map(|l| l.clone()).unwrap_or_default();
            Ok((listing, roles, history, logs))
        })
        .await;
    let (listing, roles, history, logs) = match r {
        Ok(x) => x,
        Err(e) => return (StatusCode::BAD_REQUEST, crate::error::one_line(&e)).into_response(),
    };
    let body = m! {
        @if listing.down.contains(&ip) { p.error { "Node " (ip) " is down (it cannot be reached)." } }
        h2 { "Roles" }
        table #node-roles {
            tbody {
                @for role in &roles {
                    tr data-role=(role) {
                        td { (role) }
                        td {
                            @for action in ["start", "stop", "restart"] {
                                button.life type="button" data-node=(ip) data-role=(role) data-action=(action) { (action) } " "
                            }
                        }
                    }
                }
            }
        }
        div.msg #life-msg {}
        h2 { "Processes" }
        table #processes {
            thead { tr { th { "PROCESS" } th { "STATE" } } }
            tbody { @for row in &listing.rows { tr { td { (row.process) } td.state { (row.state) } } } }
        }
        h2 { "Logs" }
        div #logs {
            @for (process, lines) in &logs {
                section.log data-process=(process) { h3 { (process) } pre { @for l in lines { (l) "\n" } } }
            }
            @if logs.is_empty() { p { "No log lines." } }
        }
        h2 { "History" }
        table #history {
            thead { tr { th { "TIME" } th { "COMMAND" } th { "STATUS" } } }
            tbody {
                @for e in history.iter().rev().take(100) {
                    tr { td { (crate::infra::history::format_time(e.unix_time)) } td { code { (e.command) } } td { (e.status) } }
                }
            }
        }
    };
    html(layout(&format!("Node {ip}"), Some((&s.email, &s.csrf)), body))
}

/// Log lines by process, collected from `ops::logtail`.
#[derive(Default)]
struct Logs(std::sync::Mutex<std::collections::BTreeMap<String, Vec<String>>>);

impl crate::ops::logtail::LogOut for Logs {
    fn line(&self, line: &crate::infra::logtail::LogLine) -> bool {
        if let Ok(mut m) = self.0.lock() {
            m.entry(line.process.clone()).or_default().push(line.text.clone());
        }
        true
    }
    fn end_of_round(&self, _had_lines: bool) -> bool {
        true
    }
    fn dropped(&self, _node: &str, _why: &str, _reconnecting: bool) {}
    fn garbled(&self, _node: &str, _raw: &str) {}
}

/// Config: `kato config get` of every component, secrets hidden.
pub async fn config(State(app): St, headers: HeaderMap) -> Response {
    let s = match page_session(&app, &headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (_, doc) = match cluster_doc(&app).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let body = m! {
        p { "Read-only; values under secret-looking keys are hidden. Change values with " code { "kato config set" } "." }
        @for (name, value) in doc.components.iter().filter(|(n, _)| n.as_str() != "node") {
            section.component data-component=(name) {
                h2 { (name) }
                pre { (serde_json::to_string_pretty(&crate::ops::console::filter_secrets(value)).unwrap_or_default()) }
            }
        }
    };
    html(layout("Config", Some((&s.email, &s.csrf)), body))
}
