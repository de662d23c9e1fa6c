#!/usr/bin/env bash
# Make a release bundle for 'kato node upgrade --offline BUNDLE':
#   dist/kato-<version>-<target>.tar.gz  with  kato, catalog/…, manifest.json
# The manifest names the version (read from the binary's version slot), the target and the
# sha256 of every file.
# Usage: scripts/dist.sh [--binary PATH] [--out DIR]
#   --binary PATH  bundle this binary instead of building the release binary
#                  (the build honours CARGO_TARGET_DIR)
#   --out DIR      where the bundle goes (default: dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="" out="dist"
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) echo "ERROR: unknown argument '$1' (see the top of $0)" >&2; exit 2 ;;
    esac
done
if [ -z "$binary" ]; then
    cargo build --release --locked --quiet
    target_dir="${CARGO_TARGET_DIR:-target}"
    binary="$target_dir/release/kato"
fi
[ -x "$binary" ] || { echo "ERROR: $binary is not an executable" >&2; exit 1; }
version=$(grep -a -o 'KATO-VERSION:[0-9A-Za-z.+-]*' "$binary" | head -n 1 | cut -d: -f2)
[ -n "$version" ] || { echo "ERROR: $binary carries no kato version" >&2; exit 1; }
target="$(uname -m)-linux"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -m 0755 "$binary" "$stage/kato"
mkdir -p "$stage/catalog/processes"
cp catalog/process_order.yml "$stage/catalog/"
cp catalog/processes/*.yml "$stage/catalog/processes/"
(
    cd "$stage"
    printf '{\n  "name": "kato",\n  "version": "%s",\n  "target": "%s",\n  "files": {\n' "$version" "$target"
    first=1
    for f in kato catalog/process_order.yml catalog/processes/*.yml; do
        [ $first = 1 ] || printf ',\n'
        first=0
        printf '    "%s": "%s"' "$f" "$(sha256sum "$f" | cut -d' ' -f1)"
    done
    printf '\n  }\n}\n'
) > "$stage/manifest.json"
mkdir -p "$out"
bundle="$out/kato-$version-$target.tar.gz"
tar -C "$stage" -czf "$bundle" manifest.json kato catalog
echo "$bundle"
