//! A release bundle (`scripts/dist.sh`): `kato-<version>-<target>.tar.gz` holding the
//! `kato` binary, the catalog shipped with it, and `manifest.json` (name, version, target,
//! the sha256 of every file). A bundle is checked whole before anything uses it.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file a bundle may hold (the binary is the big one).
const MAX_FILE: u64 = 256 << 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    pub target: String,
    /// Path inside the bundle → sha256 (hex).
    pub files: BTreeMap<String, String>,
}

/// A checked bundle.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub binary: Vec<u8>,
    pub binary_sha256: String,
}

/// The platform this kato runs on, as bundles name it (`x86_64-linux`).
pub fn this_target() -> String {
    format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|part| !part.is_empty() && part != ".." && part != ".")
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c))
}

/// Open and check a bundle: a gzip'd tar of plain files with safe names, a manifest that
/// names this platform and every file with its checksum, and a `kato` binary.
pub fn open(path: &Path) -> Result<Bundle> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open the bundle {}", path.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut found: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let entries =
        archive.entries().with_context(|| format!("{} is not a kato bundle (not a .tar.gz)", path.display()))?;
    for entry in entries {
        let mut entry = entry.with_context(|| format!("{} is damaged", path.display()))?;
        let kind = entry.header().entry_type();
        let name = entry.path()?.to_string_lossy().trim_start_matches("./").to_string();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() || !safe_name(&name) {
            bail!(
                "{}: '{}' is not a plain file with a safe name; not a kato bundle",
                path.display(),
                name.escape_default()
            );
        }
        if entry.size() > MAX_FILE {
            bail!("{}: {name} is too large ({} bytes)", path.display(), entry.size());
        }
        let mut bytes = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut bytes).with_context(|| format!("{} is damaged ({name})", path.display()))?;
        found.insert(name, bytes);
    }
    let manifest_bytes =
        found.remove("manifest.json").with_context(|| format!("{} has no manifest.json", path.display()))?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| anyhow::anyhow!("{}: manifest.json is not a kato manifest: {e}", path.display()))?;
    if manifest.name != "kato" {
        bail!("{} is a bundle of '{}', not of kato", path.display(), manifest.name.escape_default());
    }
    if manifest.target != this_target() {
        bail!("{} is built for {}; this node is {}", path.display(), manifest.target.escape_default(), this_target());
    }
    if manifest.version.is_empty() || !manifest.version.chars().all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c))
    {
        bail!("{}: '{}' is not a version", path.display(), manifest.version.escape_default());
    }
    for (name, want) in &manifest.files {
        let Some(bytes) = found.get(name) else {
            bail!("{}: {name} is in the manifest but not in the bundle", path.display())
        };
        if sha256_hex(bytes) != *want {
            bail!("{}: {name} does not match its checksum (the bundle is damaged)", path.display());
        }
    }
    if let Some(extra) = found.keys().find(|n| !manifest.files.contains_key(*n)) {
        bail!("{}: {extra} is not in the manifest", path.display());
    }
    let binary = found.remove("kato").with_context(|| format!("{} holds no kato binary", path.display()))?;
    if binary.get(..4) != Some(b"\x7fELF") {
        bail!("{}: its kato is not an executable for this platform", path.display());
    }
    let binary_sha256 = sha256_hex(&binary);
    Ok(Bundle { path: path.to_path_buf(), manifest, binary, binary_sha256 })
}

/// The version a kato binary carries in its version slot (see `infra::version`).
pub fn binary_version(bytes: &[u8]) -> Option<String> {
    // Put together here, so that the marker's bytes stand in the binary only in the slot.
    let marker = [b"KATO-".as_slice(), b"VERSION:"].concat();
    let at = bytes.windows(marker.len()).position(|w| w == marker)?;
    let rest = &bytes[at + marker.len()..];
    let end = rest.iter().position(|b| *b == 0)?;
    String::from_utf8(rest[..end].to_vec()).ok()
}
