# shellcheck shell=bash
# The fleet bridge and one network namespace per host, joined to the bridge by a veth pair.
# No host ever gets a default route: IP forwarding may be on in the root namespace.

bridge_up() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || ip link add "$BRIDGE" type bridge ||
    die "could not create bridge $BRIDGE" "run as root; check 'ip link' for a conflicting device"
  ip addr replace "$BRIDGE_ADDRESS/$PREFIX_LENGTH" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

bridge_down() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || return 0
  ip link del "$BRIDGE"
}

# netns_claim NAME KIND: refuses a host namespace that already runs processes this fleet did not
# start (another checkout's fleet with the same POLYVISOR_FLEET_ID): joining it would put two
# hosts on one address, and SSH would reach the old one.
netns_claim() {
  local name=$1 kind=$2 ns pids
  ns=$(netns_name "$name")
  [ -e "/run/netns/$ns" ] || return 0
  "${POWER_RUNNING[$kind]}" "$name" && return 0
  pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
  [ -z "${pids// /}" ] && return 0
  die "network namespace $ns of host $name already runs processes this fleet did not start (PIDs ${pids% })" \
    "another fleet with POLYVISOR_FLEET_ID=$FLEET_ID holds it: run 'scripts/testhosts/fleet down' in the checkout that started it, or use another POLYVISOR_FLEET_ID"
}

veth_name() { printf '%s-%s' "$NAME_PREFIX" "$1"; }

# netns_up NAME INDEX: the host's namespace, whose eth0 has <net>.INDEX/24 on the bridge.
netns_up() {
  local name=$1 index=$2 ns veth
  ns=$(netns_name "$name"); veth=$(veth_name "$index")
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name "${veth}p"
    ip link set "${veth}p" netns "$ns"
    ip -n "$ns" link set "${veth}p" name eth0
  fi
  ip link set "$veth" master "$BRIDGE"
  ip link set "$veth" up
  ip -n "$ns" addr replace "$(host_address "$index")/$PREFIX_LENGTH" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  if ip -n "$ns" route show default | grep -q .; then
    die "host $name has a default route in namespace $ns" "remove it: ip -n $ns route del default"
  fi
}

netns_down() {
  local name=$1 index=$2 ns veth
  ns=$(netns_name "$name"); veth=$(veth_name "$index")
  ip link show "$veth" >/dev/null 2>&1 && ip link del "$veth"
  [ -e "/run/netns/$ns" ] && ip netns del "$ns"
  return 0
}
