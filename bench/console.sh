#!/usr/bin/env bash
# The web console on a cluster of a core and NODES attached nodes: median time to first
# byte of the Cluster page, the first and later complete views (page + /api/status, i.e.
# every node's state) against `kato status --all` measured in the same run, and the
# console's peak RSS.
# Usage: bench/console.sh
#   NODES=8     attached nodes (default 32)
#   RUNS=10     views per measurement (default 10)
#   STRICT=1    exit 1 when a goal is missed
# Needs root (sshd per loopback address), curl. See bench/README.md for the goals.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RUNS="${RUNS:-10}"
NODES="${NODES:-32}"

cluster_need_pkgs /usr/sbin/sshd:openssh-server curl:curl supervisord:supervisor
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-console-XXXXXX)"
console_pid=""
cleanup() {
    if [ -n "$console_pid" ]; then kill "$console_pid" 2>/dev/null || true; wait "$console_pid" 2>/dev/null || true; fi
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

cluster_start "$work/cluster" $(( NODES + 1 )) "$BIN"
core=${CLUSTER_IPS[1]}
cluster_kato 1 node setup core api.example.test >/dev/null
batch=()
for i in $(seq 2 $(( NODES + 1 ))); do
    cluster_kato "$i" node attach -s --skip-preflight role-processes -e dea "$core" > "$work/attach$i.log" 2>&1 &
    batch+=($!)
    if [ "${#batch[@]}" -eq 8 ] || [ "$i" -eq $(( NODES + 1 )) ]; then
        for p in "${batch[@]}"; do wait "$p" || true; done
        batch=()
    fi
done
registered=$(cluster_kato 1 node list | wc -l)
[ "$registered" -eq $(( NODES + 1 )) ] || { echo "ERROR: $registered nodes registered" >&2; cat "$work"/attach*.log >&2; exit 1; }

mapfile -t core_env < <(cluster_env 1)
export "${core_env[@]}"
unset SSH_AUTH_SOCK KATO_SKIP_CONFIRM
echo 'bench password 1' | "$BIN" node setup firstuser bench@example.com >/dev/null

# The core's address is a loopback one: plain HTTP (TLS would add the same handshake to
# every client alike).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("'"$core"'", 0)); print(s.getsockname()[1])')
"$BIN" console --listen "$core:$port" 2> "$work/console.log" &
console_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://$core:$port/login" && break; sleep 0.1; done
base="http://$core:$port"
jar="$work/cookies"
curl -s -o /dev/null -c "$jar" -d 'email=bench@example.com&password=bench+password+1' "$base/login"
curl -s -b "$jar" "$base/" | grep -q 'id="roles"' || { echo "ERROR: cannot log in" >&2; cat "$work/console.log" >&2; exit 1; }

now() { echo "${EPOCHREALTIME/[,.]/}"; }   # microseconds
view() {   # one complete view: the page, then every node's state
    curl -s -o /dev/null -b "$jar" "$base/"
    curl -s -b "$jar" "$base/api/status" | grep -q '"down_nodes":\[\]' || { echo "ERROR: a node is down" >&2; exit 1; }
}

ttfb=$(for _ in $(seq "$RUNS"); do curl -s -o /dev/null -b "$jar" -w '%{time_starttransfer}\n' "$base/"; done |
    awk '{printf "%.2f\n", $1 * 1000}' | bench_median)
t0=$(now); view; first=$(( $(now) - t0 ))
later=$(for _ in $(seq "$RUNS"); do t0=$(now); view; echo $(( $(now) - t0 )); done | bench_median)
status=$(for _ in $(seq "$RUNS"); do t0=$(now); "$BIN" status --all >/dev/null; echo $(( $(now) - t0 )); done | bench_median)
rss=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$console_pid/status")

ms() { awk -v us="$1" 'BEGIN {printf "%.1f", us / 1000}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "console bench: $(( NODES + 1 )) nodes, $RUNS runs, $(bench_load)"
printf '%-40s %10s %8s %s\n' "what" "median" "ratio" "goal"
printf '%-40s %8s ms %8s %s\n' "Cluster page, time to first byte" "$ttfb" "-" "<= 20 ms"
printf '%-40s %8s ms %8s %s\n' "kato status --all" "$(ms "$status")" "1.00" "(anchor)"
printf '%-40s %8s ms %8s %s\n' "first complete view" "$(ms "$first")" "$(ratio "$first" "$status")" "<= 1.2x"
printf '%-40s %8s ms %8s %s\n' "later complete view (median)" "$(ms "$later")" "$(ratio "$later" "$status")" "<= 0.2x"
printf '%-40s %8s MB %8s %s\n' "kato console peak RSS" "$rss" "-" "<= 30 MB"

if [ "${STRICT:-0}" = 1 ]; then
    awk -v t="$ttfb" -v f="$(ratio "$first" "$status")" -v l="$(ratio "$later" "$status")" -v r="$rss" \
        'BEGIN {exit !(t <= 20 && f <= 1.2 && l <= 0.2 && r <= 30)}' || { echo "a goal was missed" >&2; exit 1; }
fi
