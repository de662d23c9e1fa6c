//! What one node does during an upgrade, asked by the core (or done by the core for
//! itself): say whether it can take the new binary, stage it, swap it in (keeping the
//! previous one), and put the previous one back.

use super::bundle::sha256_hex;
use crate::model::root::Root;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a node says before an upgrade.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Readiness {
    pub version: String,
    pub target: String,
    /// The binary an upgrade replaces.
    pub exe: String,
    /// Whether this node's kato may replace it (else: upgrade it with the package, or run
    /// the upgrade as root).
    pub replaceable: bool,
    /// Free bytes where the staged binary goes, and beside the binary.
    pub free_staging: u64,
    pub free_exe: u64,
    /// Whether a previous binary is kept (for a rollback).
    pub previous: Option<String>,
}

fn staging(root: &Root) -> PathBuf {
    root.join("var/lib/kato/upgrade")
}

fn staged(root: &Root, version: &str) -> PathBuf {
    staging(root).join(format!("kato-{version}"))
}

fn previous(root: &Root) -> PathBuf {
    staging(root).join("kato.previous")
}

/// The path of this kato binary (also once it was replaced while running: the kernel
/// then names the old file "… (deleted)").
pub fn exe() -> Result<PathBuf> {
    let p = std::env::current_exe().context("cannot find this kato binary")?;
    let s = p.to_string_lossy();
    Ok(match s.strip_suffix(" (deleted)") {
        Some(path) => PathBuf::from(path),
        None => p,
    })
}

/// Free bytes on the filesystem holding `path` (or its nearest existing folder).
fn free_bytes(path: &Path) -> u64 {
    let mut p = path;
    while !p.exists() {
        match p.parent() {
            Some(parent) => p = parent,
            None => return 0,
        }
    }
    nix::sys::statvfs::statvfs(p).map(|s| s.blocks_available() * s.fragment_size()).unwrap_or(0)
}

fn check_version(v: &str) -> Result<()> {
    if v.is_empty() || v.len() > 64 || !v.chars().all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c)) {
        crate::bail_usage!("'{}' is not a version", v.escape_default());
    }
    Ok(())
}

pub fn readiness(root: &Root) -> Result<Readiness> {
    let exe = exe()?;
    let dir = exe.parent().unwrap_or(Path::new("/"));
    let replaceable = nix::unistd::access(dir, nix::unistd::AccessFlags::W_OK).is_ok();
    let prev = std::fs::read(previous(root)).ok().and_then(|b| super::bundle::binary_version(&b));
    Ok(Readiness {
        version: crate::infra::version::current(),
        target: super::bundle::this_target(),
        exe: exe.display().to_string(),
        replaceable,
        free_staging: free_bytes(&staging(root)),
        free_exe: free_bytes(dir),
        previous: prev,
    })
}

/// Keep the new binary beside this node's state, checked against its checksum.
pub fn stage(root: &Root, version: &str, sha256: &str, binary: &[u8]) -> Result<()> {
    check_version(version)?;
    if sha256_hex(binary) != sha256 {
        bail!("the binary for {version} arrived damaged (checksum mismatch); nothing was changed");
    }
    let path = staged(root, version);
    crate::infra::files::write_state(&path, binary, 0o770)
}

/// Largest piece of a binary sent in one request (raw bytes; base64 makes it 4/3 larger,
/// well under the remote protocol's 16 MiB request limit).
pub const PIECE: usize = 6 << 20;

/// Add one piece of a binary being staged; the piece that completes it has the whole
/// checked and kept as [`stage`] does.
pub fn stage_piece(root: &Root, version: &str, sha256: &str, total: u64, offset: u64, piece: &[u8]) -> Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    check_version(version)?;
    if total > 512 << 20 || piece.len() > PIECE || offset + piece.len() as u64 > total {
        crate::bail_usage!(
            "a binary piece at {offset} of {} bytes does not fit a binary of {total} bytes",
            piece.len()
        );
    }
    let part = staging(root).join(format!("kato-{version}.part"));
    crate::infra::files::state_dir(&staging(root))?;
    let mut f =
        if offset == 0 { std::fs::File::create(&part) } else { std::fs::OpenOptions::new().write(true).open(&part) }
            .with_context(|| format!("cannot write {}", part.display()))?;
    if f.metadata()?.len() != offset {
        bail!("a piece arrived out of order (at {offset}); start the staging again");
    }
    f.seek(SeekFrom::Start(offset))?;
    f.write_all(piece).with_context(|| format!("cannot write {}", part.display()))?;
    drop(f);
    if offset + piece.len() as u64 == total {
        let whole = std::fs::read(&part)?;
        let _ = std::fs::remove_file(&part);
        stage(root, version, sha256, &whole)?;
    }
    Ok(())
}

/// Replace `exe` with `bytes` atomically: a temporary file beside it, then a rename.
fn replace_exe(exe: &Path, bytes: &[u8]) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = exe.parent().context("the kato binary has no folder")?;
    let tmp = dir.join(format!(".kato.upgrade.{}", std::process::id()));
    let result = (|| -> Result<()> {
        std::fs::write(&tmp, bytes).with_context(|| format!("cannot write beside {}", exe.display()))?;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, exe).with_context(|| format!("cannot replace {}", exe.display()))?;
        std::fs::File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Swap the staged binary in, keeping the running one as the previous. Returns the
/// version replaced.
pub fn swap(root: &Root, version: &str, sha256: &str) -> Result<String> {
    check_version(version)?;
    let exe = exe()?;
    let new =
        std::fs::read(staged(root, version)).with_context(|| format!("kato {version} is not staged on this node"))?;
    if sha256_hex(&new) != sha256 {
        bail!("the staged binary for {version} does not match its checksum; nothing was changed");
    }
    let current = std::fs::read(&exe).with_context(|| format!("cannot read {}", exe.display()))?;
    let was = crate::infra::version::current();
    if current == new {
        return Ok(was);
    }
    crate::infra::files::write_state(&previous(root), &current, 0o770)?;
    replace_exe(&exe, &new).map_err(|e| {
        e.context(format!(
            "{} is not this user's to replace: upgrade kato with its package there, or run the upgrade as root",
            exe.display()
        ))
    })?;
    Ok(was)
}

/// Put the previous binary back. Returns the version restored.
pub fn rollback(root: &Root) -> Result<String> {
    let exe = exe()?;
    let prev = std::fs::read(previous(root)).context("no previous kato is kept on this node")?;
    let version = super::bundle::binary_version(&prev).unwrap_or_else(|| "unknown".into());
    replace_exe(&exe, &prev)?;
    Ok(version)
}
