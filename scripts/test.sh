#!/usr/bin/env bash
# Every test of kato: builds the release binary and the Debian package (which
# tests/deb_package.rs checks, installs and purges), then runs the whole test suite.
# With CI=true a missing tool fails the tests that need it instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
if command -v cargo-deb >/dev/null 2>&1; then
    cargo deb --locked --no-build --strip
elif [ "${CI:-}" = true ]; then
    echo "ERROR: cargo-deb is not installed (cargo install cargo-deb --locked --version 3.8.0)" >&2
    exit 1
else
    echo "SKIP the Debian package: cargo-deb is not installed" >&2
fi
cargo test --locked --no-fail-fast "$@"
