#!/bin/bash
# Chassis control for a test host's ipmi_sim BMC. ipmi_sim runs it as
#   chassis-control.sh FLEET_ID FLEET_DIR NAME get PARAM...        -> prints "PARAM:VALUE" per PARAM
#   chassis-control.sh FLEET_ID FLEET_DIR NAME set PARAM VALUE...  -> prints nothing on success
# PARAM: power (1 on, 0 hard off), reset (1: reboot), shutdown (1: orderly power off),
# boot (none|pxe|cdrom|bios|default; recorded, shown by `fleet status`).
# Power changes run in the background, in order, under the host's lock; "get power" reports
# whether the host really runs.
set -uo pipefail
# BMCs configured before fleet ids existed pass no FLEET_ID: they belong to fleet 0.
[[ "$1" == /* ]] && set -- 0 "$@"
export POLYVISOR_FLEET_ID=$1 POLYVISOR_FLEET_DIR=$2
name=$3 op=$4
shift 4
source "$(dirname "${BASH_SOURCE[0]}")/fleet-lib.sh"

dir=$(host_dir "$name")
[ -f "$dir/index" ] || { echo "Unknown test host: $name"; exit 1; }

power_async() {
  setsid bash "$FLEET_LIB_DIR/power-worker.sh" "$FLEET_ID" "$FLEET_DIR" "$name" "$1" >>"$dir/power.log" 2>&1 </dev/null &
}

declare -A SET_ACTIONS=([power:1]=on [power:0]=off [reset:1]=reset [shutdown:1]=shutdown)

case $op in
  get)
    for param in "$@"; do
      case $param in
        power) [ "$(power_state "$name")" = on ] && echo "power:1" || echo "power:0" ;;
        boot) echo "boot:$(cat "$dir/bootdev" 2>/dev/null || echo default)" ;;
        *) echo "Invalid parameter: $param"; exit 1 ;;
      esac
    done ;;
  set)
    while [ $# -ge 2 ]; do
      param=$1 value=$2; shift 2
      if [ "$param" = boot ]; then
        printf '%s\n' "$value" >"$dir/bootdev"
      elif [ -n "${SET_ACTIONS[$param:$value]:-}" ]; then
        power_async "${SET_ACTIONS[$param:$value]}"
      elif [ "$value" = 0 ]; then
        :  # reset/shutdown pulses released: nothing to do
      else
        echo "Invalid parameter: $param $value"; exit 1
      fi
    done ;;
  *) echo "Unknown operation: $op"; exit 1 ;;
esac
exit 0
