//! Loading nftables scripts with `nft`: one atomic transaction per load, or a check that
//! changes nothing.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Loads `script` with `nft -f -` (one atomic transaction); on failure the error carries nft's
/// stderr.
pub fn apply(script: &str) -> Result<()> {
    run_nft(&["-f", "-"], script)
}

/// Checks `script` with `nft -c -f -` without changing the ruleset.
pub fn check(script: &str) -> Result<()> {
    run_nft(&["-c", "-f", "-"], script)
}

fn run_nft(args: &[&str], script: &str) -> Result<()> {
    let mut child = Command::new("nft")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run nft (is the nftables package installed?)")?;
    let mut stdin = child.stdin.take().context("nft stdin was not captured")?;
    let data = script.as_bytes().to_vec();
    // Write from a thread so a chatty nft cannot deadlock against a full stdin pipe.
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let output = child.wait_with_output().context("waiting for nft failed")?;
    let written = writer.join().map_err(|_| anyhow::anyhow!("nft stdin writer panicked"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    if !output.status.success() {
        bail!("nft {} failed ({}): {stderr}", args.join(" "), output.status);
    }
    written.context("cannot send the ruleset to nft")?;
    Ok(())
}
