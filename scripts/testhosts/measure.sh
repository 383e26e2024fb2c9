#!/bin/bash
# Prints the fleet's figures: bring-up times (50 light hosts; 3 nspawn hosts warm, and cold with
# --cold), memory per host, one BMC power cycle to SSH, apt install of a small package through the proxy.
# Uses its own groups (m50, mnode) on the shared fleet and removes them afterwards; --cold uses a
# separate fleet (POLYVISOR_FLEET_ID=8) with empty caches. Usage: measure.sh [--cold]
set -euo pipefail
HERE=$(dirname "$(readlink -f "$0")")
FLEET="$HERE/fleet"
source "$HERE/lib/fleet-lib.sh"

LOG=$(mktemp /tmp/pv-fleet-measure-XXXXXX.log)
# quiet ARGS...: run a command with its messages in $LOG, shown only when it fails.
quiet() { "$@" 2>>"$LOG" >>"$LOG" || { tail -n 20 "$LOG" >&2; die "$* failed" "see $LOG"; }; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
figure() { printf '%-58s %s\n' "$1" "$2"; }

# pss_by_pid_namespace: "NAMESPACE KIB" lines, the proportional memory of all processes per PID namespace.
pss_by_pid_namespace() {
  { find /proc -mindepth 3 -maxdepth 3 -path '/proc/[0-9]*/ns/pid' -printf '%h %l\n' 2>/dev/null || true; } |
    awk '{ split($1, part, "/"); file = "/proc/" part[3] "/smaps_rollup"
           while ((getline line < file) > 0) if (line ~ /^Pss:/) { split(line, f, " "); pss[$2] += f[2] }
           close(file) }
         END { for (ns in pss) print ns, pss[ns] }'
}

# host_pss_kib NAME: the memory of every process in the host's PID namespace.
host_pss_kib() {
  local init
  init=$(pgrep -P "$(host_field "$1" pid)" | head -n 1) || true
  awk -v ns="$(readlink "/proc/$init/ns/pid")" '$1 == ns { kib = $2 } END { print kib + 0 }' <<<"$PSS_TABLE"
}

bmc_pss_kib() { awk '/^Pss:/ { print $2 }' "/proc/$(cat "$(host_dir "$1")/bmc/pid")/smaps_rollup"; }

# cycle_to_ssh NAME: seconds from "chassis power cycle" until the host (a new process) answers SSH.
cycle_to_ssh() {
  local name=$1 old start
  old=$(host_field "$name" pid); start=$(now)
  bmc_ipmitool "$name" chassis power cycle >/dev/null
  until [ "$(host_field "$name" pid)" != "$old" ] && ssh_probe "$name"; do
    [ "$(since "$start" | cut -d. -f1)" -lt 180 ] || die "$name did not come back within 180 s of a power cycle"
    sleep 0.1
  done
  since "$start"
}

mean_pss_mib() {
  local total=0 n=0 name
  for name in "$@"; do total=$((total + $("$MEASURE" "$name"))); n=$((n + 1)); done
  awk -v t="$total" -v n="$n" 'BEGIN { printf "%.1f MiB", t / n / 1024 }'
}

light_names() { for i in $(seq -w 1 "$1"); do printf 'm50-%02d\n' "$((10#$i))"; done; }

echo "== 50 light hosts (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
start=$(now); quiet "$FLEET" up --hosts 50 --name m50; figure "up, 50 light hosts (SSH login verified on each)" "$(since "$start") s"
mapfile -t names < <(light_names 50)
PSS_TABLE=$(pss_by_pid_namespace)
MEASURE=host_pss_kib; figure "memory per light host (PSS, host processes)" "$(mean_pss_mib "${names[@]}")"
MEASURE=bmc_pss_kib; figure "memory per BMC (ipmi_sim PSS)" "$(mean_pss_mib "${names[@]}")"
figure "BMC power cycle to SSH, light host" "$(cycle_to_ssh m50-01) s"
start=$(now); quiet "$FLEET" up --hosts 50 --name m50; figure "up again with 50 light hosts running (no-op)" "$(since "$start") s"
start=$(now); quiet "$FLEET" down --name m50; figure "down, 50 light hosts" "$(since "$start") s"

echo "== 3 nspawn hosts"
start=$(now); quiet "$FLEET" up --hosts 3 --kind nspawn --name mnode; figure "up, 3 nspawn hosts, rootfs cached (warm)" "$(since "$start") s"
PSS_TABLE=$(pss_by_pid_namespace)
MEASURE=host_pss_kib; figure "memory per nspawn host (PSS, booted, idle)" "$(mean_pss_mib mnode-01 mnode-02 mnode-03)"
figure "BMC power cycle to SSH, nspawn host" "$(cycle_to_ssh mnode-01) s"
for name in mnode-02 mnode-03; do
  start=$(now); quiet "$FLEET" ssh "$name" "apt-get -qq update" >/dev/null
  figure "apt-get update through the proxy ($name)" "$(since "$start") s"
  start=$(now); quiet "$FLEET" ssh "$name" "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hello >/dev/null && hello" >/dev/null
  figure "apt-get install hello through the proxy ($name)" "$(since "$start") s"
done
quiet "$FLEET" down --name mnode

if [ "${1:-}" = --cold ]; then
  echo "== 3 nspawn hosts, cold (separate fleet 8, empty rootfs and apt caches)"
  cold_cache=$(mktemp -d /var/tmp/pv-fleet-cold-XXXXXX)
  start=$(now)
  POLYVISOR_FLEET_ID=8 POLYVISOR_CACHE_DIR=$cold_cache quiet "$FLEET" up --hosts 3 --kind nspawn --name cold
  figure "up, 3 nspawn hosts, cold (debootstrap + pack + boot)" "$(since "$start") s"
  POLYVISOR_FLEET_ID=8 POLYVISOR_CACHE_DIR=$cold_cache quiet "$FLEET" down
  rm -rf --one-file-system "$cold_cache"
fi
