# shellcheck shell=bash
# fleet status [--json]: every host's power, SSH and BMC state; --json prints inventory.json.

cmd_status() {
  local json=""
  [ "${1:-}" = --json ] && json=1
  if [ ! -d "$HOSTS_DIR" ]; then
    if [ -n "$json" ]; then echo '{"version":1,"hosts":[]}'; else echo "no fleet at $FLEET_DIR"; fi
    return 0
  fi
  inventory_write
  if [ -n "$json" ]; then cat "$INVENTORY"; return 0; fi
  printf 'bridge %s %s; apt proxy %s %s\n' "$BRIDGE" \
    "$(ip link show "$BRIDGE" >/dev/null 2>&1 && echo up || echo missing)" "$PROXY_URL" \
    "$(proxy_running && echo running || echo stopped)"
  printf '%-16s %-7s %-14s %-6s %-5s %-22s %s\n' NAME KIND ADDRESS POWER SSH BMC BOOTDEV
  local name
  for name in $(all_host_names); do
    printf '%-16s %-7s %-14s %-6s %-5s %-22s %s\n' "$name" "$(host_field "$name" kind)" \
      "$(host_address "$(host_field "$name" index)")" "$(power_state "$name")" \
      "$(ssh_probe "$name" && echo ok || echo no)" \
      "$(bmc_address "$(host_field "$name" index)"):$BMC_PORT$(bmc_running "$name" || echo '(down)')" \
      "$(cat "$(host_dir "$name")/bootdev" 2>/dev/null || echo default)"
  done
}
