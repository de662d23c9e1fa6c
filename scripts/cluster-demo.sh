#!/usr/bin/env bash
# The cluster guide on one machine: three fake nodes (one OpenSSH sshd each on its own
# loopback address, own root, own supervisord), a core, a router and a DEA, then
# `kato node list` and `kato status` from the core. Everything is stopped (by pid) and
# removed at the end. Needs root and the packages openssh-server, supervisor,
# redis-server and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/cluster.sh
cluster_need_pkgs /usr/sbin/sshd:openssh-server /usr/bin/supervisord:supervisor /usr/bin/redis-server:redis-server
cargo build --release --quiet
work=$(mktemp -d /tmp/kato-cluster-demo-XXXXXX)
trap 'cluster_cleanup; rm -rf "$work"' EXIT
cluster_start "$work/cluster" 3 "$PWD/target/release/kato"
for i in 1 2 3; do
  mkdir -p "${CLUSTER_ROOTS[$i]}/etc/kato"
  cp -r catalog/processes catalog/process_order.yml "${CLUSTER_ROOTS[$i]}/etc/kato/"
  echo "node$i.example.test" > "${CLUSTER_ROOTS[$i]}/etc/hostname"
done
core=${CLUSTER_IPS[1]}
echo "== node 1 ($core): kato node setup core api.example.test"
cluster_kato 1 node setup core api.example.test
echo "== node 2 (${CLUSTER_IPS[2]}): kato node attach -e router $core"
cluster_kato 2 node attach -e router "$core"
echo "== node 3 (${CLUSTER_IPS[3]}): kato node attach -e dea $core"
cluster_kato 3 node attach -e dea "$core"
echo "== node 1: kato node list"
cluster_kato 1 node list
echo "== node 1: kato status"
cluster_kato 1 status
