//! Files: trees compared byte for byte, JSON documents, process specs, appended logs, and
//! the output snapshots under `tests/snapshots`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Every entry below `dir` (recursively) and whether it is a directory. With
/// `follow_links`, a symlink to a directory counts as one and is walked into.
pub fn walk(dir: &Path, follow_links: bool) -> Vec<(PathBuf, bool)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let is_dir = if follow_links { path.is_dir() } else { e.file_type().is_ok_and(|t| t.is_dir()) };
            if is_dir {
                stack.push(path.clone());
            }
            found.push((path, is_dir));
        }
    }
    found
}

/// Every file below `dir` with its bytes, and every directory (as `"rel/"` with no bytes),
/// keyed by the path relative to `dir`: for byte-identical comparisons.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir, true)
        .into_iter()
        .map(|(p, is_dir)| {
            let rel = p.strip_prefix(dir).expect("below dir").display().to_string();
            if is_dir { (format!("{rel}/"), Vec::new()) } else { (rel, std::fs::read(&p).unwrap_or_default()) }
        })
        .collect()
}

/// [`tree`] without the directories.
pub fn file_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir).into_iter().filter(|(k, _)| !k.ends_with('/')).collect()
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).expect("copy");
        }
    }
}

/// Appends `text` to the file at `path`, creating it (and its directory) if needed.
pub fn append(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("open for append");
    f.write_all(text.as_bytes()).expect("append");
}

/// The JSON document at `path`.
#[track_caller]
pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{} is not valid JSON ({e}); {} bytes, starting {:?}",
            path.display(),
            bytes.len(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(80)])
        )
    })
}

/// Writes `doc` to `path` as JSON.
pub fn write_json(path: &Path, doc: &Value) {
    std::fs::write(path, serde_json::to_vec(doc).expect("serialize")).expect("write JSON");
}

/// Writes the process spec `name` into the catalog of the node whose root is `root`; its path.
pub fn write_spec(root: &Path, name: &str, body: &str) -> PathBuf {
    let dir = root.join("etc/kato/processes");
    std::fs::create_dir_all(&dir).expect("mkdir processes");
    let path = dir.join(format!("{name}.yml"));
    std::fs::write(&path, body).expect("write spec");
    path
}

/// Compares `actual` with `tests/snapshots/<name>`; `KATO_UPDATE_SNAPSHOTS=1` rewrites it.
#[track_caller]
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = super::repo("tests/snapshots").join(name);
    if std::env::var_os("KATO_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {}; run with KATO_UPDATE_SNAPSHOTS=1", path.display()));
    assert_eq!(actual, expected, "snapshot {name} differs (KATO_UPDATE_SNAPSHOTS=1 to accept)");
}
