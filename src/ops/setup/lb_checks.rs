//! What `node setup load_balancer` finds out before it changes anything, and checks after:
//! each router's ports (asked of the router, from its own catalog), the TLS certificate
//! and key (they must belong together), nginx's own verdict on the configuration
//! (`nginx -t` in a scratch prefix), and at the end whether a request through nginx
//! reaches a router.

use super::super::context::{Ctx, Local};
use super::super::remote::{Request, RolePorts};
use crate::infra::nginx::{LbConfig, RouterBackend};
use crate::infra::{http, tls};
use anyhow::{Context, Result, bail};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The original's router ports, used when a router's catalog names none.
pub const DEFAULT_HTTP: u16 = 80;
pub const DEFAULT_HTTPS: u16 = 443;

/// Each router with the ports the load balancer forwards to: the operator's overrides,
/// else what the router's own catalog gives its `router` processes, else 80/443. A router
/// that cannot be asked gets the defaults, with a warning.
pub fn router_backends(
    ctx: &Ctx,
    routers: &[String],
    http_override: Option<u16>,
    https_override: Option<u16>,
) -> Result<Vec<RouterBackend>> {
    let answers: Vec<(String, Result<RolePorts>)> = if http_override.is_some() && https_override.is_some() {
        routers.iter().map(|r| (r.clone(), Ok(RolePorts::default()))).collect()
    } else {
        let req = Request::RolePorts { role: "router".into() };
        ctx.transport()?
            .call_many(routers, |_| req.clone())
            .into_iter()
            .map(|(r, v)| (r, v.and_then(|v| Ok(serde_json::from_value::<RolePorts>(v)?))))
            .collect()
    };
    let mut out = Vec::new();
    for (ip, answer) in answers {
        let ports = answer.unwrap_or_else(|e| {
            ctx.out.warn(&format!(
                "cannot ask the router {ip} for its ports ({}); assuming {DEFAULT_HTTP}/{DEFAULT_HTTPS}",
                crate::error::one_line(&e)
            ));
            RolePorts::default()
        });
        let http_port = http_override.or(ports.http).unwrap_or(DEFAULT_HTTP);
        let https_port = https_override.or(ports.https).unwrap_or(DEFAULT_HTTPS);
        ctx.out.detail(&format!("router {ip}: HTTP port {http_port}, HTTPS port {https_port}"));
        out.push(RouterBackend { ip, http_port, https_port });
    }
    Ok(out)
}

/// The certificate and key nginx will use: given ones (checked), the cluster's (checked),
/// or a new self-signed pair `made` in a scratch directory, installed by a workflow step.
pub struct Certificate {
    pub cert: PathBuf,
    pub key: PathBuf,
    pub made: Option<tempfile::TempDir>,
}

impl Certificate {
    /// Where a made pair waits to be installed: (certificate, key).
    pub fn made_files(&self) -> Option<(PathBuf, PathBuf)> {
        self.made.as_ref().map(|d| (d.path().join("cluster.crt"), d.path().join("cluster.key")))
    }
}

/// Check or make the certificate. `given` is `--cert`/`--key`; `ssl` the cluster's own
/// directory (`etc/kato/ssl`).
pub fn certificate(given: Option<(&Path, &Path)>, ssl: &Path, endpoint: &str) -> Result<Certificate> {
    if let Some((cert, key)) = given {
        for p in [cert, key] {
            if !p.is_file() {
                crate::bail_usage!("{} is not a readable file", p.display());
            }
        }
        let (cert, key) = (std::fs::canonicalize(cert)?, std::fs::canonicalize(key)?);
        tls::check_pair(&cert, &key).map_err(|e| crate::error::usage(crate::error::one_line(&e)))?;
        return Ok(Certificate { cert, key, made: None });
    }
    let (cert, key) = (ssl.join("cluster.crt"), ssl.join("cluster.key"));
    if cert.is_file() && key.is_file() {
        tls::check_pair(&cert, &key)
            .with_context(|| format!("remove {} and {} to have a new pair made", cert.display(), key.display()))?;
        return Ok(Certificate { cert, key, made: None });
    }
    let dir = tempfile::tempdir().context("cannot make a scratch directory for the certificate")?;
    let (new_cert, new_key) = (dir.path().join("cluster.crt"), dir.path().join("cluster.key"));
    tls::make_self_signed(endpoint, &new_cert, &new_key)?;
    Ok(Certificate { cert, key, made: Some(dir) })
}

/// nginx's verdict on `cfg` before it is installed: the same configuration laid out in a
/// scratch prefix (with the certificate still waiting there, if it was just made) and
/// checked with `nginx -t` by the program the load balancer's process runs.
pub fn test_config(local: &Local, root: &crate::model::root::Root, cfg: &LbConfig, cert: &Certificate) -> Result<()> {
    let Some(spec) = local.catalog.processes_of("load_balancer").into_iter().next() else {
        bail!("this node's catalog has no load_balancer process");
    };
    let nginx = super::super::processes::find_program(root, &local.id, spec).map_err(|p| {
        anyhow::anyhow!("the load balancer runs '{p}', which is not installed here (apt-get install nginx)")
    })?;
    let scratch = tempfile::tempdir().context("cannot make a scratch directory for nginx -t")?;
    let mut test = cfg.clone();
    test.prefix = scratch.path().to_path_buf();
    if let Some((c, k)) = cert.made_files() {
        (test.cert, test.key) = (c, k);
    }
    crate::infra::nginx::test_config(&nginx, &test)
}

/// Whether the load balancer's nginx came up: supervisord runs it, and nginx wrote that
/// pid into its pid file, which it does only once it holds every listening socket (an
/// nginx that cannot bind a port retries for a few seconds and exits without one).
pub fn nginx_up(ctx: &Ctx, local: &Local, cfg: &LbConfig, within: Duration) -> Result<()> {
    let name = local
        .catalog
        .processes_of("load_balancer")
        .first()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "nginx_load_balancer".into());
    let until = Instant::now() + within;
    let mut last = String::from("supervisord is not running");
    while Instant::now() < until {
        if let Some(sup) = super::super::processes::connect_if_running(&ctx.root) {
            let info = sup.get_process_info(&name)?;
            let written = std::fs::read_to_string(cfg.pid_path()).ok().and_then(|t| t.trim().parse::<i32>().ok());
            if info.statename == "RUNNING" && info.pid > 0 && written == Some(info.pid) {
                return Ok(());
            }
            last = format!("{name} is {}", info.statename);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!(
        "nginx did not come up within {}s ({last}); see {}",
        within.as_secs(),
        cfg.prefix.join(crate::infra::nginx::ERROR_LOG).display()
    )
}

/// What the check after the setup found.
pub struct Serving {
    /// The status of a request through nginx, or why there was none from a router.
    pub through_nginx: std::result::Result<u16, String>,
    /// Routers that did not answer an HTTP request of their own (`ip:port (why)`).
    pub silent: Vec<String>,
}

/// Ask every router directly, then send one real request through nginx (HTTPS when it
/// terminates TLS, plain HTTP on its relayed port otherwise). nginx answers 502 or 504
/// itself when no router did.
pub fn serving(cfg: &LbConfig) -> Serving {
    let host = &cfg.endpoint;
    let mut silent = Vec::new();
    for r in &cfg.routers {
        let answer =
            r.ip.parse::<IpAddr>()
                .map_err(anyhow::Error::from)
                .and_then(|ip| http::get_status(ip, r.http_port, host, false, Duration::from_secs(3)));
        if let Err(e) = answer {
            silent.push(format!("{}:{} ({})", r.ip, r.http_port, crate::error::one_line(&e)));
        }
    }
    let (port, tls) = if cfg.tls_passthrough { (cfg.http_port, false) } else { (cfg.https_port, true) };
    let until = Instant::now() + Duration::from_secs(10);
    let through_nginx = loop {
        let answer = cfg
            .listen_ip
            .parse::<IpAddr>()
            .map_err(anyhow::Error::from)
            .and_then(|ip| http::get_status(ip, port, host, tls, Duration::from_secs(5)));
        let result = match answer {
            Ok(code) if code != 502 && code != 504 => Ok(code),
            Ok(code) => Err(format!("nginx answered {code}: no router answered it")),
            Err(e) => Err(crate::error::one_line(&e)),
        };
        if result.is_ok() || Instant::now() >= until {
            break result;
        }
        std::thread::sleep(Duration::from_millis(300));
    };
    Serving { through_nginx, silent }
}
