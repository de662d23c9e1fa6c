#!/usr/bin/env bash
# `kato data export --cluster` of an N-node cluster (a core and N-1 attached nodes, each
# holding SIZE_MB of service data listed by a process spec's `data:`), against collecting
# the same files the same way with `ssh NODE 'tar czf - FILES'` (pdsh's transport: pdsh
# itself corrupts a binary stream; one per node, all at once, each node's stream into
# its own .tgz), in the same run. Also the peak RSS of the export
# (GNU time), which must not grow with the data (the archive is streamed).
# Usage: bench/data_export.sh
#   NODES=8      nodes, the core included (default 8)
#   SIZE_MB=16   data per node (default 16; half random, half zeros)
#   RUNS=3       exports and ssh+tar runs (default 3)
#   STRICT=1     exit 1 when a goal (<= 1.5x ssh+tar, <= 50 MB RSS) is missed
# Needs root (sshd per loopback address). See bench/README.md for the goals.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
NODES="${NODES:-8}"
SIZE_MB="${SIZE_MB:-16}"
RUNS="${RUNS:-3}"

cluster_need_pkgs /usr/sbin/sshd:openssh-server ssh:openssh-client
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-export-XXXXXX)"
cleanup() {
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

cluster_start "$work/cluster" "$NODES" "$BIN"
core=${CLUSTER_IPS[1]}
for i in $(seq "$NODES"); do
    root=${CLUSTER_ROOTS[i]}
    mkdir -p "$root/etc/kato/processes" "$root/var/lib/kato/data/bench"
    cat > "$root/etc/kato/processes/bench_data.yml" <<'YML'
name: bench_data
roles: [dea]
command: /bin/sleep 100000
data:
  - ${KATO_ROOT}/var/lib/kato/data/bench
YML
    head -c $(( SIZE_MB * 512 * 1024 )) /dev/urandom > "$root/var/lib/kato/data/bench/random.bin"
    head -c $(( SIZE_MB * 512 * 1024 )) /dev/zero > "$root/var/lib/kato/data/bench/zeros.bin"
done
cluster_kato 1 node setup core api.example.test >/dev/null
cluster_kato 1 role add -s dea >/dev/null
for i in $(seq 2 "$NODES"); do
    cluster_kato "$i" node attach -s -e dea "$core" > "$work/attach$i.log" 2>&1 ||
        { echo "ERROR: attach of node $i failed:" >&2; cat "$work/attach$i.log" >&2; exit 1; }
done

export PDSH_SSH_ARGS_APPEND="$(cluster_ssh_opts)"
: > "$work/kato.txt"
: > "$work/pdsh.txt"
for r in $(seq "$RUNS"); do
    rm -f "$work/export.tgz"
    t0=${EPOCHREALTIME//[!0-9]/}
    cluster_kato 1 data export --cluster "$work/export.tgz" > "$work/export$r.log" 2>&1 ||
        { echo "ERROR: export $r failed:" >&2; cat "$work/export$r.log" >&2; exit 1; }
    t1=${EPOCHREALTIME//[!0-9]/}
    echo "$(( t1 - t0 ))" >> "$work/kato.txt"
    files=$(tar tzf "$work/export.tgz" | grep -c 'data/bench/')
    [ "$files" -eq $(( NODES * 2 )) ] || { echo "ERROR: the export holds $files data files" >&2; exit 1; }

    # The same files of every node, gathered at once, one gzip stream per node.
    t0=${EPOCHREALTIME//[!0-9]/}
    pids=()
    for i in $(seq "$NODES"); do
        root=${CLUSTER_ROOTS[i]}
        # pdsh's own output path is line-based and corrupts a binary stream: its ssh
        # transport with the same options, one per node, all at once.
        ssh $(cluster_ssh_opts) "root@${CLUSTER_IPS[i]}" \
            "cd $root && tar czf - \$(ls -d var/lib/kato/node.json var/lib/kato/store var/log/kato/history.jsonl etc/kato var/lib/kato/data/bench 2>/dev/null)" \
            > "$work/pdsh$i.tgz" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || { echo "ERROR: ssh + tar failed" >&2; exit 1; }; done
    t1=${EPOCHREALTIME//[!0-9]/}
    echo "$(( t1 - t0 ))" >> "$work/pdsh.txt"
    for i in $(seq "$NODES"); do
        tar tzf "$work/pdsh$i.tgz" > /dev/null || { echo "ERROR: the tar stream of node $i is damaged" >&2; exit 1; }
    done
    rm -f "$work"/pdsh*.tgz
done
size=$(stat -c %s "$work/export.tgz")
rss=$(bench_peak_rss_mb 1 env $(cluster_env 1) "$BIN" data export --cluster "$work/rss.tgz")

kato_ms=$(awk '{print $1 / 1000}' "$work/kato.txt" | bench_median)
pdsh_ms=$(awk '{print $1 / 1000}' "$work/pdsh.txt" | bench_median)
echo "host: $(bench_load); $NODES nodes, $SIZE_MB MiB of data each, archive $(( size / 1024 / 1024 )) MiB, $RUNS runs, medians"
printf '%-48s %10s\n' "kato data export --cluster" "$kato_ms ms"
printf '%-48s %10s\n' "ssh … tar czf - (all nodes at once)" "$pdsh_ms ms"
printf '%-48s %10s\n' "peak RSS of kato data export --cluster" "$rss MB"
ratio=$(awk -v k="$kato_ms" -v p="$pdsh_ms" 'BEGIN {printf "%.2f", k / p}')
echo "ratio kato / (ssh + tar czf): ${ratio}x"
if [ "${STRICT:-0}" = 1 ]; then
    awk -v r="$ratio" -v m="$rss" 'BEGIN {exit !(r <= 1.5 && (m == "n/a" || m <= 50))}' ||
        { echo "goal missed: ${ratio}x, $rss MB" >&2; exit 1; }
fi
