#!/usr/bin/env bash
# The kato lines of provisioning scripts written for the original, as they issue them:
# - AWS/Ansible playbooks (roles/stackato/tasks: "kato node availabilityzone
#   `ec2metadata --availability-zone`" and the DEA placement zones);
# - cloud-init templates (kato op upstream_proxy set …, op set_timezone);
# - node-provisioning scripts (kato node reset services).
# `kato` is found on PATH, as on a Stackato VM; ec2metadata is the test's stand-in.
#
# Usage: STEP=zones|... provisioning-lines.sh
set -o errexit
set -o pipefail
set -o nounset

case "$STEP" in
  zones)
    kato node availabilityzone `ec2metadata --availability-zone`
    kato node placementzones add "$(ec2metadata --availability-zone)-apps"
    kato node placementzones list | grep -q -- '-apps$'
    ;;
  cloud-init)
    # runcmd of the cloud-init templates
    kato op upstream_proxy set http://proxy.example.com:3128 -u stackato -p s3cret --no-proxy "localhost,.example.com"
    kato op set_timezone --timezone America/Chicago
    kato op update_hostsfile
    kato restart router
    ;;
  node-provisioning)
    # clear the data services of an image before it is provisioned again
    KATO_SKIP_CONFIRM=1 kato node reset services
    kato node reset docker
    ;;
  *)
    echo "unknown step $STEP" >&2
    exit 2
    ;;
esac
