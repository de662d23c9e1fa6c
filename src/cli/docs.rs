//! Shell completions and man pages, generated from the clap definitions in [`crate::cli`].
//! `cargo run --example gendocs` writes them into the repository, where they are committed;
//! `tests/docs_fresh.rs` fails when the committed files no longer match the CLI.

use anyhow::{Context, Result};
use clap_complete::Shell;
use std::path::{Path, PathBuf};

/// Every generated file: its path relative to the output directory, and its content.
pub fn render() -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for (shell, name) in [(Shell::Bash, "kato.bash"), (Shell::Zsh, "_kato"), (Shell::Fish, "kato.fish")] {
        let mut cmd = crate::cli::command();
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "kato", &mut buf);
        files.push((Path::new("completions").join(name), buf));
    }
    // Building the command fills in each subcommand's display name (`kato-config-get`)
    // and its usage line (`kato config get`).
    let mut cmd = crate::cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, &mut files)?;
    Ok(files)
}

fn man_pages(cmd: &clap::Command, files: &mut Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
    let man = clap_mangen::Man::new(cmd.clone()).source(format!("kato {}", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    man.render(&mut buf).with_context(|| format!("cannot render the man page of '{}'", cmd.get_name()))?;
    files.push((Path::new("docs/man").join(man.get_filename()), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        man_pages(sub, files)?;
    }
    Ok(())
}

/// Write every generated file under `out` (creating `completions/` and `docs/man/`).
pub fn generate(out: &Path) -> Result<()> {
    for (rel, bytes) in render()? {
        let path = out.join(&rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
