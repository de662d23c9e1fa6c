//! The console's JSON API: the cluster's status (as `kato status --json`) and role toggles
//! (as `kato role add|remove -n NODE ROLE`). A visitor without a session gets 401; a change
//! without the session's CSRF token (header `X-CSRF-Token`) gets 403.

use super::{App, St};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

fn error(code: StatusCode, msg: &str) -> Response {
    (code, Json(json!({"ok": false, "error": msg}))).into_response()
}

fn api_session(app: &App, headers: &HeaderMap) -> Result<super::Session, Response> {
    app.session(headers).ok_or_else(|| error(StatusCode::UNAUTHORIZED, "login required"))
}

/// The status of every node, as `kato status --json`, plus why unreachable nodes are.
pub async fn status(State(app): St, headers: HeaderMap) -> Response {
    if let Err(r) = api_session(&app, &headers) {
        return r;
    }
    let (r, _, _) = app.op(|ctx| crate::ops::status::status(ctx, None)).await;
    match r {
        Ok(rep) => {
            let mut v = serde_json::to_value(&rep.status).unwrap_or_default();
            let unreachable: serde_json::Map<String, serde_json::Value> =
                rep.unreachable.into_iter().map(|(n, why)| (n, json!(why))).collect();
            v["unreachable"] = json!(unreachable);
            Json(v).into_response()
        }
        Err(e) => error(StatusCode::SERVICE_UNAVAILABLE, &crate::error::one_line(&e)),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toggle {
    node: String,
    role: String,
    action: String,
    #[serde(default)]
    force: bool,
}

/// Check the session and its CSRF token.
fn change_session(app: &App, headers: &HeaderMap) -> Result<super::Session, Response> {
    let s = api_session(app, headers)?;
    let given = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    if given.is_empty() || given != s.csrf {
        return Err(error(StatusCode::FORBIDDEN, "missing or wrong CSRF token; reload the page"));
    }
    Ok(s)
}

/// A JSON body that could not be read, as the 4xx it deserves.
fn rejected(e: JsonRejection) -> Response {
    error(e.status(), &format!("bad request: {}", e.body_text()))
}

/// The node and role a change names, checked as the command line checks them.
fn checked(node: &str, role: &str) -> Result<(), Response> {
    if !crate::model::catalog::load::valid_role_name(role) {
        return Err(error(StatusCode::BAD_REQUEST, &format!("'{}' is not a role name", role.escape_default())));
    }
    if crate::model::node::parse_ip(node, "node id").is_err() {
        return Err(error(StatusCode::BAD_REQUEST, &format!("'{}' is not a node address", node.escape_default())));
    }
    Ok(())
}

/// Add or remove one role on one node, through the op `kato role add|remove` calls.
pub async fn toggle_role(State(app): St, headers: HeaderMap, body: Result<Json<Toggle>, JsonRejection>) -> Response {
    let s = match change_session(&app, &headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = match body.map_err(rejected).and_then(|Json(t)| checked(&t.node, &t.role).map(|()| t)) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut argv = vec!["role".to_string(), t.action.clone(), "-n".into(), t.node.clone(), t.role.clone()];
    if t.force {
        argv.push("--force".into());
    }
    let (node, role, force) = (t.node.clone(), t.role.clone(), t.force);
    let (r, lines, changed) = match t.action.as_str() {
        "add" => {
            let req =
                crate::ops::roles::AddRequest { words: vec![role], node: Some(node), force, ..Default::default() };
            app.op(move |ctx| crate::ops::roles::add(ctx, &req, false).map(|_| ())).await
        }
        "remove" => {
            let req =
                crate::ops::roles::RemoveRequest { words: vec![role], node: Some(node), force, ..Default::default() };
            app.op(move |ctx| crate::ops::roles::remove(ctx, &req, false).map(|_| ())).await
        }
        _ => return error(StatusCode::BAD_REQUEST, "action must be 'add' or 'remove'"),
    };
    record(&app, &s.email, &argv, &r, changed);
    match r {
        Ok(()) => Json(json!({"ok": true, "lines": lines})).into_response(),
        Err(e) => {
            let code = if crate::error::exit_code(&e) == 2 { StatusCode::BAD_REQUEST } else { StatusCode::CONFLICT };
            (code, Json(json!({"ok": false, "error": crate::error::one_line(&e), "lines": lines}))).into_response()
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Life {
    node: String,
    role: String,
    action: String,
}

/// Start, stop or restart one role of one node, through the op `kato start|stop|restart
/// -n NODE ROLE` calls.
pub async fn lifecycle(State(app): St, headers: HeaderMap, body: Result<Json<Life>, JsonRejection>) -> Response {
    let s = match change_session(&app, &headers) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let t = match body.map_err(rejected).and_then(|Json(t)| checked(&t.node, &t.role).map(|()| t)) {
        Ok(t) => t,
        Err(r) => return r,
    };
    if !matches!(t.action.as_str(), "start" | "stop" | "restart") {
        return error(StatusCode::BAD_REQUEST, "action must be 'start', 'stop' or 'restart'");
    }
    let argv = vec![t.action.clone(), "-n".into(), t.node.clone(), t.role.clone()];
    let (node, words, action) = (t.node.clone(), vec![t.role.clone()], t.action.clone());
    let (r, lines, changed) = app
        .op(move |ctx| {
            use crate::ops::lifecycle;
            match action.as_str() {
                "start" => lifecycle::start(ctx, Some(&node), &words, false, false),
                "stop" => lifecycle::stop(ctx, Some(&node), &words, false),
                _ => lifecycle::restart(ctx, Some(&node), &words, false),
            }
            .map(|_| ())
        })
        .await;
    record(&app, &s.email, &argv, &r, changed);
    match r {
        Ok(()) => Json(json!({"ok": true, "lines": lines})).into_response(),
        Err(e) => {
            let code = if crate::error::exit_code(&e) == 2 { StatusCode::BAD_REQUEST } else { StatusCode::CONFLICT };
            (code, Json(json!({"ok": false, "error": crate::error::one_line(&e), "lines": lines}))).into_response()
        }
    }
}

/// A change that changed something goes to history with the admin's name.
fn record(app: &Arc<App>, admin: &str, argv: &[String], r: &anyhow::Result<()>, changed: bool) {
    if !changed {
        return;
    }
    let status = match r {
        Ok(()) => "succeeded".to_string(),
        Err(e) => format!("failed: {}", crate::error::one_line(e)),
    };
    if let Err(e) = crate::ops::console::record(&app.root, admin, argv, &status) {
        eprintln!("kato console: could not record a change in history: {}", crate::error::one_line(&e));
    }
}
