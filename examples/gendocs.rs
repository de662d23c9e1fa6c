//! Regenerate the shell completions and man pages from the clap definitions:
//! `cargo run --example gendocs -- [OUTDIR]` (default: the repository root).

use std::path::PathBuf;

fn main() {
    let out =
        std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    if let Err(e) = kato::cli::docs::generate(&out) {
        eprintln!("ERROR: {}", kato::error::one_line(&e));
        std::process::exit(1);
    }
    println!("wrote completions/ and docs/man/ under {}", out.display());
}
