#!/usr/bin/env bash
# A log drain on one node writing RATE lines/s across 8 process logs, against rsyslog
# forwarding the same files to its own receiver with a plain configuration (imfile → omfwd
# tcp, the same line format), both running at the same time in the same run. Reports for
# each: lines delivered, how long after the writers stopped the last line arrived, CPU
# seconds, CPU per 100k lines/s (in cores), peak RSS; and the ratio kato/plain.
# Usage: bench/log_drain.sh
#   RATE=200000   lines per second in all (default 200000)
#   SECONDS_=5    seconds of writing (default 5)
#   KATO_BIN=...  use this kato binary (default: cargo build --release)
# kato's part of the drain is rsyslogd itself (kato renders its configuration and exits),
# so its RSS is rsyslogd's. Needs rsyslog, supervisor and python3. See bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
RATE="${RATE:-200000}"
DURATION="${SECONDS_:-5}"
PROCS=8

cluster_need_pkgs /usr/sbin/rsyslogd:rsyslog supervisord:supervisor python3:python3
if [ -n "${KATO_BIN:-}" ]; then BIN="$KATO_BIN"; else bench_build_kato; fi

work="$(mktemp -d /tmp/kato-bench-drain-XXXXXX)"
root="$work/root"
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    if [ -f "$root/run/kato/supervisord.pid" ]; then kill "$(cat "$root/run/kato/supervisord.pid")" 2>/dev/null || true; fi
    sleep 1
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$root/etc/kato/processes" "$root/var/log/kato"
for i in $(seq 1 $PROCS); do
    printf 'name: bench%s\nroles: [base]\ncommand: /bin/sleep 100000\n' "$i" > "$root/etc/kato/processes/bench$i.yml"
    : > "$root/var/log/kato/bench$i.log"
done
k() { KATO_ROOT="$root" KATO_NODE_IP=127.0.0.1 "$BIN" "$@"; }
k node setup micro >/dev/null 2>&1 || { echo "ERROR: kato node setup micro failed" >&2; exit 1; }

# Receivers: count lines, write the count and the time of the last line to a file.
cat > "$work/recv.py" <<'PY'
import socket, sys, threading, time
port, out = int(sys.argv[1]), sys.argv[2]
state = {"n": 0, "last": 0.0}
lock = threading.Lock()
def serve(c):
    while True:
        b = c.recv(1 << 20)
        if not b:
            return
        with lock:
            state["n"] += b.count(b"\n")
            state["last"] = time.time()
def report():
    while True:
        time.sleep(0.2)
        with lock:
            open(out + ".tmp", "w").write("%d %.3f\n" % (state["n"], state["last"]))
        import os; os.replace(out + ".tmp", out)
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(16)
threading.Thread(target=report, daemon=True).start()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
p_kato=$(free_port); p_plain=$(free_port)
python3 "$work/recv.py" "$p_kato" "$work/kato.count" & pids+=($!)
python3 "$work/recv.py" "$p_plain" "$work/plain.count" & pids+=($!)

# The plain rsyslog: the same files, the same line format, to its own receiver.
mkdir -p "$work/plain"
{
    echo "global(workDirectory=\"$work/plain\" maxMessageSize=\"64k\")"
    echo 'module(load="imfile")'
    echo 'template(name="t" type="string" string="%programname%@127.0.0.1: %msg%\n")'
    for i in $(seq 1 $PROCS); do
        echo "input(type=\"imfile\" file=\"$root/var/log/kato/bench$i.log\" tag=\"bench$i:\" freshStartTail=\"on\")"
    done
    echo "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"$p_plain\" protocol=\"tcp\" template=\"t\")"
} > "$work/plain/rsyslog.conf"
/usr/sbin/rsyslogd -n -f "$work/plain/rsyslog.conf" -i "$work/plain/pid" >"$work/plain/out.log" 2>&1 & pids+=($!)
plain_pid=$!

k log drain add bench "tcp://127.0.0.1:$p_kato" >/dev/null
kato_pid=$(cat "$root/var/lib/kato/rsyslog/rsyslogd.pid")
sleep 2

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
c0_kato=$(cpu "$kato_pid"); c0_plain=$(cpu "$plain_pid")

# Writers: one per file, RATE/8 lines/s each, in 20 slices a second.
cat > "$work/write.py" <<'PY'
import sys, time
path, rate, secs, tag = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
slice_ = max(1, rate // 20)
line = "x" * 60
n, t0 = 0, time.time()
with open(path, "a", buffering=1 << 20) as f:
    while time.time() - t0 < secs:
        f.write("".join("%s %d %s\n" % (tag, n + i, line) for i in range(slice_)))
        f.flush()
        n += slice_
        ahead = t0 + n / rate - time.time()
        if ahead > 0:
            time.sleep(ahead)
print(n)
PY
start=$(date +%s.%N)
wpids=()
for i in $(seq 1 $PROCS); do
    python3 "$work/write.py" "$root/var/log/kato/bench$i.log" $(( RATE / PROCS )) "$DURATION" "w$i" > "$work/w$i.n" &
    wpids+=($!)
done
for p in "${wpids[@]}"; do wait "$p"; done
end=$(date +%s.%N)
total=0
for i in $(seq 1 $PROCS); do total=$(( total + $(cat "$work/w$i.n") )); done
written_rate=$(awk -v t="$total" -v s="$start" -v e="$end" 'BEGIN {printf "%d", t / (e - s)}')

# Wait (up to 120 s) until both receivers have every line, or stop growing.
deadline=$(( $(date +%s) + 120 ))
count() { cut -d' ' -f1 "$work/$1.count" 2>/dev/null || echo 0; }
while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(count kato)" -ge "$total" ] && [ "$(count plain)" -ge "$total" ]; then break; fi
    sleep 0.5
done
c1_kato=$(cpu "$kato_pid"); c1_plain=$(cpu "$plain_pid")
rss() { awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

report() { # name counter cpu0 cpu1 pid
    local n last lag cpu per
    read -r n last < "$work/$2.count"
    lag=$(awk -v l="$last" -v e="$end" 'BEGIN {printf "%.2f", (l > e) ? l - e : 0}')
    cpu=$(awk -v a="$3" -v b="$4" -v t="$tick" 'BEGIN {printf "%.2f", (b - a) / t}')
    per=$(awk -v c="$cpu" -v r="$written_rate" -v d="$DURATION" 'BEGIN {printf "%.2f", c / d / (r / 100000)}')
    printf '%-16s %10s %10s %8s %8s %14s %8s\n' "$1" "$total" "$n" "$lag" "$cpu" "$per" "$(rss "$5")"
    awk -v n="$n" -v l="$last" -v s="$start" 'BEGIN {printf "%d", n / (l - s)}' > "$work/$2.rate"
}
echo "written: $total lines in ${DURATION}s by $PROCS writers ($written_rate lines/s)"
printf '%-16s %10s %10s %8s %8s %14s %8s\n' "" written delivered "lag s" "cpu s" "cores/100k l/s" "RSS MB"
report "rsyslog plain" plain "$c0_plain" "$c1_plain" "$plain_pid"
report "kato drain" kato "$c0_kato" "$c1_kato" "$kato_pid"
echo "delivered per second (first write to last line received): plain $(cat "$work/plain.rate"), kato $(cat "$work/kato.rate")"
awk -v a="$(cat "$work/kato.rate")" -v b="$(cat "$work/plain.rate")" 'BEGIN {printf "ratio kato/plain, lines delivered per second: %.2fx\n", (b > 0) ? a / b : 0}'
