#!/usr/bin/env bash
# The kato command lines of HP's cluster automation (hpcloud/stackato-cluster-tool,
# stackato-automation/lib/kato.sh, lib/setup-node.sh, roles/router.sh and
# roles/load-balancer.sh), issued as those scripts issue them: through KATO_BIN, which
# they export for themselves, defaulting to /home/stackato/bin/kato.
#
# Usage: STEP=core|router|load-balancer|core-ip|router-post-attach \
#        CLUSTER_HOSTNAME=example.test CORE_IP=... hp-cluster-tool-lines.sh
set -o errexit
set -o pipefail
set -o nounset

export KATO_BIN=${KATO_BIN:-/home/stackato/bin/kato}

# The scripts run every line as the stackato user (su - stackato -c "$cmd"); the test
# nodes are root's, so the line runs in a shell as it is.
run_as() {
  local cmd="${*:2}"
  bash -c "$cmd"
}

cluster_hostname="$CLUSTER_HOSTNAME"

case "$STEP" in
  core)
    run_as "stackato" "$KATO_BIN node rename $cluster_hostname --no-restart"
    run_as "stackato" "$KATO_BIN node setup core api.${cluster_hostname}"
    ;;
  router)
    run_as "stackato" "$KATO_BIN node rename $cluster_hostname --no-restart"
    run_as "stackato" "$KATO_BIN node attach -e router $CORE_IP"
    ;;
  router-post-attach)
    key="router2g prevent_x_spoofing"
    value=false
    if [ "$(run_as "stackato" "$KATO_BIN config get $key")" != "$value" ]; then
      run_as "stackato" "$KATO_BIN config set $key $value"
    fi
    run_as "stackato" "$KATO_BIN restart router"
    ;;
  load-balancer)
    run_as "stackato" "$KATO_BIN node rename $cluster_hostname --no-restart"
    run_as "stackato" "$KATO_BIN node attach $CORE_IP"
    run_as "stackato" "$KATO_BIN node setup load_balancer --force"
    ;;
  core-ip)
    run_as "stackato" "$KATO_BIN node list | grep primary | cut -d \" \" -f 1"
    ;;
  *)
    echo "unknown STEP $STEP" >&2
    exit 2
    ;;
esac
