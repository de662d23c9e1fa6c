//! `op upstream_proxy set ADDR [-u USER -p PASS] [--no-proxy LIST] | delete`: this node's
//! upstream proxy. It is kept in this node's state (`var/lib/kato/upstream_proxy.json`,
//! mode 0640: it may hold a password), handed to the processes whose spec names
//! `proxy_env` variables when their programs are next rendered (a restart of their
//! roles), and written to the original's config keys `cloud_controller_ng
//! app_store/proxy/{host,port,username,password}`.

use super::cluster::reversible_mutate_step;
use super::context::Ctx;
use super::workflow::{self, Done, Outcome, Report, Step, Workflow};
use crate::model::root::Root;
use crate::model::store::Mutation;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proxy {
    /// `http://[user:pass@]host:port`
    pub url: String,
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub pass: Option<String>,
    /// Comma-separated names that bypass the proxy.
    #[serde(default)]
    pub no_proxy: String,
}

pub fn file(root: &Root) -> std::path::PathBuf {
    root.join("var/lib/kato/upstream_proxy.json")
}

/// This node's proxy, if one is set (and readable).
pub fn load(root: &Root) -> Option<Proxy> {
    let bytes = std::fs::read(file(root)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn host_ok(h: &str) -> bool {
    h.parse::<std::net::Ipv4Addr>().is_ok() || crate::model::node::validate_dns_name(h, "proxy host").is_ok()
}

fn cred_ok(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.chars().all(|c| c.is_ascii_alphanumeric() || "._~-!*+=%".contains(c))
}

/// Parse and check what `set` was given (the original added `http://` when missing).
pub fn parse(address: &str, user: Option<&str>, pass: Option<&str>, no_proxy: Option<&str>) -> Result<Proxy> {
    let bad = || {
        crate::error::usage(format!(
            "Invalid proxy address '{}' (expected [http://]HOST:PORT)",
            address.escape_default()
        ))
    };
    let rest = address.strip_prefix("http://").unwrap_or(address);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = rest.rsplit_once(':').ok_or_else(bad)?;
    let port: u16 = port.parse().ok().filter(|p| *p > 0).ok_or_else(bad)?;
    if !host_ok(host) {
        return Err(bad());
    }
    let (user, pass) = match (user, pass) {
        (None, None) => (None, None),
        (Some(u), Some(p)) => {
            if !cred_ok(u) || !cred_ok(p) {
                crate::bail_usage!(
                    "the proxy user and password may hold letters, digits and ._~-!*+=% only (at most 128 each)"
                );
            }
            (Some(u.to_string()), Some(p.to_string()))
        }
        _ => crate::bail_usage!("both the user and password must be specified"),
    };
    let no_proxy: Vec<&str> = no_proxy.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    for n in &no_proxy {
        let name = n.trim_start_matches("*.").trim_start_matches('.');
        let (addr, bits) = name.split_once('/').unwrap_or((name, "32"));
        let cidr_ok = addr.parse::<std::net::Ipv4Addr>().is_ok() && bits.parse::<u8>().is_ok_and(|b| b <= 32);
        if !(cidr_ok || host_ok(name)) {
            crate::bail_usage!(
                "Invalid --no-proxy entry '{}' (a domain name, an IPv4 address or network)",
                n.escape_default()
            );
        }
    }
    let auth = match (&user, &pass) {
        (Some(u), Some(p)) => format!("{u}:{p}@"),
        _ => String::new(),
    };
    Ok(Proxy {
        url: format!("http://{auth}{host}:{port}"),
        host: host.to_string(),
        port,
        user,
        pass,
        no_proxy: no_proxy.join(","),
    })
}

/// The processes of this node's catalog that take the proxy.
pub fn takers(ctx: &Ctx) -> Result<Vec<String>> {
    Ok(ctx.local()?.catalog.processes.iter().filter(|p| !p.proxy_env.is_empty()).map(|p| p.name.clone()).collect())
}

/// The step that writes (or with `None` removes) this node's proxy file; undone by
/// putting the old one back.
fn file_step<'a>(ctx: &'a Ctx, proxy: Option<Proxy>) -> Result<Step<'a>> {
    let path = file(&ctx.root);
    let content = proxy.as_ref().map(serde_json::to_vec_pretty).transpose()?;
    let (check_path, check) = (path.clone(), content.clone());
    let title = match &proxy {
        Some(p) => format!("record the upstream proxy {}:{} in {}", p.host, p.port, path.display()),
        None => format!("remove {}", path.display()),
    };
    Ok(Step::new("proxy-file", title, move || {
        let snap = workflow::snapshot(&path)?;
        match &content {
            Some(bytes) => {
                crate::infra::files::state_dir(path.parent().unwrap_or(std::path::Path::new("/")))?;
                crate::infra::files::write_state(&path, bytes, 0o640)?;
            }
            None => workflow::restore(&path, None)?,
        }
        Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
    })
    .done_if(move || Ok(workflow::snapshot(&check_path)? == check)))
}

/// `set` (with a proxy) or `delete` (without).
pub fn apply(ctx: &Ctx, proxy: Option<Proxy>, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let old = doc.get("cloud_controller_ng", "app_store/proxy").cloned();
    let (m, inverse) = match &proxy {
        Some(p) => {
            let mut v = json!({"host": p.host, "port": p.port});
            if let (Some(u), Some(pw)) = (&p.user, &p.pass) {
                v["username"] = json!(u);
                v["password"] = json!(pw);
            }
            let set = |value| Mutation::ConfigSet {
                component: "cloud_controller_ng".into(),
                path: "app_store/proxy".into(),
                value,
                force: false,
            };
            let back = match &old {
                Some(o) => set(o.clone()),
                None => Mutation::ConfigDel {
                    component: "cloud_controller_ng".into(),
                    path: "app_store/proxy".into(),
                    force: false,
                },
            };
            (Some(set(v)), Some(back))
        }
        None => {
            let del = Mutation::ConfigDel {
                component: "cloud_controller_ng".into(),
                path: "app_store/proxy".into(),
                force: false,
            };
            let back = old.clone().map(|value| Mutation::ConfigSet {
                component: "cloud_controller_ng".into(),
                path: "app_store/proxy".into(),
                value,
                force: false,
            });
            (old.is_some().then_some(del), back)
        }
    };
    if let Some(m) = &m {
        // Refused here (nothing changed) if the store would refuse it.
        local.store(ctx)?.mutate(&local.catalog, m, true)?;
    }
    let takers = takers(ctx)?;
    let mut wf = Workflow::new().step(file_step(ctx, proxy.clone())?);
    if let (Some(m), Some(inverse)) = (m, inverse) {
        let title = match &proxy {
            Some(_) => "set cloud_controller_ng app_store/proxy",
            None => "delete cloud_controller_ng app_store/proxy",
        };
        wf = wf.step(reversible_mutate_step(ctx, &local, "config", title.to_string(), m, inverse));
    }
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        match &proxy {
            Some(p) => ctx.out.info(&format!("Upstream proxy set to: http://{}:{}", p.host, p.port)),
            None => ctx.out.info("Upstream proxy deleted"),
        }
        if takers.is_empty() {
            ctx.out.info("No process of this node's catalog takes the proxy (none names 'proxy_env').");
        } else {
            ctx.out.info(&format!(
                "Restart the roles of {} to effect the changes ('kato restart ROLE')",
                takers.join(", ")
            ));
        }
    }
    Ok(outcome)
}
