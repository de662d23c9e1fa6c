//! `node setup load_balancer`: turn an attached node into the cluster's front door. The
//! node gives up its other roles (with `--force`), takes the exclusive `load_balancer`
//! role, and its nginx (run by supervisord) terminates TLS with the cluster certificate
//! and spreads requests over the routers. Following the cluster guide, when TLS ends here
//! the routers are told to trust the X-Forwarded-* headers it adds
//! (`router2g prevent_x_spoofing` false); with `--tls-passthrough` nginx only relays TCP,
//! the routers terminate TLS themselves, and they must strip client-supplied headers
//! (`prevent_x_spoofing` true). Re-running the command picks up routers that were
//! attached or removed since.

use super::super::cluster::reversible_mutate_step;
use super::super::context::Ctx;
use super::super::context::Local;
use super::super::lifecycle::{self, RoleAction};
use super::super::report::Tone;
use super::super::workflow::{self, Done, Outcome, Report, Step, Workflow};
use super::lb_checks;
use crate::infra::nginx::{LbConfig, write_prefix};
use crate::model::node::NodeType;
use crate::model::store::registry::{self, START, STOP};
use crate::model::store::{Document, Mutation};
use anyhow::{Result, bail};
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct LbOptions {
    pub routers: Vec<String>,
    pub force: bool,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub http_port: u16,
    pub https_port: u16,
    /// Forward HTTP to this port on every router, instead of the port each router's
    /// catalog gives.
    pub router_port: Option<u16>,
    /// Pass TLS through to the routers instead of terminating it here.
    pub tls_passthrough: bool,
    /// With `tls_passthrough`: relay TLS to this port on every router, instead of the
    /// port each router's catalog gives.
    pub router_tls_port: Option<u16>,
}

/// The routers to balance over: the ones given (each must carry the router role), or every
/// router of the cluster except this node.
pub fn routers(doc: &Document, me: &str, given: &[String]) -> Result<Vec<String>> {
    let all: Vec<String> = registry::node_ids(doc)
        .into_iter()
        .filter(|n| registry::role_names_of(doc, n).iter().any(|r| r == "router"))
        .collect();
    let picked: Vec<String> = if given.is_empty() {
        all.into_iter().filter(|n| n != me).collect()
    } else {
        let mut out = Vec::new();
        for ip in given {
            let ip = crate::model::node::parse_ip(ip, "router IP")?.to_string();
            if !all.contains(&ip) {
                crate::bail_usage!("No router configured at {ip}");
            }
            if ip == me {
                crate::bail_usage!("{ip} is this node; the load balancer cannot be its own router");
            }
            if !out.contains(&ip) {
                out.push(ip);
            }
        }
        out
    };
    if picked.is_empty() {
        bail!(
            "the cluster has no router other than this node; attach router nodes first ('kato node attach -e router CORE_IP')"
        );
    }
    Ok(picked)
}

pub fn setup(ctx: &Ctx, opts: &LbOptions, dry_run: bool) -> Result<Outcome<Report>> {
    let out = ctx.out;
    let local = ctx.local()?;
    if local.state.node_type != NodeType::Node {
        bail!(
            "attach this node to the cluster first ('kato node attach CORE_IP'); a load balancer sits in front of a cluster's routers"
        );
    }
    let catalog = &local.catalog;
    let doc = local.read_cluster(ctx)?;
    let me = local.id.clone();
    let routers = routers(&doc, &me, &opts.routers)?;
    let before: Vec<(String, String)> = registry::roles_of(&doc, &me)
        .into_iter()
        .filter(|(r, _)| !catalog.is_mandatory(r) && r != "load_balancer")
        .collect();
    let others: Vec<String> = before.iter().map(|(r, _)| r.clone()).collect();
    if !others.is_empty() && !opts.force {
        crate::bail_usage!(
            "Setting up the load balancer removes this node's other roles ({}); pass --force to proceed",
            others.join(", ")
        );
    }
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    let spoofing = opts.tls_passthrough;
    if spoofing && !std::path::Path::new(crate::infra::nginx::STREAM_MODULE).exists() {
        bail!(
            "TLS pass-through needs nginx's stream module ({}); install the Debian package libnginx-mod-stream",
            crate::infra::nginx::STREAM_MODULE
        );
    }
    if opts.cert.is_some() != opts.key.is_some() {
        crate::bail_usage!("--cert and --key go together");
    }
    // Everything is checked before anything changes: this machine can run the role, the
    // certificate and key belong together, each router's ports, and nginx accepts the
    // configuration.
    let lb = vec!["load_balancer".to_string()];
    let checks = super::super::preflight::new_role_checks(&ctx.root, catalog, &me, &lb);
    super::super::preflight::enforce(out, &checks, &[])?;
    let ssl = ctx.root.join("etc/kato/ssl");
    let cert = if spoofing {
        lb_checks::Certificate { cert: ssl.join("unused.crt"), key: ssl.join("unused.key"), made: None }
    } else {
        // A custom certificate (op custom_ssl_cert) covering the endpoint, unless given.
        let custom = super::super::ssl_cert::for_endpoint(&doc, &ctx.root, &endpoint);
        let given = opts.cert.as_deref().zip(opts.key.as_deref());
        let given = given.or(custom.as_ref().map(|(c, k)| (c.as_path(), k.as_path())));
        lb_checks::certificate(given, &ssl, &endpoint)?
    };
    let https_override = if spoofing { opts.router_tls_port } else { Some(lb_checks::DEFAULT_HTTPS) };
    let backends = lb_checks::router_backends(ctx, &routers, opts.router_port, https_override)?;
    let prefix = ctx.root.join("var/lib/kato/nginx");
    let prefix = if prefix.is_absolute() { prefix } else { std::env::current_dir()?.join(prefix) };
    let mut cfg = LbConfig::new(prefix, endpoint.clone(), cert.cert.clone(), cert.key.clone(), backends);
    cfg.listen_ip = me.clone();
    cfg.http_port = opts.http_port;
    cfg.https_port = opts.https_port;
    cfg.tls_passthrough = spoofing;
    lb_checks::test_config(&local, &ctx.root, &cfg, &cert)?;

    let already_lb = registry::role_names_of(&doc, &me).iter().any(|r| r == "load_balancer");
    let old_spoofing = doc.get("router2g", "prevent_x_spoofing").cloned();
    let wf = Workflow::new()
        .step_if(!others.is_empty(), || remove_other_roles_step(ctx, &local, &me, &before))
        .step(Step::new("routers", format!("balance {endpoint} over routers {}", routers.join(", ")), || {
            out.header("Using the following router IPs");
            for r in &routers {
                out.info(&format!("-> {r}"));
            }
            Ok(Done::Unchanged)
        }))
        .step_if(cert.made.is_some(), || {
            Step::new(
                "certificate",
                format!("install a self-signed certificate for {endpoint} in {}", ssl.display()),
                || {
                    let (made_cert, made_key) = cert.made_files().unwrap_or_default();
                    std::fs::create_dir_all(&ssl)?;
                    std::fs::copy(&made_key, &cert.key)?;
                    std::fs::copy(&made_cert, &cert.cert)?;
                    Ok(Done::Changed(Box::new(|| {
                        let _ = std::fs::remove_file(&cert.cert);
                        std::fs::remove_file(&cert.key).map_err(Into::into)
                    })))
                },
            )
        })
        .step(Step::new(
            "nginx-config",
            format!("write the nginx configuration under {}", cfg.prefix.display()),
            || {
                out.header("Rewriting nginx configuration...");
                let conf = cfg.conf_path();
                let snap = workflow::snapshot(&conf)?;
                write_prefix(&cfg)?;
                let (me, lb) = (&me, &lb);
                Ok(Done::Changed(Box::new(move || {
                    // The previous configuration, and (if it ran) the nginx that served it.
                    workflow::restore(&conf, snap)?;
                    if already_lb { lifecycle::apply(ctx, &RoleAction::restart(me, lb)) } else { Ok(()) }
                })))
            },
        ))
        .step({
            let set = Mutation::ConfigSet {
                component: "router2g".into(),
                path: "prevent_x_spoofing".into(),
                value: json!(spoofing),
                force: true,
            };
            let back = match &old_spoofing {
                Some(v) => Mutation::ConfigSet {
                    component: "router2g".into(),
                    path: "prevent_x_spoofing".into(),
                    value: v.clone(),
                    force: true,
                },
                None => {
                    Mutation::ConfigDel { component: "router2g".into(), path: "prevent_x_spoofing".into(), force: true }
                }
            };
            reversible_mutate_step(
                ctx,
                &local,
                "router-headers",
                format!("set router2g prevent_x_spoofing = {spoofing}"),
                set,
                back,
            )
        })
        .step_if(!already_lb, || {
            let add =
                Mutation::AddRoles { node: me.clone(), roles: lb.clone(), state: START.into(), micro_cloud: false };
            let back = Mutation::RemoveRoles { node: me.clone(), roles: lb.clone(), force: true };
            reversible_mutate_step(ctx, &local, "add-role", "add the role load_balancer to this node".into(), add, back)
        })
        .step(start_nginx_step(ctx, &cfg, already_lb));
    let outcome = wf.execute(ctx, dry_run)?;
    if let Outcome::Done(_) = &outcome {
        report_serving(ctx, &cfg)?;
    }
    Ok(outcome)
}

/// Give up the node's other roles; undone by giving them back (and starting the ones that
/// were started).
fn remove_other_roles_step<'a>(
    ctx: &'a Ctx,
    local: &'a Local,
    me: &'a str,
    before: &'a [(String, String)],
) -> Step<'a> {
    let others: Vec<String> = before.iter().map(|(r, _)| r.clone()).collect();
    Step::new("remove-other-roles", format!("remove roles {} from this node", others.join(", ")), move || {
        let m = Mutation::RemoveRoles { node: me.to_string(), roles: others.clone(), force: true };
        local.store(ctx)?.mutate(&local.catalog, &m, false)?;
        lifecycle::apply(ctx, &RoleAction::stop(me, &others, false))?;
        Ok(Done::Changed(Box::new(move || {
            let store = local.store(ctx)?;
            for state in [START, STOP] {
                let roles: Vec<String> = before.iter().filter(|(_, s)| s == state).map(|(r, _)| r.clone()).collect();
                if !roles.is_empty() {
                    let m = Mutation::AddRoles { node: me.to_string(), roles, state: state.into(), micro_cloud: false };
                    store.mutate(&local.catalog, &m, false)?;
                }
            }
            let started: Vec<String> = before.iter().filter(|(_, s)| s == START).map(|(r, _)| r.clone()).collect();
            lifecycle::apply(ctx, &RoleAction::start(me, &started))
        })))
    })
}

/// Start (or restart) nginx and see it come up. When it does not come up, a new load
/// balancer's nginx is stopped again, and the failure undoes the earlier steps (the
/// previous configuration comes back, and with it a load balancer that was running).
fn start_nginx_step<'a>(ctx: &'a Ctx, cfg: &'a LbConfig, already_lb: bool) -> Step<'a> {
    Step::new("start-nginx", "start (or restart) nginx as the load balancer", move || {
        ctx.out.header("Starting nginx as a load balancer...");
        let me = cfg.listen_ip.clone();
        let lb = vec!["load_balancer".to_string()];
        let act = if already_lb { RoleAction::restart(&me, &lb) } else { RoleAction::start(&me, &lb) };
        let started = lifecycle::apply(ctx, &act)
            .and_then(|()| lb_checks::nginx_up(ctx, &ctx.local()?, cfg, std::time::Duration::from_secs(15)));
        if let Err(e) = started {
            if !already_lb {
                let _ = lifecycle::apply(ctx, &RoleAction::stop(&me, &lb, true));
            }
            return Err(e);
        }
        Ok(Done::Final)
    })
}

/// The last word: "ok" only when a request through nginx reached a router; the routers
/// that did not answer are named.
fn report_serving(ctx: &Ctx, cfg: &LbConfig) -> Result<()> {
    let serving = lb_checks::serving(cfg);
    if !serving.silent.is_empty() {
        ctx.out.warn(&format!("these routers did not answer: {}", serving.silent.join("; ")));
    }
    let what = format!("load balancer for {}", cfg.endpoint);
    match serving.through_nginx {
        Ok(_) => {
            ctx.out.action(0, &what, "ok", Tone::Ok);
            Ok(())
        }
        Err(why) => {
            ctx.out.action(0, &what, "no router answers", Tone::Fail);
            bail!(
                "the load balancer is set up and nginx runs, but no request through it reached a router ({why}); start the routers, then check with 'kato status'"
            )
        }
    }
}
