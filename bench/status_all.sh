#!/usr/bin/env bash
# `kato status --all` across a 33-node cluster (a core and 32 attached nodes), against pdsh
# and Ansible ad-hoc running the same per-node status command on the 32 attached nodes, in
# the same run.
# Usage: bench/status_all.sh
#   RUNS=10            runs per tool (default 5)
#   NODES=16           attached nodes (default 32)
#   ANSIBLE_VENV=DIR   reuse a venv that has ansible-core (default: a fresh one in the temp dir)
#   NO_ANSIBLE=1       skip Ansible
#   STRICT=1           exit 1 when a goal is missed
# Needs root (sshd per loopback address). See bench/README.md for the goals.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RUNS="${RUNS:-5}"
NODES="${NODES:-32}"

cluster_need_pkgs /usr/sbin/sshd:openssh-server pdsh:pdsh hyperfine:hyperfine /usr/bin/time:time \
    supervisord:supervisor
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-status-all-XXXXXX)"
ansible_cp=""
cleanup() {
    # Ansible's ssh ControlPersist masters: ask each to exit through its control socket.
    if [ -n "$ansible_cp" ] && [ -d "$ansible_cp" ]; then
        for s in "$ansible_cp"/*; do
            [ -S "$s" ] && timeout 5 ssh -o ControlPath="$s" -O exit dummy >/dev/null 2>&1 || true
        done
    fi
    cluster_cleanup
    rm -rf "$work"
}
trap cleanup EXIT

cluster_start "$work/cluster" $(( NODES + 1 )) "$BIN"
core=${CLUSTER_IPS[1]}
cluster_kato 1 node setup core api.example.test >/dev/null
# Attach with -s (no processes needed), 8 at a time (wait on those pids only: the sshds
# are children of this shell too).
batch=()
for i in $(seq 2 $(( NODES + 1 ))); do
    cluster_kato "$i" node attach -s -e dea "$core" > "$work/attach$i.log" 2>&1 &
    batch+=($!)
    if [ "${#batch[@]}" -eq 8 ] || [ "$i" -eq $(( NODES + 1 )) ]; then
        for p in "${batch[@]}"; do wait "$p" || true; done
        batch=()
    fi
done
registered=$(cluster_kato 1 node list | wc -l)
[ "$registered" -eq $(( NODES + 1 )) ] || { echo "ERROR: $registered nodes registered" >&2; cat "$work"/attach*.log >&2; exit 1; }
others=("${CLUSTER_IPS[@]:2}")
wlist=$(IFS=,; echo "${others[*]}")

# The core's environment, for kato run directly (hyperfine --shell=none inherits it).
mapfile -t core_env < <(cluster_env 1)
export "${core_env[@]}"
unset SSH_AUTH_SOCK KATO_SKIP_CONFIRM

# The per-node work kato does for status (a NodeReport: the node's process states) is what
# `kato process list` prints; pdsh and Ansible run that on every attached node.
percmd="$BIN process list"
export PDSH_SSH_ARGS_APPEND="$(cluster_ssh_opts)"
pdsh_cmd="pdsh -R ssh -f 32 -l root -w $wlist '$percmd'"
out=$(eval "$pdsh_cmd" 2>&1) || { echo "ERROR: pdsh failed: $out" >&2; exit 1; }
answered=$(grep -c ': PROCESS' <<< "$out" || true)
[ "$answered" -eq "$NODES" ] || { echo "ERROR: pdsh: $answered of $NODES nodes answered: $out" >&2; exit 1; }
"$BIN" status --all --json | grep -q '"down_nodes": *\[\]' ||
    { echo "ERROR: kato status sees down nodes" >&2; "$BIN" status --all >&2; exit 1; }

names=("kato status --all" "pdsh (same per-node command)")
cmds=("$BIN status --all" "$pdsh_cmd")

ansible_note=""
if [ "${NO_ANSIBLE:-0}" != 1 ]; then
    venv="${ANSIBLE_VENV:-$work/venv}"
    if ! [ -x "$venv/bin/ansible" ]; then
        echo "installing ansible-core from PyPI into $venv..." >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q ansible-core >/dev/null
    fi
    inv="$work/inventory.ini"
    {
        echo "[nodes]"
        printf '%s\n' "${others[@]}"
        echo "[nodes:vars]"
        echo "ansible_user=root"
        echo "ansible_ssh_private_key_file=$CLUSTER_KEY"
        echo "ansible_ssh_common_args='-o UserKnownHostsFile=$CLUSTER_KNOWN_HOSTS -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'"
        echo "ansible_python_interpreter=/usr/bin/python3"
    } > "$inv"
    mkdir -p "$work/ansible-home" "$work/ansible-cp"
    ansible_cp="$work/ansible-cp"
    export ANSIBLE_HOME="$work/ansible-home" ANSIBLE_LOCAL_TEMP="$work/ansible-home/tmp" \
        ANSIBLE_REMOTE_TEMP="$work/ansible-remote-tmp" ANSIBLE_SSH_CONTROL_PATH_DIR="$ansible_cp" \
        ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_NOCOLOR=1 ANSIBLE_FORKS=32
    # The command module runs no shell: the binary's absolute path, not "$KATO_REMOTE_BIN".
    ansible_cmd="$venv/bin/ansible all -i $inv -f 32 -m command -a '$percmd'"
    out=$(eval "$ansible_cmd" 2>&1) || { echo "ERROR: ansible failed: $out" >&2; exit 1; }
    answered=$(grep -c 'CHANGED' <<< "$out" || true)
    [ "$answered" -eq "$NODES" ] || { echo "ERROR: ansible: $answered of $NODES answered: $out" >&2; exit 1; }
    names+=("ansible all -m command")
    cmds+=("$ansible_cmd")
    ansible_note="ansible-core $("$venv/bin/ansible" --version | sed -n '1s/.*core \([0-9.]*\).*/\1/p'), defaults (ssh ControlPersist 60s, warm after the check run, no pipelining)"
fi

hyperfine --shell=none --warmup 1 --runs "$RUNS" --style none \
    --export-json "$work/hyperfine.json" "${cmds[@]}" >/dev/null
mapfile -t medians < <(bench_hyperfine_field "$work/hyperfine.json" median 1)
mapfile -t mins < <(bench_hyperfine_field "$work/hyperfine.json" min 1)
mapfile -t maxs < <(bench_hyperfine_field "$work/hyperfine.json" max 1)

# Peak RSS of kato (largest of 5 runs).
rss=$(bench_peak_rss_mb 5 "$BIN" status --all)

echo "kato status --all benchmark: core + $NODES attached nodes (sshd each, 127.x.y.0/24), $RUNS runs each, hyperfine"
echo "machine: $(bench_load) (at the end of the run)"
echo "per-node command for pdsh/Ansible: '$percmd' on the $NODES attached nodes (kato also reports the core, in-process)"
[ -n "$ansible_note" ] && echo "ansible: $ansible_note"
printf '%-32s %12s %10s %10s %16s\n' "command" "median (ms)" "min" "max" "kato speed-up"
for i in "${!names[@]}"; do
    ratio=$(awk -v a="${medians[$i]}" -v b="${medians[0]}" 'BEGIN {printf "%.2f", a / b}')
    printf '%-32s %12s %10s %10s %15sx\n' "${names[$i]}" "${medians[$i]}" "${mins[$i]}" "${maxs[$i]}" "$ratio"
done
echo "kato peak RSS: $rss MB"
missed=0
awk -v k="${medians[0]}" -v p="${medians[1]}" 'BEGIN {exit !(k <= 1.2 * p)}' || missed=1
if [ "${#medians[@]}" -gt 2 ]; then
    awk -v k="${medians[0]}" -v a="${medians[2]}" 'BEGIN {exit !(a >= 5 * k)}' || missed=1
fi
awk -v s="$rss" 'BEGIN {exit !(s <= 30)}' || missed=1
if [ "$missed" -eq 0 ]; then
    echo "goals (<= 1.2x pdsh, >= 5x faster than Ansible, peak RSS <= 30 MB): met"
else
    echo "goals (<= 1.2x pdsh, >= 5x faster than Ansible, peak RSS <= 30 MB): MISSED"
    [ "${STRICT:-0}" = 1 ] && exit 1
fi
exit 0
