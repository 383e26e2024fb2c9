# shellcheck shell=bash
# inventory.json: every host with its address, SSH identity, pinned host key, BMC and live power.
# The format is stable: test/support/fleet.ts declares it as FleetInventory.

# host_json NAME: the host's static record, written once when the host is created.
host_json_write() {
  local name=$1 dir index
  dir=$(host_dir "$name"); index=$(host_field "$name" index)
  jq -n --arg name "$name" --arg group "$(host_field "$name" group)" --arg kind "$(host_field "$name" kind)" \
    --arg address "$(host_address "$index")" --arg user "$SSH_USER" --arg key "$CLIENT_KEY" \
    --arg host_key "$(host_key_line "$dir")" --arg bmc_address "$(bmc_address "$index")" \
    --argjson bmc_port "$BMC_PORT" --arg bmc_user "$BMC_USERNAME" --arg bmc_password_file "$dir/bmc/password" \
    --arg netns "$(netns_name "$name")" \
    '{name: $name, group: $group, kind: $kind, address: $address,
      ssh_user: $user, ssh_port: 22, ssh_private_key: $key, host_key: $host_key,
      bmc: {type: "ipmi", address: $bmc_address, port: $bmc_port, username: $bmc_user,
            password_file: $bmc_password_file},
      netns: $netns}' >"$dir/host.json"
}

inventory_write() { with_lock "$FLEET_DIR/inventory.lock" inventory_write_locked; }

inventory_write_locked() {
  local name dir power pid bootdev live="" files=()
  for name in $(all_host_names); do
    dir=$(host_dir "$name")
    [ -f "$dir/host.json" ] || continue
    files+=("$dir/host.json")
    power=$(power_state "$name"); pid=null
    [ "$power" = on ] && pid=$(host_field "$name" pid)
    bootdev=$(host_field "$name" bootdev)
    live+="\"$name\": {\"pid\": $pid, \"power\": \"$power\", \"bootdev\": \"${bootdev:-default}\"},"
  done
  jq -s --argjson live "{${live%,}}" \
    --arg bridge "$BRIDGE" --arg bridge_address "$BRIDGE_ADDRESS" --arg cidr "$NET_PREFIX.0/$PREFIX_LENGTH" \
    --arg proxy "$PROXY_URL" --arg key "$CLIENT_KEY" --arg known_hosts "$KNOWN_HOSTS" \
    '{version: 1, bridge: {name: $bridge, address: $bridge_address, cidr: $cidr}, apt_proxy: $proxy,
      ssh_private_key: $key, known_hosts: $known_hosts,
      hosts: (map(. + $live[.name]) | sort_by(.address | split(".") | map(tonumber)))}' \
    "${files[@]}" </dev/null >"$INVENTORY.tmp"
  mv "$INVENTORY.tmp" "$INVENTORY"
  jq -r '.hosts[] | "\(.address) \(.host_key)"' "$INVENTORY" >"$KNOWN_HOSTS.tmp"
  mv "$KNOWN_HOSTS.tmp" "$KNOWN_HOSTS"
}
