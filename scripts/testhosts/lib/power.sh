# shellcheck shell=bash
# Host power, per kind: light hosts start/stop their namespace tree, nspawn hosts boot/stop the container.

declare -A POWER_START=([light]=light_start [nspawn]=nspawn_start)
declare -A POWER_STOP_HARD=([light]=light_stop [nspawn]=nspawn_kill)
declare -A POWER_STOP_SOFT=([light]=light_stop [nspawn]=nspawn_shutdown)
declare -A POWER_RUNNING=([light]=light_running [nspawn]=nspawn_running)

power_state() {
  local kind; kind=$(host_field "$1" kind)
  "${POWER_RUNNING[$kind]}" "$1" && echo on || echo off
}

power_on() { local kind; kind=$(host_field "$1" kind); "${POWER_START[$kind]}" "$1"; }
power_off() { local kind; kind=$(host_field "$1" kind); "${POWER_STOP_HARD[$kind]}" "$1"; }
power_shutdown() { local kind; kind=$(host_field "$1" kind); "${POWER_STOP_SOFT[$kind]}" "$1"; }

# power_apply NAME on|off|shutdown|reset
power_apply() {
  local name=$1
  case $2 in
    on) power_on "$name" ;;
    off) power_off "$name" ;;
    shutdown) power_shutdown "$name" ;;
    reset) power_off "$name"; power_on "$name" ;;
    *) die "unknown power action '$2' for $name" "use on, off, shutdown or reset" ;;
  esac
}
