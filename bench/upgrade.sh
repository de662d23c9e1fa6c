#!/usr/bin/env bash
# `kato node upgrade` of an N-node cluster (a core and N-1 attached nodes, each with its own
# kato binary) to a build that reports a newer version, against pdcp copying the same
# release bundle to the same nodes over SSH, in the same run. The nodes run one stand-in process each
# (one sleep each), so the readiness waits are short and the upgrade time is kato's own overhead (copy over
# the open SSH connection, checksum, swap, re-sync, version check), reported per node.
# Usage: bench/upgrade.sh
#   NODES=8      nodes, the core included (default 8)
#   RUNS=3       upgrades (each to a new version) and pdcp runs (default 3)
#   STRICT=1     exit 1 when the goal (<= 1 s of overhead per node) is missed
# Needs root (sshd per loopback address). See bench/README.md for the goal.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
NODES="${NODES:-8}"
RUNS="${RUNS:-3}"

cluster_need_pkgs /usr/sbin/sshd:openssh-server pdcp:pdsh python3:python3
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-upgrade-XXXXXX)"
cleanup() {
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

CLUSTER_OWN_BIN=1 cluster_start "$work/cluster" "$NODES" "$BIN"
core=${CLUSTER_IPS[1]}
# Stand-in processes (one sleep per role) on every node: the upgrade waits until they run.
stand_ins() {
    local i=$1 role; shift
    mkdir -p "${CLUSTER_ROOTS[i]}/etc/kato/processes"
    for role in "$@"; do
        printf 'name: %s_stand_in\nroles: [%s]\ncommand: /bin/sleep 100000\n' "$role" "$role" \
            > "${CLUSTER_ROOTS[i]}/etc/kato/processes/${role}_stand_in.yml"
    done
}
stand_ins 1 primary controller router
cluster_kato 1 node setup core api.example.test >/dev/null
mapfile -t core_roles < <(cluster_kato 1 info --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("\n".join(r for n in d["node"].values() for r in n["roles"]))')
stand_ins 1 "${core_roles[@]}"
cluster_kato 1 start >/dev/null
for i in $(seq 2 "$NODES"); do
    stand_ins "$i" dea
    cluster_kato "$i" node attach -e dea "$core" > "$work/attach$i.log" 2>&1 ||
        { echo "ERROR: attach of node $i failed:" >&2; cat "$work/attach$i.log" >&2; exit 1; }
done

# A copy of the release binary that reports VERSION (its version slot rewritten), bundled.
make_bundle() {
    local version=$1 dir="$work/build-$1"
    mkdir -p "$dir"
    python3 - "$BIN" "$dir/kato" "$version" <<'PY'
import sys
src, dst, version = sys.argv[1], sys.argv[2], sys.argv[3].encode()
data = bytearray(open(src, 'rb').read())
marker = b'KATO-VERSION:'
at = next(i for i in range(len(data)) if data.startswith(marker, i) and chr(data[i + len(marker)]).isdigit())
at += len(marker)
end = data.index(0, at)
assert len(version) <= end - at, 'version too long for the slot'
data[at:end] = bytes(end - at)
data[at:at + len(version)] = version
open(dst, 'wb').write(data)
PY
    chmod 0755 "$dir/kato"
    scripts/dist.sh --binary "$dir/kato" --out "$dir" | tail -n 1
}

: > "$work/kato.txt"
: > "$work/pdcp.txt"
hosts=$(IFS=,; echo "${CLUSTER_IPS[*]:1}")
export PDSH_SSH_ARGS_APPEND="$(cluster_ssh_opts)"
for r in $(seq "$RUNS"); do
    bundle=$(make_bundle "9.$r.0")
    size=$(stat -c %s "$bundle")
    t0=${EPOCHREALTIME//[!0-9]/}
    cluster_kato 1 node upgrade --offline "$bundle" --skip-confirmation > "$work/upgrade$r.log" 2>&1 ||
        { echo "ERROR: upgrade $r failed:" >&2; cat "$work/upgrade$r.log" >&2; exit 1; }
    t1=${EPOCHREALTIME//[!0-9]/}
    done_nodes=$(cluster_kato 1 node upgrade --status | grep -c ' done ' || true)
    [ "$done_nodes" -eq "$NODES" ] || { echo "ERROR: $done_nodes of $NODES nodes done after upgrade $r" >&2; exit 1; }
    echo "$(( t1 - t0 ))" >> "$work/kato.txt"

    # pdcp: the same bundle to every node, each into its own root (one pdcp per node, all
    # at once, since the nodes share this machine's file system).
    t0=${EPOCHREALTIME//[!0-9]/}
    pids=()
    for i in $(seq "$NODES"); do
        pdcp -R ssh -l root -w "${CLUSTER_IPS[i]}" "$bundle" "${CLUSTER_ROOTS[i]}/bundle.tar.gz" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || { echo "ERROR: pdcp failed" >&2; exit 1; }; done
    t1=${EPOCHREALTIME//[!0-9]/}
    for i in $(seq "$NODES"); do
        [ "$(stat -c %s "${CLUSTER_ROOTS[i]}/bundle.tar.gz")" -eq "$size" ] || { echo "ERROR: pdcp copy short" >&2; exit 1; }
        rm -f "${CLUSTER_ROOTS[i]}/bundle.tar.gz"
    done
    echo "$(( t1 - t0 ))" >> "$work/pdcp.txt"
done

kato_ms=$(awk '{print $1 / 1000}' "$work/kato.txt" | bench_median)
pdcp_ms=$(awk '{print $1 / 1000}' "$work/pdcp.txt" | bench_median)
per_node=$(awk -v t="$kato_ms" -v n="$NODES" 'BEGIN {printf "%.0f", t / n}')
echo "host: $(bench_load); $NODES nodes, bundle $(( size / 1024 / 1024 )) MiB, $RUNS runs, medians"
printf '%-44s %10s\n' "kato node upgrade (node by node)" "$kato_ms ms"
printf '%-44s %10s\n' "  per node" "$per_node ms"
printf '%-44s %10s\n' "pdcp of the bundle (all nodes at once)" "$pdcp_ms ms"
awk -v k="$kato_ms" -v p="$pdcp_ms" 'BEGIN {printf "ratio kato / pdcp: %.2fx\n", k / p}'
if [ "${STRICT:-0}" = 1 ] && [ "$per_node" -gt 1000 ]; then
    echo "goal missed: $per_node ms per node > 1000 ms" >&2
    exit 1
fi
