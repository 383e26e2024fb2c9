# shellcheck shell=bash
# Logging in to test hosts with the fleet key, trusting only each host's pinned key.

# ssh_probe NAME: true when root can log in with the fleet key and the host shows its pinned key.
ssh_probe() {
  ssh -F /dev/null -n -o BatchMode=yes -o ConnectTimeout=3 -o StrictHostKeyChecking=yes \
    -o UserKnownHostsFile="$KNOWN_HOSTS" -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -i "$CLIENT_KEY" "$SSH_USER@$(host_address "$(host_field "$1" index)")" true 2>/dev/null
}

# ssh_wait SECONDS NAME...: all hosts in parallel; fails naming every host that never answered.
ssh_wait() {
  local seconds=$1 name failed=(); shift
  local -A jobs=()
  for name in "$@"; do
    (
      deadline=$((SECONDS + seconds))
      until ssh_probe "$name"; do
        [ "$SECONDS" -ge "$deadline" ] && exit 1
        sleep 0.5
      done
    ) &
    jobs[$name]=$!
  done
  for name in "$@"; do wait "${jobs[$name]}" || failed+=("$name"); done
  [ ${#failed[@]} -eq 0 ] ||
    die "no SSH login within ${seconds}s on: ${failed[*]}" "see $HOSTS_DIR/<name>/console.log"
}
