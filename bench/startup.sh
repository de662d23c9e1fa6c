#!/usr/bin/env bash
# Whole-process startup cost of kato's read-only commands, against /bin/true in the same run.
# Usage: bench/startup.sh
#   RUNS=500         more runs per command (default 200)
#   BENCH_TOOL=loop  time with a date +%s%N loop even when hyperfine is installed
#   STRICT=1         exit 1 when a goal is missed
# See bench/README.md for the goals.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RUNS="${RUNS:-200}"
WARMUP="${WARMUP:-20}"
RSS_RUNS="${RSS_RUNS:-20}"

cargo build --release --quiet
target_dir="$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
BIN="${target_dir:-target}/release/kato"
[ -x "$BIN" ] || { echo "ERROR: $BIN was not built" >&2; exit 1; }
TRUE_BIN="$(command -v true)"
[ "${TRUE_BIN#/}" != "$TRUE_BIN" ] || TRUE_BIN=/bin/true

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/etc"
echo benchhost > "$root/etc/hostname"
export KATO_ROOT="$root" KATO_NODE_IP=10.11.12.13 NO_COLOR=1
"$BIN" node setup core api.bench.test >/dev/null

names=("/bin/true" "kato info" "kato config get cluster")
cmds=("$TRUE_BIN" "$BIN info" "$BIN config get cluster")

# Median wall time in milliseconds, one line per command, in the order of "cmds".
medians=()
if [ "${BENCH_TOOL:-auto}" != loop ] && command -v hyperfine >/dev/null; then
    tool="hyperfine $(hyperfine --version | awk '{print $2}')"
    hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" --style none \
        --export-json "$work/hyperfine.json" "${cmds[@]}" >/dev/null
    # hyperfine writes one "median": <seconds> line per command, in command order.
    mapfile -t medians < <(bench_hyperfine_field "$work/hyperfine.json" median 3)
else
    # bash's $EPOCHREALTIME reads the clock without forking; date +%s%N costs an exec.
    if [ -n "${EPOCHREALTIME:-}" ]; then
        tool="a shell loop timed with \$EPOCHREALTIME (install hyperfine for better numbers)"
    else
        tool="a shell loop timed with date +%s%N, one date exec included in every sample"
    fi
    now_us() {
        if [ -n "${EPOCHREALTIME:-}" ]; then
            t=${EPOCHREALTIME//[!0-9]/}
        else
            t=$(( $(date +%s%N) / 1000 ))
        fi
    }
    for c in "${cmds[@]}"; do
        read -r -a argv <<< "$c"
        for _ in $(seq "$WARMUP"); do "${argv[@]}" >/dev/null; done
        for _ in $(seq "$RUNS"); do
            now_us; t0=$t
            "${argv[@]}" >/dev/null
            now_us; t1=$t
            echo $(( t1 - t0 ))
        done | bench_median | awk '{printf "%.3f\n", $1 / 1000}' >> "$work/loop.txt"
    done
    mapfile -t medians < "$work/loop.txt"
fi

# Peak RSS in MB: the largest maximum resident set size over RSS_RUNS runs.
rss=()
for c in "${cmds[@]}"; do
    read -r -a argv <<< "$c"
    rss+=("$(bench_peak_rss_mb "$RSS_RUNS" "${argv[@]}")")
done

echo "kato startup benchmark: $RUNS runs each, median wall time, via $tool"
echo "binary: $BIN ($(stat -c %s "$BIN") bytes); root: a configured core"
printf '%-26s %12s %14s %12s\n' "command" "median (ms)" "ratio vs true" "peak RSS MB"
missed=0
for i in "${!names[@]}"; do
    ratio=$(awk -v a="${medians[$i]}" -v b="${medians[0]}" 'BEGIN {printf "%.2f", a / b}')
    printf '%-26s %12s %13sx %12s\n' "${names[$i]}" "${medians[$i]}" "$ratio" "${rss[$i]}"
    if [ "$i" -gt 0 ]; then
        awk -v m="${medians[$i]}" -v r="$ratio" -v s="${rss[$i]}" \
            'BEGIN {exit !(m <= 3 && r <= 5 && (s == "n/a" || s <= 10))}' || missed=1
    fi
done
[ -x /usr/bin/time ] || echo "peak RSS needs GNU time (/usr/bin/time; Debian/Ubuntu package 'time')"
if [ "$missed" -eq 0 ]; then
    echo "goals (<= 3 ms, <= 5x /bin/true, <= 10 MB): met"
else
    echo "goals (<= 3 ms, <= 5x /bin/true, <= 10 MB): MISSED"
    [ "${STRICT:-0}" = 1 ] && exit 1
fi
exit 0
