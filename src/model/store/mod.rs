//! The cluster store: every config component (`cluster`, `node`, `fence`, …) as one JSON
//! document with a revision counter, kept in one file on the core (or micro cloud).
//!
//! Writers take an exclusive lock, apply a [`Mutation`] to the current document and
//! replace the file atomically (temp file, fsync, rename, fsync of the folder), so a
//! reader never sees a partial document and a crash leaves the old state or the new one.
//! Other nodes reach the same store through the core, sending the same `Mutation` values.

pub mod components;
pub mod diff;
pub mod keypath;
pub mod mutation;
pub mod registry;
pub mod value;

use crate::model::root::Root;
use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::PathBuf;

pub use mutation::{Mutation, Outcome};

/// The layout of the store this kato writes. A store of an older layout is migrated in
/// place (atomically, and recorded in history) when this kato first reads it; a store of
/// a newer layout is refused, never misread.
pub const STORE_SCHEMA: u32 = 2;

/// The whole cluster state at one revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The store's layout ([`STORE_SCHEMA`]); stores written before it was recorded are 1.
    #[serde(default = "schema_one")]
    pub schema: u32,
    pub revision: u64,
    pub components: Map<String, Value>,
}

fn schema_one() -> u32 {
    1
}

impl Default for Document {
    fn default() -> Self {
        Document { schema: STORE_SCHEMA, revision: 0, components: Map::new() }
    }
}

/// Bring a document of an older layout up to [`STORE_SCHEMA`]; refuse a newer one.
pub fn migrate(doc: &mut Document, source: &str) -> Result<Option<(u32, u32)>> {
    if doc.schema > STORE_SCHEMA {
        anyhow::bail!(
            "{source} was written by a newer kato (store layout {}; this kato reads up to {STORE_SCHEMA}); upgrade kato on this node",
            doc.schema
        );
    }
    if doc.schema == STORE_SCHEMA {
        return Ok(None);
    }
    let from = doc.schema;
    // 1 → 2: the layout gained its version number; nothing else moved.
    doc.schema = STORE_SCHEMA;
    Ok(Some((from, STORE_SCHEMA)))
}

impl Document {
    pub fn component(&self, name: &str) -> Option<&Value> {
        self.components.get(name)
    }

    /// A value by component and `/`-separated path.
    pub fn get(&self, component: &str, path: &str) -> Option<&Value> {
        let kp = keypath::KeyPath::parse(path).ok()?;
        kp.get(self.components.get(component)?)
    }

    pub fn get_str(&self, component: &str, path: &str) -> Option<&str> {
        self.get(component, path).and_then(Value::as_str)
    }
}

/// The most the cluster store may hold: a change that would grow it past this is
/// refused (one that shrinks it is always taken). Every node's request and reply stays
/// well under the remote protocol's limit with this.
pub const MAX_STORE_BYTES: usize = 8 * 1024 * 1024;

/// The store file and its lock, under `var/lib/kato/store/`.
#[derive(Debug, Clone)]
pub struct FileStore {
    dir: PathBuf,
}

/// The result of a committed (or dry-run) mutation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Applied {
    pub outcome: Outcome,
    /// Human-readable lines describing what changed (or would change).
    pub changes: Vec<String>,
    pub revision: u64,
}

/// Parse a stored document, however deeply it nests (a value written before kato limited
/// nesting stays readable, so that it can be deleted).
pub fn parse_document(bytes: &[u8]) -> serde_json::Result<Document> {
    match serde_json::from_slice(bytes) {
        Err(e) if e.to_string().contains("recursion limit") => {
            // Without the limit, on a thread with room for deep recursion.
            let owned = bytes.to_vec();
            std::thread::Builder::new()
                .stack_size(256 << 20)
                .spawn(move || {
                    let mut de = serde_json::Deserializer::from_slice(&owned);
                    de.disable_recursion_limit();
                    serde::Deserialize::deserialize(&mut de)
                })
                .map_err(serde::de::Error::custom)?
                .join()
                .unwrap_or_else(|_| Err(serde::de::Error::custom("the document nests too deeply to read")))
        }
        r => r,
    }
}

impl FileStore {
    pub fn new(root: &Root) -> Self {
        FileStore { dir: root.store_dir() }
    }

    pub fn file(&self) -> PathBuf {
        self.dir.join("cluster.json")
    }

    fn lock_file(&self) -> PathBuf {
        self.dir.join("lock")
    }

    pub fn exists(&self) -> bool {
        self.file().exists()
    }

    /// The committed document, or `None` when no store has been written yet.
    pub fn load(&self) -> Result<Option<Document>> {
        let path = self.file();
        let Some(bytes) = crate::infra::files::read_optional(&path)? else {
            return Ok(None);
        };
        let doc =
            parse_document(&bytes).map_err(|e| anyhow!("the cluster store {} is unreadable: {e}", path.display()))?;
        if doc.schema > STORE_SCHEMA {
            migrate(&mut doc.clone(), &format!("the cluster store {}", path.display()))?;
        }
        Ok(Some(doc))
    }

    /// Rewrite a store of an older layout in the current one (under the lock, atomically).
    /// Returns the layouts it went from and to, when it did.
    pub fn upgrade_schema(&self) -> Result<Option<(u32, u32)>> {
        let lock = crate::infra::files::open_state(&self.lock_file(), crate::infra::files::STATE_FILE, false)?;
        crate::infra::files::lock(&lock, &self.lock_file(), true)?;
        let Some(mut doc) = self.load()? else { return Ok(None) };
        let moved = migrate(&mut doc, "the cluster store")?;
        if moved.is_some() {
            let bytes = serde_json::to_vec_pretty(&doc)?;
            crate::infra::files::write_state(&self.file(), &bytes, crate::infra::files::STATE_FILE)?;
        }
        Ok(moved)
    }

    /// Run `f` on the current document under the writers' lock and commit the result
    /// (unless `dry_run`, or unless nothing changed). `initial` supplies the document
    /// when none exists yet.
    pub fn transact<T>(
        &self,
        dry_run: bool,
        mut initial: impl FnMut() -> Document,
        mut f: impl FnMut(&mut Document) -> Result<T>,
    ) -> Result<(T, Vec<String>, u64)> {
        let lock_exists = self.lock_file().exists();
        // A refused change must leave a fresh root as it was: try it without the lock
        // before creating the lock file (it is tried again, for real, under the lock).
        if !dry_run && !lock_exists {
            let mut probe = self.load()?.unwrap_or_else(&mut initial);
            f(&mut probe)?;
        }
        // A dry run must not create anything, not even the lock file.
        let _lock = if dry_run && !lock_exists {
            None
        } else {
            let file = crate::infra::files::open_state(&self.lock_file(), crate::infra::files::STATE_FILE, false)?;
            crate::infra::files::lock(&file, &self.lock_file(), !dry_run)?;
            Some(file)
        };
        let before = self.load()?.unwrap_or_else(initial);
        let mut after = before.clone();
        let out = f(&mut after)?;
        let changes = diff::changes(&before.components, &after.components);
        let fresh = !self.exists();
        if changes.is_empty() && !fresh {
            return Ok((out, changes, before.revision));
        }
        after.revision = before.revision + 1;
        let bytes = serde_json::to_vec_pretty(&after)?;
        if bytes.len() > MAX_STORE_BYTES && bytes.len() > serde_json::to_vec_pretty(&before).map_or(0, |b| b.len()) {
            crate::bail_usage!(
                "this change would grow the cluster store to {} KiB; the store holds at most {} KiB (delete values first)",
                bytes.len() / 1024,
                MAX_STORE_BYTES / 1024
            );
        }
        if !dry_run {
            crate::infra::files::write_state(&self.file(), &bytes, crate::infra::files::STATE_FILE)?;
        }
        Ok((out, changes, after.revision))
    }
}
