#!/usr/bin/env bash
# `kato log tail -f` merging 8 nodes whose writer process appends lines as fast as it can,
# against `pdsh ... tail -F` on the same nodes, in the same run: lines received in a fixed
# window, per second.
# Usage: bench/logtail.sh
#   WINDOW=5     seconds per measurement (default 5)
#   ROUNDS=2     measurements per tool, alternating (default 2; the best of each is reported)
#   STRICT=1     exit 1 when a goal is missed
# The writers run at nice 19 so that the tailers (kato, pdsh, sshd) get the CPU first.
# Needs root (sshd per loopback address) and supervisord. See bench/README.md for the goals.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
WINDOW="${WINDOW:-5}"
ROUNDS="${ROUNDS:-2}"
NODES=8
CAP=$(( 64 * 1024 * 1024 )) # a writer truncates its log past 64 MiB

cluster_need_pkgs /usr/sbin/sshd:openssh-server pdsh:pdsh supervisord:supervisor supervisorctl:supervisor
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-logtail-XXXXXX)"
cleanup() {
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

cluster_start "$work/cluster" $(( NODES + 1 )) "$BIN"
core=${CLUSTER_IPS[1]}
cluster_kato 1 node setup core api.example.test >/dev/null
# The writer (role dea) appends to its own log file directly: supervisord's stdout capture
# would otherwise be the bottleneck, and this measures kato's merge. The file is truncated
# at 64 MiB (both tailers follow truncation) so the disk use stays bounded. Every node
# (the core too) has the spec, so that every node knows the process name.
for i in $(seq 1 $(( NODES + 1 ))); do
    mkdir -p "${CLUSTER_ROOTS[i]}/etc/kato/processes"
    cat > "${CLUSTER_ROOTS[i]}/etc/kato/writer.sh" <<WRITER
f="\$KATO_ROOT/var/log/kato/writer.log"
while :; do
    yes "\$KATO_NODE_IP writer, some log line text for the merge benchmark" | head -n 200000 >> "\$f"
    [ "\$(stat -c %s "\$f")" -lt $CAP ] || : > "\$f"
done
WRITER
    printf 'name: writer\nroles: [dea]\ncommand: /usr/bin/nice -n 19 /bin/sh ${KATO_ROOT}/etc/kato/writer.sh\n' \
        > "${CLUSTER_ROOTS[i]}/etc/kato/processes/writer.yml"
done
pids=()
for i in $(seq 2 $(( NODES + 1 ))); do
    cluster_kato "$i" node attach -s -e dea "$core" > "$work/attach$i.log" 2>&1 &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { cat "$work"/attach*.log >&2; exit 1; }; done
others=("${CLUSTER_IPS[@]:2}")
wlist=$(IFS=,; echo "${others[*]}")

# The core's environment for kato run here.
mapfile -t core_env < <(cluster_env 1)
export "${core_env[@]}"
unset SSH_AUTH_SOCK KATO_SKIP_CONFIRM
export PDSH_SSH_ARGS_APPEND="$(cluster_ssh_opts)"

start_writers() { for i in $(seq 2 $(( NODES + 1 ))); do cluster_kato "$i" process start writer >/dev/null; done; }
stop_writers() {
    for i in $(seq 2 $(( NODES + 1 ))); do
        supervisorctl -s "unix://${CLUSTER_ROOTS[i]}/run/kato/supervisord.sock" stop writer >/dev/null 2>&1 || true
        rm -f "${CLUSTER_ROOTS[i]}/var/log/kato/writer.log"
    done
}
start_writers
sleep 1

# timeout ends each tailer (exit 124), so the pipelines' status is ignored.
kato_count() { { timeout -k 2 "$WINDOW" "$BIN" log tail -f -n 0 writer 2>/dev/null || true; } | wc -l; }
pdsh_count() {
    { timeout -k 2 "$WINDOW" pdsh -R ssh -f 32 -l root -w "$wlist" \
        'tail -n 0 -F "$KATO_ROOT/var/log/kato/writer.log"' 2>/dev/null || true; } | wc -l
}
k_best=0 p_best=0 k_all="" p_all=""
for _ in $(seq "$ROUNDS"); do
    k=$(kato_count); k_all+="$k "
    if [ "$k" -gt "$k_best" ]; then k_best=$k; fi
    p=$(pdsh_count); p_all+="$p "
    if [ "$p" -gt "$p_best" ]; then p_best=$p; fi
done
[ "$k_best" -gt 0 ] || echo "WARNING: kato log tail received no lines" >&2
# What the writers produced, for scale: lines appended on one node in one window.
n0=$(wc -l < "${CLUSTER_ROOTS[2]}/var/log/kato/writer.log"); sleep 1
n1=$(wc -l < "${CLUSTER_ROOTS[2]}/var/log/kato/writer.log")
stop_writers

k_rate=$(( k_best / WINDOW )) p_rate=$(( p_best / WINDOW ))
ratio=$(awk -v k="$k_rate" -v p="$p_rate" 'BEGIN {printf "%.2f", (p > 0) ? k / p : 0}')
echo "kato log tail benchmark: core + $NODES writer nodes (sshd each, 127.x.y.0/24), ${WINDOW}s windows, $ROUNDS rounds each"
echo "machine: $(bench_load) (at the end of the run)"
echo "one writer appended about $(( n1 - n0 )) lines in 1 s while nothing tailed (negative: it truncated)"
printf '%-40s %14s   %s\n' "tool" "lines/s (best)" "lines per window"
printf '%-40s %14s   %s\n' "kato log tail -f -n 0 writer" "$k_rate" "$k_all"
printf '%-40s %14s   %s\n' "pdsh -R ssh ... tail -n 0 -F" "$p_rate" "$p_all"
echo "kato / pdsh: ${ratio}x"
if awk -v r="$ratio" -v k="$k_rate" 'BEGIN {exit !(r >= 1 && k >= 100000)}'; then
    echo "goals (>= 1x pdsh, >= 100000 lines/s): met"
else
    echo "goals (>= 1x pdsh, >= 100000 lines/s): MISSED"
    [ "${STRICT:-0}" = 1 ] && exit 1
fi
exit 0
