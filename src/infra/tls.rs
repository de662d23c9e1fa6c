//! Certificates, with the `openssl` program: making a self-signed one, and checking that a
//! private key belongs to a certificate (the public key in each must be the same).

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::{Command, Stdio};

fn openssl(args: &[&std::ffi::OsStr], what: &str) -> Result<Vec<u8>> {
    let out = Command::new("openssl")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run openssl to {what} (is the openssl package installed?)"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("no detail");
        bail!("cannot {what}: {first}");
    }
    Ok(out.stdout)
}

/// A self-signed certificate for `host` and `*.<its parent domain>` (EC P-256, 825 days),
/// written to `cert` and `key` (mode 0600, as openssl writes keys).
pub fn make_self_signed(host: &str, cert: &Path, key: &Path) -> Result<()> {
    let domain = host.split_once('.').map_or(host, |(_, d)| d);
    let subject = format!("/CN={host}");
    let names = format!("subjectAltName=DNS:{host},DNS:*.{domain}");
    let words = [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "825",
        "-subj",
        &subject,
        "-addext",
        &names,
        "-keyout",
    ];
    let args: Vec<&std::ffi::OsStr> =
        words.iter().map(std::ffi::OsStr::new).chain([key.as_os_str(), "-out".as_ref(), cert.as_os_str()]).collect();
    openssl(&args, "make a certificate").map(|_| ())
}

/// Checks that `cert` is a PEM certificate, `key` a PEM private key, and that the key is
/// the certificate's.
pub fn check_pair(cert: &Path, key: &Path) -> Result<()> {
    let from_cert = openssl(
        &["x509".as_ref(), "-noout".as_ref(), "-pubkey".as_ref(), "-in".as_ref(), cert.as_os_str()],
        &format!("read the certificate {}", cert.display()),
    )?;
    let from_key = openssl(
        &["pkey".as_ref(), "-pubout".as_ref(), "-in".as_ref(), key.as_os_str()],
        &format!("read the private key {}", key.display()),
    )?;
    if from_cert != from_key {
        bail!("the private key {} does not belong to the certificate {}", key.display(), cert.display());
    }
    Ok(())
}
