#!/usr/bin/env bash
# Build kato and bring up a micro cloud whose processes really run, in a sandbox root:
# the example catalog (Redis, memcached, Python HTTP servers from Debian) is installed
# under the root, supervisord starts under it, and `kato status` shows the result.
# Everything stays under $KATO_ROOT (default /tmp/kato-quickstart); nothing else changes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${KATO_ROOT:-/tmp/kato-quickstart}
for prog in supervisord redis-server python3; do
  command -v "$prog" >/dev/null || { echo "missing $prog: apt-get install -y supervisor redis-server python3" >&2; exit 1; }
done
cargo build --release --quiet
kato=$PWD/target/release/kato
mkdir -p "$root/etc/kato"
cp -r catalog/processes catalog/process_order.yml "$root/etc/kato/"
export KATO_ROOT=$root
"$kato" start
"$kato" status
"$kato" info
echo
echo "The micro cloud runs under $root. Try: KATO_ROOT=$root $kato process list"
echo "Stop it with: kill \$(cat $root/run/kato/supervisord.pid)"
