//! `node setup load_balancer`: turn an attached node into the cluster's front door. The
//! node gives up its other roles (with `--force`), takes the exclusive `load_balancer`
//! role, and its nginx (run by supervisord) terminates TLS with the cluster certificate
//! and spreads requests over the routers. Following the cluster guide, when TLS ends here
//! the routers are told to trust the X-Forwarded-* headers it adds
//! (`router2g prevent_x_spoofing` false); with `--tls-passthrough` nginx only relays TCP,
//! the routers terminate TLS themselves, and they must strip client-supplied headers
//! (`prevent_x_spoofing` true). Re-running the command picks up routers that were
//! attached or removed since.

use super::super::cluster::mutate_step;
use super::super::context::Ctx;
use super::super::lifecycle::{self, RoleAction};
use super::super::report::Tone;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::infra::nginx::{LbConfig, RouterBackend, write_prefix};
use crate::model::node::NodeType;
use crate::model::store::registry::{self, START};
use crate::model::store::{Document, Mutation};
use anyhow::{Context, Result, bail};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct LbOptions {
    pub routers: Vec<String>,
    pub force: bool,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub http_port: u16,
    pub https_port: u16,
    pub router_port: u16,
    /// Pass TLS through to the routers' TLS port instead of terminating it here.
    pub tls_passthrough: Option<u16>,
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

/// Make the cluster's self-signed certificate (for the endpoint and its wildcard).
fn make_certificate(endpoint: &str, cert: &Path, key: &Path) -> Result<()> {
    if let Some(dir) = cert.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let domain = endpoint.strip_prefix("api.").unwrap_or(endpoint);
    let out = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "825"])
        .args([
            "-subj",
            &format!("/CN={endpoint}"),
            "-addext",
            &format!("subjectAltName=DNS:{endpoint},DNS:*.{domain}"),
        ])
        .arg("-keyout")
        .arg(key)
        .arg("-out")
        .arg(cert)
        .stdin(std::process::Stdio::null())
        .output()
        .context("cannot run openssl to make the cluster certificate")?;
    if !out.status.success() {
        bail!("openssl could not make a certificate: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
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
    let others: Vec<String> = registry::role_names_of(&doc, &me)
        .into_iter()
        .filter(|r| !catalog.is_mandatory(r) && r != "load_balancer")
        .collect();
    if !others.is_empty() && !opts.force {
        crate::bail_usage!(
            "Setting up the load balancer removes this node's other roles ({}); pass --force to proceed",
            others.join(", ")
        );
    }
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    let spoofing = opts.tls_passthrough.is_some();
    if spoofing && !std::path::Path::new(crate::infra::nginx::STREAM_MODULE).exists() {
        bail!(
            "TLS pass-through needs nginx's stream module ({}); install the Debian package libnginx-mod-stream",
            crate::infra::nginx::STREAM_MODULE
        );
    }
    if opts.cert.is_some() != opts.key.is_some() {
        crate::bail_usage!("--cert and --key go together");
    }
    for p in opts.cert.iter().chain(opts.key.iter()) {
        if !p.is_file() {
            crate::bail_usage!("{} is not a readable file", p.display());
        }
    }
    let ssl = ctx.root.join("etc/kato/ssl");
    let (cert, key) = match (&opts.cert, &opts.key, spoofing) {
        (_, _, true) => (ssl.join("unused.crt"), ssl.join("unused.key")),
        (Some(c), Some(k), _) => (std::fs::canonicalize(c)?, std::fs::canonicalize(k)?),
        _ => (ssl.join("cluster.crt"), ssl.join("cluster.key")),
    };
    let prefix = ctx.root.join("var/lib/kato/nginx");
    let mut cfg = LbConfig::new(
        if prefix.is_absolute() { prefix } else { std::env::current_dir()?.join(prefix) },
        endpoint.clone(),
        cert.clone(),
        key.clone(),
        routers.iter().map(|ip| RouterBackend { ip: ip.clone(), http_port: opts.router_port }).collect(),
    );
    cfg.listen_ip = me.clone();
    cfg.http_port = opts.http_port;
    cfg.https_port = opts.https_port;
    cfg.tls_passthrough = opts.tls_passthrough;
    let lb = vec!["load_balancer".to_string()];
    let already_lb = registry::role_names_of(&doc, &me).iter().any(|r| r == "load_balancer");
    let wf = Workflow::new()
        .step_if(!others.is_empty(), || {
            Step::new("remove-other-roles", format!("remove roles {} from this node", others.join(", ")), || {
                let m = Mutation::RemoveRoles { node: me.clone(), roles: others.clone(), force: true };
                local.store(ctx)?.mutate(catalog, &m, false)?;
                lifecycle::apply(ctx, &RoleAction::stop(&me, &others, false))?;
                Ok(Done::Final)
            })
        })
        .step(Step::new("routers", format!("balance {endpoint} over routers {}", routers.join(", ")), || {
            out.header("Using the following router IPs");
            for r in &routers {
                out.info(&format!("-> {r}"));
            }
            Ok(Done::Unchanged)
        }))
        .step_if(!spoofing && opts.cert.is_none(), || {
            Step::new(
                "certificate",
                format!("make a self-signed certificate for {endpoint} in {}", ssl.display()),
                || {
                    make_certificate(&endpoint, &cert, &key)?;
                    Ok(Done::Final)
                },
            )
            .done_if(|| Ok(cert.is_file() && key.is_file()))
        })
        .step(Step::new(
            "nginx-config",
            format!("write the nginx configuration under {}", cfg.prefix.display()),
            || {
                out.header("Rewriting nginx configuration...");
                write_prefix(&cfg)?;
                Ok(Done::Final)
            },
        ))
        .step({
            let m = Mutation::ConfigSet {
                component: "router2g".into(),
                path: "prevent_x_spoofing".into(),
                value: json!(spoofing),
                force: true,
            };
            mutate_step(
                ctx,
                &local,
                "router-headers",
                format!("set router2g prevent_x_spoofing = {spoofing}"),
                m,
                |_| Ok(()),
            )
        })
        .step({
            let m = Mutation::AddRoles { node: me.clone(), roles: lb.clone(), state: START.into(), micro_cloud: false };
            mutate_step(ctx, &local, "add-role", "add the role load_balancer to this node".into(), m, |_| Ok(()))
        })
        .step(Step::new("start-nginx", "start (or restart) nginx as the load balancer", || {
            out.header("Starting nginx as a load balancer...");
            let act = if already_lb { RoleAction::restart(&me, &lb) } else { RoleAction::start(&me, &lb) };
            lifecycle::apply(ctx, &act)?;
            out.action(0, &format!("load balancer for {endpoint}"), "ok", Tone::Ok);
            Ok(Done::Final)
        }));
    wf.execute(ctx, dry_run)
}
