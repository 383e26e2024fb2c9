#!/bin/bash
# Carries out one power action for a host, in order with the others:
#   power-worker.sh FLEET_ID FLEET_DIR NAME on|off|shutdown|reset
set -uo pipefail
export POLYVISOR_FLEET_ID=$1 POLYVISOR_FLEET_DIR=$2
name=$3 action=$4
source "$(dirname "${BASH_SOURCE[0]}")/fleet-lib.sh"
echo "$(date -u +%FT%T.%3NZ) $name: power $action"
with_lock "$(host_dir "$name")/power.lock" power_apply "$name" "$action"
inventory_write
echo "$(date -u +%FT%T.%3NZ) $name: power is $(power_state "$name")"
