#!/usr/bin/env bash
# `kato status` on a node running 30 processes, against `supervisorctl status` on the same
# node in the same run (both ask the same supervisord over its unix socket).
# Usage: bench/status.sh
#   RUNS=200         runs per command (default 100)
#   BENCH_TOOL=loop  time with a shell loop even when hyperfine is installed
#   STRICT=1         exit 1 when a goal is missed
# See bench/README.md for the goals.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RUNS="${RUNS:-100}"
WARMUP="${WARMUP:-10}"
NPROC=30

if [ "$(id -u)" -eq 0 ]; then
    cluster_need_pkgs supervisord:supervisor supervisorctl:supervisor /usr/bin/time:time hyperfine:hyperfine
fi
command -v supervisord >/dev/null || { echo "ERROR: supervisord missing (apt-get install supervisor)" >&2; exit 1; }
bench_build_kato

work="$(mktemp -d /tmp/kato-bench-status-XXXXXX)"
root="$work/root"
cleanup() {
    bench_stop_supervisord "$root/run/kato/supervisord.pid"
    rm -rf "$work"
}
trap cleanup EXIT

# A micro cloud (KATO_NODE_IP unset: the node is 127.0.0.1) with 30 sleepers spread over
# six of its roles; no listen_port, so "ready" means RUNNING.
mkdir -p "$root/etc/kato/processes"
echo benchhost > "$root/etc/hostname"
export KATO_ROOT="$root" NO_COLOR=1
unset KATO_NODE_IP
roles=(primary controller router dea filesystem mysql)
for i in $(seq -w 1 "$NPROC"); do
    role=${roles[$(( (10#$i - 1) % ${#roles[@]} ))]}
    printf 'name: sleeper%s\nroles: [%s]\ncommand: /bin/sleep 100000\n' "$i" "$role" \
        > "$root/etc/kato/processes/sleeper$i.yml"
done
"$BIN" start >/dev/null
sock="unix://$root/run/kato/supervisord.sock"
running=$(supervisorctl -s "$sock" status | grep -c RUNNING || true)
[ "$running" -eq "$NPROC" ] || { echo "ERROR: $running of $NPROC processes RUNNING" >&2; exit 1; }
# kato status must see them too (30 processes, no issues).
"$BIN" status --json | grep -q '"process_issues": *\[\]' ||
    { echo "ERROR: kato status reports issues:" >&2; "$BIN" status >&2; exit 1; }
SUPERVISORCTL="$(command -v supervisorctl)"

names=("kato status" "supervisorctl status")
cmds=("$BIN status" "$SUPERVISORCTL -s $sock status")

medians=()
if [ "${BENCH_TOOL:-auto}" != loop ] && command -v hyperfine >/dev/null; then
    tool="hyperfine $(hyperfine --version | awk '{print $2}')"
    # supervisorctl exits 3 when a process is not RUNNING; all are, but don't hide it.
    hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" --style none \
        --export-json "$work/hyperfine.json" "${cmds[@]}" >/dev/null
    mapfile -t medians < <(bench_hyperfine_field "$work/hyperfine.json" median 3)
else
    tool="a shell loop timed with \$EPOCHREALTIME"
    for c in "${cmds[@]}"; do
        read -r -a argv <<< "$c"
        for _ in $(seq "$WARMUP"); do "${argv[@]}" >/dev/null; done
        for _ in $(seq "$RUNS"); do
            t0=${EPOCHREALTIME//[!0-9]/}
            "${argv[@]}" >/dev/null
            t1=${EPOCHREALTIME//[!0-9]/}
            echo $(( t1 - t0 ))
        done | bench_median | awk '{printf "%.3f\n", $1 / 1000}' >> "$work/loop.txt"
    done
    mapfile -t medians < "$work/loop.txt"
fi

rss=()
for c in "${cmds[@]}"; do
    read -r -a argv <<< "$c"
    rss+=("$(bench_peak_rss_mb 10 "${argv[@]}")")
done

echo "kato status benchmark: $NPROC processes RUNNING under one supervisord, $RUNS runs each, via $tool"
echo "machine: $(bench_load)"
printf '%-24s %12s %18s %12s\n' "command" "median (ms)" "ratio vs kato" "peak RSS MB"
for i in "${!names[@]}"; do
    ratio=$(awk -v a="${medians[$i]}" -v b="${medians[0]}" 'BEGIN {printf "%.2f", a / b}')
    printf '%-24s %12s %17sx %12s\n' "${names[$i]}" "${medians[$i]}" "$ratio" "${rss[$i]}"
done
if awk -v k="${medians[0]}" -v s="${medians[1]}" 'BEGIN {exit !(k <= 20 && k < s)}'; then
    echo "goals (kato status <= 20 ms, faster than supervisorctl status): met"
else
    echo "goals (kato status <= 20 ms, faster than supervisorctl status): MISSED"
    [ "${STRICT:-0}" = 1 ] && exit 1
fi
exit 0
