#!/usr/bin/env bash
# `kato status --all` on a cluster that is reachable only through a bastion (a jump host),
# against pdsh running the same per-node status command through the same bastion with
# OpenSSH's ProxyJump, in the same run. Both read one OpenSSH configuration file: each node
# address maps to a host name that only the bastion can resolve (its own /etc/hosts), and
# goes through `ProxyJump root@BASTION`.
# Usage: bench/status_bastion.sh
#   RUNS=10     runs per tool (default 5)
#   NODES=8     attached nodes (default 16)
#   STRICT=1    exit 1 when the goal (kato <= 1.3x pdsh) is missed
# Needs root (sshd per loopback address).
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RUNS="${RUNS:-5}"
NODES="${NODES:-16}"

cluster_need_pkgs /usr/sbin/sshd:openssh-server pdsh:pdsh hyperfine:hyperfine supervisord:supervisor
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-status-bastion-XXXXXX)"
cleanup() {
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

total=$(( NODES + 2 ))          # the core, NODES attached nodes, the bastion
cluster_start "$work/cluster" "$total" "$BIN"
core=${CLUSTER_IPS[1]}
bastion=${CLUSTER_IPS[total]}
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

# The configuration: node addresses -> names only the bastion resolves, through the bastion.
names_kh="$work/names_known_hosts"
cfg="$work/ssh_config"
: > "$names_kh"
{
    echo "# kato benchmark: every node behind the bastion $bastion"
    for i in $(seq 1 $(( NODES + 1 ))); do
        read -r kind b64 _ < "$work/cluster/sshd/node$i/ssh_host_ed25519_key.pub"
        echo "node$i $kind $b64" >> "$names_kh"
        printf 'Host %s\n  HostName node%s\n  ProxyJump root@%s\n' "${CLUSTER_IPS[i]}" "$i" "$bastion"
    done
    printf 'Host *\n  User root\n  IdentityFile %s\n  IdentitiesOnly yes\n' "$CLUSTER_KEY"
    printf '  UserKnownHostsFile %s %s\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 5\n' \
        "$CLUSTER_KNOWN_HOSTS" "$names_kh"
} > "$cfg"
if getent hosts node2 >/dev/null; then
    echo "ERROR: node2 resolves on this machine: the nodes would not be behind the bastion" >&2
    exit 1
fi

mapfile -t core_env < <(cluster_env 1)
export "${core_env[@]}"
export KATO_SSH_CONFIG="$cfg"
unset SSH_AUTH_SOCK KATO_SKIP_CONFIRM

others=("${CLUSTER_IPS[@]:2:$NODES}")
wlist=$(IFS=,; echo "${others[*]}")
percmd="$BIN process list"
export PDSH_SSH_ARGS_APPEND="-F $cfg"
pdsh_cmd="pdsh -R ssh -f 32 -l root -w $wlist '$percmd'"
out=$(eval "$pdsh_cmd" 2>&1) || { echo "ERROR: pdsh failed: $out" >&2; exit 1; }
answered=$(grep -c ': PROCESS' <<< "$out" || true)
[ "$answered" -eq "$NODES" ] || { echo "ERROR: pdsh: $answered of $NODES nodes answered: $out" >&2; exit 1; }
"$BIN" status --all --json | grep -q '"down_nodes": *\[\]' ||
    { echo "ERROR: kato status sees down nodes" >&2; "$BIN" status --all >&2; exit 1; }
# kato went through the bastion (its -v notes say so; the names resolve nowhere else).
notes=$("$BIN" status --all -v 2>&1 >/dev/null || true)
grep -q "via ProxyJump root@$bastion" <<< "$notes" ||
    { echo "ERROR: kato did not go through the bastion: $notes" >&2; exit 1; }

names=("kato status --all (bastion)" "pdsh -R ssh, ProxyJump")
cmds=("$BIN status --all" "$pdsh_cmd")
hyperfine --shell=none --warmup 1 --runs "$RUNS" --style none \
    --export-json "$work/hyperfine.json" "${cmds[@]}" >/dev/null
mapfile -t medians < <(bench_hyperfine_field "$work/hyperfine.json" median 1)
mapfile -t mins < <(bench_hyperfine_field "$work/hyperfine.json" min 1)
mapfile -t maxs < <(bench_hyperfine_field "$work/hyperfine.json" max 1)

echo "kato status --all through a bastion: core + $NODES attached nodes + 1 bastion (sshd each, 127.x.y.0/24), $RUNS runs each, hyperfine"
echo "machine: $(bench_load) (at the end of the run)"
echo "pdsh runs '$percmd' on the $NODES attached nodes, ssh -F with the same configuration (ProxyJump per node)"
printf '%-30s %12s %10s %10s %14s\n' "command" "median (ms)" "min" "max" "ratio to kato"
for i in "${!names[@]}"; do
    ratio=$(awk -v a="${medians[$i]}" -v b="${medians[0]}" 'BEGIN {printf "%.2f", a / b}')
    printf '%-30s %12s %10s %10s %13sx\n' "${names[$i]}" "${medians[$i]}" "${mins[$i]}" "${maxs[$i]}" "$ratio"
done
kp=$(awk -v k="${medians[0]}" -v p="${medians[1]}" 'BEGIN {printf "%.2f", k / p}')
echo "kato / pdsh: ${kp}x"
if awk -v k="${medians[0]}" -v p="${medians[1]}" 'BEGIN {exit !(k <= 1.3 * p)}'; then
    echo "goal (kato <= 1.3x pdsh through the same bastion): met"
else
    echo "goal (kato <= 1.3x pdsh through the same bastion): MISSED"
    [ "${STRICT:-0}" = 1 ] && exit 1
fi
exit 0
