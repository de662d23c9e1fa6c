//! The layering stays true: `cli` → `ops` → `model` → `infra`, each folder importing
//! only the layers below it (`error` is shared by all). Every path in `src/` that names a
//! module (`crate::…`, and `super::…` chains resolved from the file's own module) is
//! checked; comments are skipped.

use std::path::{Path, PathBuf};

/// Layers from the top; a layer may use those after it.
const LAYERS: &[&str] = &["cli", "ops", "model", "infra"];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

/// The module path of a source file: `src/ops/node/attach.rs` → `[ops, node, attach]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// The layer each module path in `line` points into, with the path as written.
fn targets(module: &[String], line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let boundary =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        if boundary && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let path: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let resolved: Vec<String> = if segs[0] == "crate" {
                segs[1..].iter().map(|s| s.to_string()).collect()
            } else {
                // `super` from `a/b.rs` (module a::b) is `a`; from `a/b/mod.rs` (a::b) too.
                let mut base: Vec<String> = module.to_vec();
                let mut k = 0;
                while k < segs.len() && segs[k] == "super" {
                    base.pop();
                    k += 1;
                }
                base.extend(segs[k..].iter().map(|s| s.to_string()));
                base
            };
            if let Some(first) = resolved.first() {
                out.push((first.clone(), path.clone()));
            }
            i += path.len();
        } else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
        }
    }
    out
}

/// Every import of `file` that goes up a layer: (line number, path).
fn violations(src: &Path, file: &Path, text: &str) -> Vec<(usize, String)> {
    let module = module_of(src, file);
    let Some(own) = module.first().and_then(|l| rank(l)) else { return Vec::new() };
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" //").next().unwrap_or(code);
        for (layer, path) in targets(&module, code) {
            if let Some(r) = rank(&layer)
                && r < own
            {
                bad.push((n + 1, path));
            }
        }
    }
    bad
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_layer_imports_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "found only {} source files under {}", files.len(), src.display());
    let mut report = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (line, path) in violations(&src, f, &text) {
            report.push(format!("{}:{line}: {path}", f.strip_prefix(&src).unwrap().display()));
        }
    }
    assert!(report.is_empty(), "imports that run up a layer (cli → ops → model → infra):\n{}", report.join("\n"));
}

#[test]
fn every_layer_folder_exists() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for l in LAYERS {
        assert!(src.join(l).join("mod.rs").is_file(), "src/{l}/mod.rs is missing");
    }
}

#[test]
fn the_check_catches_upward_imports() {
    let src = Path::new("/x/src");
    let cases = [
        ("model/store/mod.rs", "use crate::ops::context::Ctx;", 1),
        ("infra/files.rs", "let r = crate::model::root::Root::new(\"/\");", 1),
        ("ops/node/attach.rs", "use super::super::super::cli::ui::Ui;", 1),
        ("ops/node/mod.rs", "use super::super::cli::ui::Ui;", 1),
        ("infra/ssh/session.rs", "use super::super::super::ops::report::Tone;", 1),
        ("ops/node/attach.rs", "use super::super::context::Ctx; use crate::model::node;", 0),
        ("cli/commands/info.rs", "use crate::ops::info; use crate::infra::history;", 0),
        ("model/node.rs", "// crate::ops::context in a comment", 0),
        ("ops/mod.rs", "use super::model::store;", 0),
    ];
    for (file, line, want) in cases {
        let got = violations(src, &src.join(file), line).len();
        assert_eq!(got, want, "{file}: {line}");
    }
}
