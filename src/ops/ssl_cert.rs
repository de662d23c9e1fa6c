//! `op custom_ssl_cert install KEY CERT DOMAIN [--wildcard-subdomains] [--update] |
//! remove DOMAIN | list`: certificates for the router and the load balancer. The pair is
//! checked (the key must be the certificate's), copied under the root into
//! `etc/ssl/private` (0600) and `etc/ssl/certs`, and recorded as the original did in
//! `router2g custom_certificates/<domain>` = `{key, cert, wildcard_subdomains}`.
//! `node setup load_balancer` uses the pair whose domain covers the cluster endpoint
//! when no `--cert`/`--key` is given and its files are on that node.

use super::cluster::reversible_mutate_step;
use super::context::Ctx;
use super::workflow::{self, Done, Outcome, Report, Step, Workflow};
use crate::model::root::Root;
use crate::model::store::{Document, Mutation};
use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const COMPONENT: &str = "router2g";

fn key_path(domain: &str) -> String {
    format!("custom_certificates/{domain}")
}

/// The installed certificates: (domain, cert, key, wildcard), paths as on the machine.
pub fn list(doc: &Document) -> Vec<(String, String, String, bool)> {
    doc.get(COMPONENT, "custom_certificates")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(d, v)| {
                    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    (
                        d.clone(),
                        s("cert"),
                        s("key"),
                        v.get("wildcard_subdomains").and_then(Value::as_bool) == Some(true),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The pair (under the root) whose domain covers `endpoint`, if its files are here.
pub fn for_endpoint(doc: &Document, root: &Root, endpoint: &str) -> Option<(PathBuf, PathBuf)> {
    list(doc).into_iter().find_map(|(d, cert, key, wild)| {
        let covers = endpoint == d || (wild && endpoint.strip_suffix(&d).is_some_and(|p| p.ends_with('.')));
        let (cert, key) = (root.join(&cert), root.join(&key));
        (covers && cert.is_file() && key.is_file()).then_some((cert, key))
    })
}

fn validate_domain(domain: &str) -> Result<()> {
    if !domain.contains('.') || crate::model::node::validate_dns_name(domain, "domain").is_err() {
        crate::bail_usage!("Domain is not valid: {}", domain.escape_default());
    }
    Ok(())
}

/// A step that writes one file under the root (mode `mode`), undone by restoring it.
fn copy_step<'a>(name: &'static str, path: PathBuf, bytes: Vec<u8>, mode: u32) -> Step<'a> {
    let (check_path, check) = (path.clone(), bytes.clone());
    Step::new(name, format!("install {}", path.display()), move || {
        let snap = workflow::snapshot(&path)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        crate::infra::files::write(&path, &bytes)?;
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(mode))?;
        Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
    })
    .done_if(move || Ok(workflow::snapshot(&check_path)?.as_deref() == Some(check.as_slice())))
}

fn base(p: &Path) -> Result<String> {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
        crate::bail_usage!("{} is not a file name kato installs (letters, digits, '.', '_', '-')", p.display());
    }
    Ok(name.to_string())
}

pub fn install(
    ctx: &Ctx,
    key: &Path,
    cert: &Path,
    domain: &str,
    wildcard: bool,
    update: bool,
    dry_run: bool,
) -> Result<Outcome<Report>> {
    validate_domain(domain)?;
    for p in [key, cert] {
        if !p.is_file() {
            crate::bail_usage!("{} is not a readable file", p.display());
        }
    }
    crate::infra::tls::check_pair(cert, key).map_err(|e| crate::error::usage(crate::error::one_line(&e)))?;
    let (key_name, cert_name) = (base(key)?, base(cert)?);
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let old = doc.get(COMPONENT, &key_path(domain)).cloned();
    if old.is_some() && !update {
        crate::bail_usage!(
            "Configuration for {domain} already exists; pass --update to replace it (or 'kato op custom_ssl_cert remove {domain}' first)"
        );
    }
    let (key_rel, cert_rel) = (format!("/etc/ssl/private/{key_name}"), format!("/etc/ssl/certs/{cert_name}"));
    let value = json!({"key": key_rel, "cert": cert_rel, "wildcard_subdomains": wildcard});
    let set = |v| Mutation::ConfigSet { component: COMPONENT.into(), path: key_path(domain), value: v, force: false };
    let m = set(value);
    let back = match old {
        Some(o) => set(o),
        None => Mutation::ConfigDel { component: COMPONENT.into(), path: key_path(domain), force: false },
    };
    local.store(ctx)?.mutate(&local.catalog, &m, true)?;
    let (key_bytes, cert_bytes) = (std::fs::read(key)?, std::fs::read(cert)?);
    if !dry_run {
        ctx.out.header("Installing custom SSL certificate");
    }
    let wf = Workflow::new()
        .step(copy_step("key", ctx.root.join(&key_rel), key_bytes, 0o600))
        .step(copy_step("cert", ctx.root.join(&cert_rel), cert_bytes, 0o644))
        .step(reversible_mutate_step(ctx, &local, "config", format!("record the certificate of {domain}"), m, back));
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.header(&format!("Installed custom SSL certificate for: {domain}"));
        ctx.out.warn("Run this with --update on every other router and load balancer node of the cluster");
    }
    Ok(outcome)
}

pub fn remove(ctx: &Ctx, domain: &str, dry_run: bool) -> Result<Outcome<Report>> {
    validate_domain(domain)?;
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let all = list(&doc);
    let Some((_, cert, key, _)) = all.iter().find(|(d, ..)| d == domain).cloned() else {
        ctx.out.warn(&format!("No custom certificate configured for: {domain}"));
        return Ok(Outcome::Done(Report::default()));
    };
    let old = doc.get(COMPONENT, &key_path(domain)).cloned().unwrap_or(Value::Null);
    let m = Mutation::ConfigDel { component: COMPONENT.into(), path: key_path(domain), force: false };
    let back = Mutation::ConfigSet { component: COMPONENT.into(), path: key_path(domain), value: old, force: false };
    let mut wf = Workflow::new();
    // Files another domain still uses stay.
    for f in [cert, key] {
        let shared = all.iter().any(|(d, c, k, _)| d != domain && (*c == f || *k == f));
        let path = ctx.root.join(&f);
        if shared || !path.exists() || !f.starts_with("/etc/ssl/") {
            continue;
        }
        wf = wf.step(Step::new("remove-file", format!("remove {}", path.display()), move || {
            let snap = workflow::snapshot(&path)?;
            workflow::restore(&path, None)?;
            Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
        }));
    }
    wf = wf.step(reversible_mutate_step(ctx, &local, "config", format!("forget the certificate of {domain}"), m, back));
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.header(&format!("Removed custom SSL certificate for: {domain}"));
    }
    Ok(outcome)
}

/// `list`: the certificates recorded in the cluster's store.
pub fn installed(ctx: &Ctx) -> Result<Vec<(String, String, String, bool)>> {
    let local = ctx.local()?;
    Ok(list(&local.read_cluster(ctx)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_load_balancer_takes_the_certificate_covering_the_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let root = Root::new(dir.path().to_path_buf());
        let mut doc = Document::default();
        doc.components.insert(
            "router2g".into(),
            json!({"custom_certificates": {
                "exact.test": {"key": "/etc/ssl/private/e.key", "cert": "/etc/ssl/certs/e.crt", "wildcard_subdomains": false},
                "shop.test": {"key": "/etc/ssl/private/s.key", "cert": "/etc/ssl/certs/s.crt", "wildcard_subdomains": true}
            }}),
        );
        // Not on this node yet: not used.
        assert_eq!(for_endpoint(&doc, &root, "api.shop.test"), None);
        for f in ["etc/ssl/private/s.key", "etc/ssl/certs/s.crt", "etc/ssl/private/e.key", "etc/ssl/certs/e.crt"] {
            std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            std::fs::write(root.join(f), "x").unwrap();
        }
        assert_eq!(
            for_endpoint(&doc, &root, "api.shop.test"),
            Some((root.join("/etc/ssl/certs/s.crt"), root.join("/etc/ssl/private/s.key")))
        );
        assert_eq!(for_endpoint(&doc, &root, "api.exact.test"), None);
        assert!(for_endpoint(&doc, &root, "exact.test").is_some());
        assert_eq!(for_endpoint(&doc, &root, "api.notshop.test"), None);
    }
}
