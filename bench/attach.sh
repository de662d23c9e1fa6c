#!/usr/bin/env bash
# `kato node attach -s -e dea CORE` of one node, repeated: attach, then reset (remove the
# node on the core with --skip-detach; on the node delete its node.json and the kato line
# in its etc/hosts), and again.
# Usage: bench/attach.sh
#   RUNS=20    attaches (default 10)
#   STRICT=1   exit 1 when the goal is missed
# Needs root (sshd per loopback address). See bench/README.md for the goal.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RUNS="${RUNS:-10}"

cluster_need_pkgs /usr/sbin/sshd:openssh-server /usr/bin/time:time
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-attach-XXXXXX)"
cleanup() {
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

cluster_start "$work/cluster" 2 "$BIN"
core=${CLUSTER_IPS[1]} node=${CLUSTER_IPS[2]} noderoot=${CLUSTER_ROOTS[2]}
cluster_kato 1 node setup core api.example.test >/dev/null
handshakes() { cat "$work"/cluster/sshd/node*/sshd.log | grep -c 'Accepted publickey' || true; }

: > "$work/times.txt"
for r in $(seq "$RUNS"); do
    h0=$(handshakes)
    t0=${EPOCHREALTIME//[!0-9]/}
    cluster_kato 2 node attach -s -e dea "$core" > "$work/attach.log" 2>&1 ||
        { echo "ERROR: attach $r failed:" >&2; cat "$work/attach.log" >&2; exit 1; }
    t1=${EPOCHREALTIME//[!0-9]/}
    sleep 0.2 # let sshd write its log lines
    h1=$(handshakes)
    echo "$(( t1 - t0 )) $(( h1 - h0 ))" >> "$work/times.txt"
    # Reset: forget the node on the core, and make the node a fresh one again.
    cluster_kato 1 node remove --skip-detach --yes "$node" >/dev/null
    rm -f "$noderoot/var/lib/kato/node.json"
    if [ -f "$noderoot/etc/hosts" ]; then
        grep -v -i 'kato' "$noderoot/etc/hosts" > "$work/hosts.tmp" || true
        cat "$work/hosts.tmp" > "$noderoot/etc/hosts"   # in place: sshd's namespace bind-mounts it
    fi
    [ "$(cluster_kato 1 node list | wc -l)" -eq 1 ] || { echo "ERROR: reset failed" >&2; exit 1; }
done

median=$(awk '{print $1 / 1000}' "$work/times.txt" | bench_median)
min=$(awk '{print $1 / 1000}' "$work/times.txt" | sort -g | head -1)
max=$(awk '{print $1 / 1000}' "$work/times.txt" | sort -g | tail -1)
hs=$(awk '{print $2}' "$work/times.txt" | bench_median)
echo "kato node attach -s -e dea benchmark: core + 1 node (sshd each, 127.x.y.0/24), $RUNS attaches"
echo "machine: $(bench_load) (at the end of the run)"
printf 'median %.1f ms, min %.1f ms, max %.1f ms; SSH sessions per attach (median): %s\n' "$median" "$min" "$max" "$hs"
echo "all (ms): $(awk '{printf "%.0f ", $1 / 1000}' "$work/times.txt")"
if awk -v m="$median" 'BEGIN {exit !(m <= 500)}'; then
    echo "goal (median <= 500 ms): met"
else
    echo "goal (median <= 500 ms): MISSED"
    [ "${STRICT:-0}" = 1 ] && exit 1
fi
exit 0
