//! Export archives (`.tgz`): written as a stream (a file's bytes go from disk through
//! sha256 and gzip to the archive, never whole in memory), with a manifest as the last
//! entry listing every file's size and sha256; read back in two passes: one that checks
//! everything (entry kinds, paths, sizes, checksums, the manifest) and changes nothing,
//! and one that extracts into a folder, checking again as it goes.

use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

/// Every entry of an archive lives under this folder.
pub const TOP: &str = "kato-export";
/// The manifest's name inside [`TOP`].
pub const MANIFEST: &str = "manifest.json";

/// One file of an archive, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

struct Hashing<R> {
    inner: R,
    hash: Sha256,
    count: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

fn hex(d: impl AsRef<[u8]>) -> String {
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// An archive being written to `<path>.partial`, renamed to `path` when finished.
pub struct Writer {
    top: String,
    tar: tar::Builder<flate2::write::GzEncoder<File>>,
    partial: PathBuf,
    path: PathBuf,
    files: Vec<FileEntry>,
}

fn header(size: u64, mode: u32) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_size(size);
    h.set_mode(mode);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_mtime(0);
    h
}

impl Writer {
    pub fn create(path: &Path) -> Result<Writer> {
        Self::create_under(path, TOP)
    }

    /// [`Writer::create`] whose entries live under `top` instead of [`TOP`].
    pub fn create_under(path: &Path, top: &str) -> Result<Writer> {
        let mut partial = path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode_0600()
            .open(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
        Ok(Writer {
            top: top.to_string(),
            tar: tar::Builder::new(gz),
            partial,
            path: path.to_path_buf(),
            files: Vec::new(),
        })
    }

    /// Add `len` bytes read from `src` as `name` (relative to [`TOP`]).
    pub fn add_reader(&mut self, name: &str, src: impl Read, len: u64, mode: u32) -> Result<()> {
        check_name(name)?;
        let mut h = header(len, mode);
        let mut r = Hashing { inner: src.take(len), hash: Sha256::new(), count: 0 };
        self.tar
            .append_data(&mut h, format!("{}/{name}", self.top), &mut r)
            .with_context(|| format!("cannot add {name}"))?;
        if r.count != len {
            bail!("{name} changed size while it was read");
        }
        self.files.push(FileEntry { path: name.into(), size: len, sha256: hex(r.hash.finalize()) });
        Ok(())
    }

    /// Add the file at `src` as `name`.
    pub fn add_file(&mut self, name: &str, src: &Path) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let f = File::open(src).with_context(|| format!("cannot read {}", src.display()))?;
        let meta = f.metadata()?;
        self.add_reader(name, f, meta.len(), meta.permissions().mode() & 0o777)
    }

    pub fn add_bytes(&mut self, name: &str, data: &[u8]) -> Result<()> {
        self.add_reader(name, data, data.len() as u64, 0o600)
    }

    /// The files added so far.
    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }

    /// Write the manifest (`manifest` with the file list under `files`), then rename the
    /// finished archive into place.
    pub fn finish(mut self, mut manifest: serde_json::Value) -> Result<PathBuf> {
        manifest["files"] = serde_json::to_value(&self.files)?;
        let bytes = serde_json::to_vec_pretty(&manifest)?;
        let mut h = header(bytes.len() as u64, 0o600);
        self.tar.append_data(&mut h, format!("{}/{MANIFEST}", self.top), bytes.as_slice())?;
        let gz = self.tar.into_inner()?;
        let f = gz.finish()?;
        f.sync_all()?;
        std::fs::rename(&self.partial, &self.path)
            .with_context(|| format!("cannot move the archive to {}", self.path.display()))?;
        Ok(self.path)
    }

    /// Give up: remove the partial file.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.partial);
    }
}

trait Mode0600 {
    fn mode_0600(&mut self) -> &mut Self;
}

impl Mode0600 for std::fs::OpenOptions {
    fn mode_0600(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.mode(0o600)
    }
}

/// A relative name of plain components (no `..`, no `.`, not absolute, not empty).
pub fn check_name(name: &str) -> Result<()> {
    let p = Path::new(name);
    if name.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        bail!("unsafe path '{name}' in the archive");
    }
    Ok(())
}

/// What the checking pass found: the manifest (as written) and its file list.
#[derive(Debug, Clone)]
pub struct Checked {
    pub manifest: serde_json::Value,
    pub files: Vec<FileEntry>,
}

fn entries<R: Read>(ar: &mut tar::Archive<R>) -> Result<tar::Entries<'_, R>> {
    ar.entries().context("not a gzip-compressed tar archive")
}

/// Open `path` as a gzip-compressed tar stream.
fn open(path: &Path) -> Result<tar::Archive<flate2::read::GzDecoder<File>>> {
    let f = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(tar::Archive::new(flate2::read::GzDecoder::new(f)))
}

/// The name of an entry below [`TOP`], refused unless it is a plain relative path.
fn entry_name(entry: &tar::Entry<'_, impl Read>) -> Result<String> {
    let raw = entry.path_bytes();
    let name = std::str::from_utf8(&raw).map_err(|_| anyhow!("a path in the archive is not UTF-8"))?.to_string();
    let p = Path::new(&name);
    if p.is_absolute() || !p.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        bail!("unsafe path '{name}' in the archive");
    }
    let kind = entry.header().entry_type();
    if !(kind.is_file() || kind.is_dir()) {
        bail!("'{name}' in the archive is a {kind:?}, not a file (links and devices are refused)");
    }
    let rel = name.trim_start_matches("./").strip_prefix(&format!("{TOP}/")).map(str::to_string);
    match rel {
        Some(r) => Ok(r),
        None if name.trim_start_matches("./").trim_end_matches('/') == TOP => Ok(String::new()),
        None => bail!("'{name}' is outside {TOP}/: not a kato export"),
    }
}

/// The checking pass: every entry a plain file or folder under [`TOP`], every file listed
/// in the manifest with its size and sha256, nothing missing or extra. Reads the archive
/// once, as a stream.
pub fn check(path: &Path) -> Result<Checked> {
    let mut ar = open(path)?;
    let mut seen: BTreeMap<String, FileEntry> = BTreeMap::new();
    let mut manifest: Option<serde_json::Value> = None;
    for entry in entries(&mut ar)? {
        let mut entry = entry.context("the archive is damaged or truncated")?;
        let name = entry_name(&entry)?;
        if entry.header().entry_type().is_dir() {
            continue;
        }
        check_name(&name)?;
        if name == MANIFEST {
            let mut bytes = Vec::new();
            (&mut entry).take(16 << 20).read_to_end(&mut bytes).context("the archive is damaged or truncated")?;
            manifest = Some(serde_json::from_slice(&bytes).context("the manifest is not JSON")?);
            continue;
        }
        let mut r = Hashing { inner: &mut entry, hash: Sha256::new(), count: 0 };
        io::copy(&mut r, &mut io::sink()).context("the archive is damaged or truncated")?;
        let e = FileEntry { path: name.clone(), size: r.count, sha256: hex(r.hash.finalize()) };
        if seen.insert(name.clone(), e).is_some() {
            bail!("'{name}' appears twice in the archive");
        }
    }
    let manifest = manifest.ok_or_else(|| anyhow!("no {TOP}/{MANIFEST}: not a kato export, or truncated"))?;
    let files: Vec<FileEntry> =
        serde_json::from_value(manifest["files"].clone()).context("the manifest has no valid file list")?;
    for f in &files {
        match seen.remove(&f.path) {
            None => bail!("{} is listed in the manifest but missing from the archive", f.path),
            Some(s) if s != *f => bail!("{} does not match its checksum in the manifest (damaged archive)", f.path),
            Some(_) => {}
        }
    }
    if let Some(extra) = seen.keys().next() {
        bail!("{extra} is in the archive but not in its manifest");
    }
    Ok(Checked { manifest, files })
}

/// The extracting pass: write every listed file below `dest` (a new folder), checking each
/// against `checked` again.
pub fn extract(path: &Path, checked: &Checked, dest: &Path) -> Result<()> {
    let want: BTreeMap<&str, &FileEntry> = checked.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut ar = open(path)?;
    for entry in entries(&mut ar)? {
        let mut entry = entry.context("the archive is damaged or truncated")?;
        let name = entry_name(&entry)?;
        let Some(expected) = want.get(name.as_str()) else { continue };
        check_name(&name)?;
        let target = dest.join(&name);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mode = entry.header().mode().unwrap_or(0o600) & 0o777;
        let mut out = std::fs::OpenOptions::new().write(true).create_new(true).mode_0600().open(&target)?;
        let mut r = Hashing { inner: &mut entry, hash: Sha256::new(), count: 0 };
        io::copy(&mut r, &mut out)?;
        out.flush()?;
        if r.count != expected.size || hex(r.hash.finalize()) != expected.sha256 {
            bail!("{name} changed since it was checked");
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}
