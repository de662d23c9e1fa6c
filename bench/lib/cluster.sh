# shellcheck shell=bash
# A fake cluster for the benchmarks: one OpenSSH sshd per node on its own loopback address
# (127.a.b.N:22, a private /24), each in its own UTS and mount namespace (own hostname and
# /etc/hosts), with ONE SetEnv line giving remote commands the node's KATO_ROOT,
# KATO_NODE_IP, KATO_REMOTE_BIN and the SSH settings to reach the other nodes. The same approach
# as tests/harness/cluster.rs.
#
# Source it, then:
#   cluster_start DIR N BIN   start N nodes; DIR must be an empty directory without spaces
#   cluster_kato I ARGS...    run kato as node I (1-based) with that node's environment
#   cluster_cleanup           stop every sshd (by its child pid) and every daemon that left a
#                             *.pid file under DIR (supervisord); nothing is killed by name
# With CLUSTER_OWN_BIN=1 every node gets its own copy of BIN ($DIR/bin/nodeI/kato), as
# real VMs do (needed by `kato node upgrade`, which replaces the running binary).
# After cluster_start: CLUSTER_IPS[i], CLUSTER_ROOTS[i], CLUSTER_BINS[i] (i = 1..N), CLUSTER_KEY (client
# private key, authorized for root everywhere), CLUSTER_KNOWN_HOSTS, CLUSTER_SUBNET.
# Needs root, /usr/sbin/sshd, unshare, ssh-keygen.

CLUSTER_DIR=""
CLUSTER_BIN=""
CLUSTER_KEY=""
CLUSTER_KNOWN_HOSTS=""
CLUSTER_SUBNET=""
CLUSTER_IPS=()
CLUSTER_ROOTS=()
CLUSTER_BINS=()
CLUSTER_PIDS=()

# Install missing Debian packages (only as root, only when a command is missing).
# Usage: cluster_need_pkgs CMD:PKG ...
cluster_need_pkgs() {
    local missing=() pair cmd pkg
    for pair in "$@"; do
        cmd=${pair%%:*} pkg=${pair#*:}
        if ! command -v "$cmd" >/dev/null 2>&1 && ! [ -x "$cmd" ]; then missing+=("$pkg"); fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "ERROR: missing packages: ${missing[*]} (install them, or run as root)" >&2
        return 1
    fi
    echo "installing ${missing[*]}..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Whether something accepts TCP connections on $1:22 (bounded to 0.3 s).
_cluster_listening() {
    timeout 0.3 bash -c ": </dev/tcp/$1/22" 2>/dev/null
}

# A /24 inside 127.0.0.0/8 (never 127.0.x.x) whose .1:22 does not answer.
_cluster_pick_subnet() {
    local a b _
    for _ in $(seq 64); do
        a=$(( 1 + RANDOM % 254 )) b=$(( RANDOM % 256 ))
        if ! _cluster_listening "127.$a.$b.1"; then
            CLUSTER_SUBNET="127.$a.$b"
            return 0
        fi
    done
    echo "ERROR: no free 127.x.y.0/24 found" >&2
    return 1
}

_cluster_keygen() {
    ssh-keygen -q -t ed25519 -N '' -C kato-bench -f "$1" </dev/null
}

cluster_start() {
    local dir=$1 n=$2 bin=$3 i ip name root sd env hosts
    case "$dir$bin" in *[[:space:]]*) echo "ERROR: paths with spaces: $dir $bin" >&2; return 1 ;; esac
    [ "$(id -u)" -eq 0 ] || { echo "ERROR: the cluster harness needs root" >&2; return 1; }
    [ -x /usr/sbin/sshd ] || { echo "ERROR: /usr/sbin/sshd missing (openssh-server)" >&2; return 1; }
    (( n >= 1 && n <= 250 )) || { echo "ERROR: 1..250 nodes" >&2; return 1; }
    mkdir -p /run/sshd
    CLUSTER_DIR=$dir CLUSTER_BIN=$bin
    _cluster_pick_subnet
    mkdir -p "$dir/client"
    CLUSTER_KEY="$dir/client/id_ed25519"
    CLUSTER_KNOWN_HOSTS="$dir/client/known_hosts"
    _cluster_keygen "$CLUSTER_KEY"
    cp "$CLUSTER_KEY.pub" "$dir/client/authorized_keys"
    : > "$CLUSTER_KNOWN_HOSTS"
    hosts=$'127.0.0.1\tlocalhost\n'
    for i in $(seq "$n"); do hosts+="$CLUSTER_SUBNET.$i"$'\t'"node$i"$'\n'; done
    for i in $(seq "$n"); do
        ip="$CLUSTER_SUBNET.$i" name="node$i" root="$dir/node$i" sd="$dir/sshd/node$i"
        CLUSTER_IPS[i]=$ip CLUSTER_ROOTS[i]=$root CLUSTER_BINS[i]=$bin
        if [ "${CLUSTER_OWN_BIN:-0}" = 1 ]; then
            CLUSTER_BINS[i]="$dir/bin/node$i/kato"
            mkdir -p "$dir/bin/node$i"
            cp "$bin" "${CLUSTER_BINS[i]}"
        fi
        mkdir -p "$root/etc" "$sd"
        printf '%s' "$hosts" > "$root/etc/hosts"
        echo "$name.example.test" > "$root/etc/hostname"
        _cluster_keygen "$sd/ssh_host_ed25519_key"
        read -r kind b64 _ < "$sd/ssh_host_ed25519_key.pub"
        echo "$ip $kind $b64" >> "$CLUSTER_KNOWN_HOSTS"
        env="KATO_ROOT=$root KATO_NODE_IP=$ip KATO_REMOTE_BIN=${CLUSTER_BINS[i]} KATO_SSH_USER=root"
        env+=" KATO_SSH_IDENTITY=$CLUSTER_KEY KATO_KNOWN_HOSTS=$CLUSTER_KNOWN_HOSTS KATO_SSH_CONNECT_TIMEOUT=3"
        cat > "$sd/sshd_config" <<CFG
ListenAddress $ip:22
HostKey $sd/ssh_host_ed25519_key
PidFile none
AuthorizedKeysFile $dir/client/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 100:30:200
SetEnv $env
CFG
    done
    for i in $(seq "$n"); do
        sd="$dir/sshd/node$i"
        # No --fork: unshare and sh exec in place, so $! is sshd's pid.
        unshare --uts --mount sh -c \
            'mount --bind "$1/etc/hosts" /etc/hosts && hostname "$2" && exec /usr/sbin/sshd -D -e -f "$3"' \
            sh "${CLUSTER_ROOTS[i]}" "node$i" "$sd/sshd_config" \
            </dev/null >/dev/null 2>>"$sd/sshd.log" &
        CLUSTER_PIDS[i]=$!
    done
    for i in $(seq "$n"); do
        local deadline=$(( SECONDS + 5 ))
        until _cluster_listening "${CLUSTER_IPS[i]}"; do
            if ! kill -0 "${CLUSTER_PIDS[i]}" 2>/dev/null || (( SECONDS > deadline )); then
                echo "ERROR: sshd for node$i (${CLUSTER_IPS[i]}) did not start; log:" >&2
                cat "$dir/sshd/node$i/sshd.log" >&2
                return 1
            fi
            sleep 0.02
        done
    done
}

# The environment node I runs kato with (as `env` arguments).
cluster_env() {
    local i=$1
    printf '%s\n' "KATO_ROOT=${CLUSTER_ROOTS[i]}" "KATO_NODE_IP=${CLUSTER_IPS[i]}" "KATO_REMOTE_BIN=${CLUSTER_BINS[i]}" \
        KATO_SSH_USER=root "KATO_SSH_IDENTITY=$CLUSTER_KEY" "KATO_KNOWN_HOSTS=$CLUSTER_KNOWN_HOSTS" \
        KATO_SSH_CONNECT_TIMEOUT=3 NO_COLOR=1
}

cluster_kato() {
    local i=$1; shift
    local envs
    mapfile -t envs < <(cluster_env "$i")
    env -u SSH_AUTH_SOCK -u KATO_SKIP_CONFIRM "${envs[@]}" "${CLUSTER_BINS[i]}" "$@" </dev/null
}

# The ssh options that reach every node as root with the cluster's key (for pdsh, ansible).
cluster_ssh_opts() {
    echo "-o BatchMode=yes -o IdentitiesOnly=yes -i $CLUSTER_KEY -o UserKnownHostsFile=$CLUSTER_KNOWN_HOSTS -o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null"
}

# Whether pid $1 is alive (a zombie waiting for init to reap it counts as gone).
_cluster_alive() {
    local st
    st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    case "$st" in Z*) return 1 ;; esac
    return 0
}

# SIGTERM every pid given, wait up to $STOP_WAIT seconds (default 40) for all, then SIGKILL.
cluster_stop_pids() {
    local pid live deadline=$(( SECONDS + ${STOP_WAIT:-40} ))
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    while :; do
        live=()
        for pid in "$@"; do _cluster_alive "$pid" && live+=("$pid"); done
        [ "${#live[@]}" -eq 0 ] && return 0
        (( SECONDS > deadline )) && break
        sleep 0.05
    done
    for pid in "${live[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}

# Stop the supervisord whose pidfile is $1: its programs first over its socket (supervisord
# itself stops them one a second on SIGTERM), then supervisord by its pid.
bench_stop_supervisord() {
    local pidfile=$1 sock pid
    [ -f "$pidfile" ] || return 0
    sock="$(dirname "$pidfile")/supervisord.sock"
    pid=$(tr -dc 0-9 < "$pidfile" 2>/dev/null || true)
    if [ -S "$sock" ] && command -v supervisorctl >/dev/null; then
        timeout 30 supervisorctl -s "unix://$sock" stop all >/dev/null 2>&1 || true
    fi
    if [ -n "$pid" ] && [ "$pid" -gt 1 ] && [ "$pid" != $$ ]; then cluster_stop_pids "$pid"; fi
}

cluster_cleanup() {
    local pid f pids=() stoppers=()
    if [ "${#CLUSTER_PIDS[@]}" -gt 0 ]; then
        cluster_stop_pids "${CLUSTER_PIDS[@]}"
        for pid in "${CLUSTER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    fi
    CLUSTER_PIDS=()
    [ -n "$CLUSTER_DIR" ] && [ -d "$CLUSTER_DIR" ] || return 0
    # supervisord: stop the programs of every node at once, then every supervisord at once.
    while IFS= read -r -d '' f; do
        case "$f" in
            */supervisord.pid)
                if [ -S "${f%.pid}.sock" ] && command -v supervisorctl >/dev/null; then
                    timeout 30 supervisorctl -s "unix://${f%.pid}.sock" stop all >/dev/null 2>&1 &
                    stoppers+=($!)
                fi ;;
        esac
    done < <(find "$CLUSTER_DIR" -name '*.pid' -type f -print0 2>/dev/null)
    for pid in "${stoppers[@]}"; do wait "$pid" 2>/dev/null || true; done
    while IFS= read -r -d '' f; do
        pid=$(tr -dc 0-9 < "$f" 2>/dev/null || true)
        if [ -n "$pid" ] && [ "$pid" -gt 1 ] && [ "$pid" != $$ ]; then pids+=("$pid"); fi
    done < <(find "$CLUSTER_DIR" -name '*.pid' -type f -print0 2>/dev/null)
    if [ "${#pids[@]}" -gt 0 ]; then cluster_stop_pids "${pids[@]}"; fi
}

# Build the release binary (works from a fresh clone) and set BIN to its path, or take
# BENCH_BIN as it is.
bench_build_kato() {
    local top target_dir
    # BENCH_BIN: a release binary built already (e.g. by CI), used as it is.
    if [ -n "${BENCH_BIN:-}" ]; then
        BIN=$BENCH_BIN
        [ -x "$BIN" ] || { echo "ERROR: BENCH_BIN=$BIN is not an executable" >&2; return 1; }
        return 0
    fi
    top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    (cd "$top" && cargo build --release --quiet)
    target_dir="$(cd "$top" && cargo metadata --format-version 1 --no-deps 2>/dev/null |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
    BIN="${target_dir:-$top/target}/release/kato"
    [ -x "$BIN" ] || { echo "ERROR: $BIN was not built" >&2; return 1; }
}

# Median of numbers on stdin (one a line).
bench_median() {
    sort -g | awk '{a[NR]=$1} END {if (NR == 0) {print "nan"; exit} m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print m}'
}

# The host's load, for the report.
bench_load() {
    echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Peak RSS in MB of a command: the largest maximum resident set size over RUNS runs, or
# "n/a" without GNU time. Usage: bench_peak_rss_mb RUNS CMD ARGS...
bench_peak_rss_mb() {
    local runs=$1 max=0 kb out
    shift
    [ -x /usr/bin/time ] || { echo "n/a"; return 0; }
    out=$(mktemp)
    for _ in $(seq "$runs"); do
        /usr/bin/time -f %M -o "$out" "$@" >/dev/null 2>&1 || true
        kb=$(tail -n 1 "$out")
        case "$kb" in
            '' | *[!0-9]*) rm -f "$out"; echo "ERROR: unexpected output from /usr/bin/time: $kb" >&2; return 1 ;;
        esac
        if [ "$kb" -gt "$max" ]; then max=$kb; fi
    done
    rm -f "$out"
    awk -v kb="$max" 'BEGIN {printf "%.1f\n", kb / 1024}'
}

# One field ("median", "min", "max") of every command in a hyperfine JSON export, in
# milliseconds with DIGITS decimals, one a line. Usage: bench_hyperfine_field JSON FIELD DIGITS
bench_hyperfine_field() {
    awk -F': *' -v f="\"$2\":" -v d="$3" 'index($0, f) {gsub(/,/, "", $2); printf "%." d "f\n", $2 * 1000}' "$1"
}
