//! The committed completions and man pages match what the clap definitions generate now.

mod harness;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const HOW_TO_FIX: &str = "run `cargo run --example gendocs` and commit the result";

/// The files under `base/dir`, relative to `base`.
fn files_under(base: &Path, dir: &str) -> BTreeSet<PathBuf> {
    harness::files::walk(&base.join(dir), true)
        .into_iter()
        .filter(|(_, is_dir)| !is_dir)
        .map(|(p, _)| p.strip_prefix(base).unwrap().to_path_buf())
        .collect()
}

#[test]
fn committed_docs_and_completions_are_fresh() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    kato::cli::docs::generate(tmp.path()).expect("generate docs");

    let generated: BTreeSet<PathBuf> =
        ["completions", "docs/man"].iter().flat_map(|d| files_under(tmp.path(), d)).collect();
    let committed: BTreeSet<PathBuf> = ["completions", "docs/man"].iter().flat_map(|d| files_under(repo, d)).collect();

    // The generator covers what the brief promises.
    for must in [
        "completions/kato.bash",
        "completions/_kato",
        "completions/kato.fish",
        "docs/man/kato.1",
        "docs/man/kato-config-get.1",
        "docs/man/kato-node-setup-core.1",
    ] {
        assert!(generated.contains(Path::new(must)), "the generator did not write {must}");
    }
    assert!(
        !generated.iter().any(|p| p.to_string_lossy().contains("help")),
        "a man page was generated for clap's implicit help subcommand: {generated:?}"
    );

    let mut problems = Vec::new();
    for rel in &generated {
        let fresh = std::fs::read(tmp.path().join(rel)).unwrap();
        match std::fs::read(repo.join(rel)) {
            Err(_) => problems.push(format!("{} is missing", rel.display())),
            Ok(old) if old != fresh => problems.push(format!("{} is stale", rel.display())),
            Ok(_) => {}
        }
    }
    for rel in committed.difference(&generated) {
        problems.push(format!("{} is no longer generated (delete it)", rel.display()));
    }
    assert!(problems.is_empty(), "generated docs are out of date: {}; {HOW_TO_FIX}", problems.join(", "));
}

#[test]
fn man_pages_describe_their_own_command() {
    let tmp = tempfile::tempdir().unwrap();
    kato::cli::docs::generate(tmp.path()).unwrap();
    let page = std::fs::read_to_string(tmp.path().join("docs/man/kato-config-set.1")).unwrap();
    assert!(page.contains(".TH kato-config-set 1"), "{page}");
    assert!(page.contains("kato config set"), "{page}");
    assert!(page.contains("\\-\\-dry\\-run"), "{page}");
    let bash = std::fs::read_to_string(tmp.path().join("completions/kato.bash")).unwrap();
    assert!(bash.contains("complete -F _kato"), "{bash}");
}
