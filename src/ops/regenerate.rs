//! `op regenerate WHAT`: kato regenerates what it owns. `ssl_cert` is the cluster's
//! certificate (`etc/kato/ssl/cluster.crt` and `.key` under the root, self-signed for
//! the endpoint and its siblings), which `node setup load_balancer` serves when no
//! other is given. The original's other targets belong to components kato does not
//! run (databases, controller secrets) and are refused, saying so.

use super::context::Ctx;
use super::workflow::{self, Done, Outcome, Report, Step, Workflow};
use anyhow::{Context, Result};
use std::path::PathBuf;

/// The original's targets kato has no component for.
pub const NOT_OWNED: &[&str] = &[
    "cloud-controller-bulk-api-auth",
    "cloud-controller-client-auth",
    "cloud-controller-db-encryption-key",
    "cloud-controller-staging-auth",
    "mysql",
    "postgresql",
    "ssh_keys",
    "stackato-rest-auth",
    "stackato-router-auth",
    "token-signing-secret",
];

fn install_step<'a>(name: &'static str, from: PathBuf, to: PathBuf, mode: u32) -> Step<'a> {
    Step::new(name, format!("install a new {}", to.display()), move || {
        let bytes = std::fs::read(&from).with_context(|| format!("cannot read {}", from.display()))?;
        let snap = workflow::snapshot(&to)?;
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::infra::files::write(&to, &bytes)?;
        std::fs::set_permissions(&to, std::os::unix::fs::PermissionsExt::from_mode(mode))?;
        Ok(Done::Changed(Box::new(move || workflow::restore(&to, snap))))
    })
}

pub fn regenerate(ctx: &Ctx, what: &str, no_prompt: bool, dry_run: bool) -> Result<Outcome<Report>> {
    if NOT_OWNED.contains(&what) {
        crate::bail_usage!(
            "'{what}' belongs to a component kato does not run; kato regenerates only what it owns (ssl_cert, or all)"
        );
    }
    if what != "ssl_cert" && what != "all" {
        let all = ["all", "ssl_cert"].into_iter().chain(NOT_OWNED.iter().copied());
        crate::bail_usage!(
            "Unknown regenerate target '{}'{}",
            what.escape_default(),
            crate::error::did_you_mean(what, all)
        );
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let endpoint = doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    if endpoint.is_empty() {
        anyhow::bail!("Endpoint not configured; run 'kato node setup core' first");
    }
    if !dry_run
        && !no_prompt
        && !ctx.out.confirm("This will replace the cluster's SSL certificate", "--no-prompt or --yes")?
    {
        ctx.out.header("Aborted.");
        return Ok(Outcome::Done(Report::default()));
    }
    let ssl = ctx.root.join("etc/kato/ssl");
    let scratch = tempfile::tempdir().context("cannot make a scratch directory for the certificate")?;
    let (new_cert, new_key) = (scratch.path().join("cluster.crt"), scratch.path().join("cluster.key"));
    if !dry_run {
        ctx.out.header("Regenerating SSL certificate details");
        crate::infra::tls::make_self_signed(&endpoint, &new_cert, &new_key)?;
    }
    let wf = Workflow::new().step(install_step("key", new_key, ssl.join("cluster.key"), 0o600)).step(install_step(
        "cert",
        new_cert,
        ssl.join("cluster.crt"),
        0o644,
    ));
    let outcome = wf.execute(ctx, dry_run)?;
    drop(scratch);
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.warn("SSL certificate details reset");
        ctx.out.info(&format!(
            "A new self-signed certificate for {endpoint} is in {}; run 'kato node setup load_balancer' on the load balancer to serve it",
            ssl.display()
        ));
    }
    Ok(outcome)
}
