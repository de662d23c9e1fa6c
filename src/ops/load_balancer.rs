//! `node setup load_balancer`: turn an attached node into the cluster's front door. The
//! node gives up its other roles (with `--force`), takes the exclusive `load_balancer`
//! role, and its nginx (run by supervisord) terminates TLS with the cluster certificate
//! and spreads requests over the routers. Following the cluster guide, when TLS ends here
//! the routers are told to trust the X-Forwarded-* headers it adds
//! (`router2g prevent_x_spoofing` false); with `--tls-passthrough` nginx only relays TCP,
//! the routers terminate TLS themselves, and they must strip client-supplied headers
//! (`prevent_x_spoofing` true). Re-running the command picks up routers that were
//! attached or removed since.

use crate::cli::ui::Tone;
use crate::infra::nginx::{LbConfig, RouterBackend, write_prefix};
use crate::model::node::NodeType;
use crate::model::store::registry::{self, START};
use crate::model::store::{Document, Mutation};
use crate::ops::context::Ctx;
use anyhow::{Context, Result, bail};
use serde_json::json;
use std::path::PathBuf;

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
    pub dry_run: bool,
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

/// The certificate and key: given, or the cluster's under `etc/kato/ssl/`, generated
/// (self-signed, for the endpoint and its wildcard) when absent.
fn certificate(ctx: &Ctx, opts: &LbOptions, endpoint: &str) -> Result<(PathBuf, PathBuf)> {
    if let (Some(c), Some(k)) = (&opts.cert, &opts.key) {
        for p in [c, k] {
            if !p.is_file() {
                crate::bail_usage!("{} is not a readable file", p.display());
            }
        }
        return Ok((std::fs::canonicalize(c)?, std::fs::canonicalize(k)?));
    }
    if opts.cert.is_some() != opts.key.is_some() {
        crate::bail_usage!("--cert and --key go together");
    }
    let dir = ctx.root.join("etc/kato/ssl");
    let (cert, key) = (dir.join("cluster.crt"), dir.join("cluster.key"));
    if cert.is_file() && key.is_file() {
        return Ok((cert, key));
    }
    std::fs::create_dir_all(&dir)?;
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
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdin(std::process::Stdio::null())
        .output()
        .context("cannot run openssl to make the cluster certificate")?;
    if !out.status.success() {
        bail!("openssl could not make a certificate: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok((cert, key))
}

pub fn setup(ctx: &Ctx, opts: &LbOptions) -> Result<()> {
    let ui = &ctx.ui;
    let state = ctx.node_state()?.clone();
    if state.node_type != NodeType::Node {
        bail!(
            "attach this node to the cluster first ('kato node attach CORE_IP'); a load balancer sits in front of a cluster's routers"
        );
    }
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let doc = store.read(catalog)?;
    let me = ctx.node_id()?;
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
    if opts.dry_run {
        println!("dry run: would remove roles: {}", if others.is_empty() { "none".into() } else { others.join(", ") });
        println!("dry run: would balance {endpoint} over routers: {}", routers.join(", "));
        println!("dry run: would set router2g prevent_x_spoofing = {spoofing}");
        return Ok(());
    }
    if !others.is_empty() {
        store.mutate(
            catalog,
            &Mutation::RemoveRoles { node: me.clone(), roles: others.clone(), force: true },
            false,
        )?;
        crate::ops::lifecycle::stop_roles(ctx, &me, &others)?;
    }
    ui.header("Using the following router IPs");
    for r in &routers {
        ui.info(&format!("-> {r}"));
    }
    let (cert, key) = if spoofing {
        let dir = ctx.root.join("etc/kato/ssl");
        (dir.join("unused.crt"), dir.join("unused.key"))
    } else {
        certificate(ctx, opts, &endpoint)?
    };
    let prefix = ctx.root.join("var/lib/kato/nginx");
    let mut cfg = LbConfig::new(
        if prefix.is_absolute() { prefix } else { std::env::current_dir()?.join(prefix) },
        endpoint.clone(),
        cert,
        key,
        routers.iter().map(|ip| RouterBackend { ip: ip.clone(), http_port: opts.router_port }).collect(),
    );
    cfg.listen_ip = me.clone();
    cfg.http_port = opts.http_port;
    cfg.https_port = opts.https_port;
    cfg.tls_passthrough = opts.tls_passthrough;
    ui.header("Rewriting nginx configuration...");
    write_prefix(&cfg)?;
    store.mutate(
        catalog,
        &Mutation::ConfigSet {
            component: "router2g".into(),
            path: "prevent_x_spoofing".into(),
            value: json!(spoofing),
            force: true,
        },
        false,
    )?;
    let applied = store.mutate(
        catalog,
        &Mutation::AddRoles {
            node: me.clone(),
            roles: vec!["load_balancer".into()],
            state: START.into(),
            micro_cloud: false,
        },
        false,
    )?;
    ui.header("Starting nginx as a load balancer...");
    if applied.outcome.added.is_empty() {
        // Already a load balancer: restart its nginx so it reads the new configuration.
        crate::ops::lifecycle::stop_roles_with(ctx, &me, &["load_balancer".to_string()], true)?;
    }
    crate::ops::lifecycle::start_roles(ctx, &me, &["load_balancer".to_string()])?;
    ui.action(0, &format!("load balancer for {endpoint}"), "ok", Tone::Ok);
    Ok(())
}
