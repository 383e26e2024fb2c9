# shellcheck shell=bash
# The test hosts' apt proxy: apt-cacher-ng on the bridge address only, limited (ForceManaged) to
# this machine's own mirrors, caching packages under $CACHE_DIR so repeated installs are local.

PROXY_DIR_NAME=proxy

proxy_dir() { printf '%s/%s' "$FLEET_DIR" "$PROXY_DIR_NAME"; }

proxy_running() {
  process_matches "$(cat "$(proxy_dir)/pid" 2>/dev/null)" apt-cacher-ng "$(proxy_dir)/conf"
}

# Remap lines: one per http mirror; https mirrors may only be tunnelled (CONNECT) to their host.
proxy_remaps() {
  local uri n=0
  while read -r uri; do
    case $uri in
      http://*) printf 'Remap-pvmirror%s: %s ; %s\n' "$n" "${uri#http://}" "$uri"; n=$((n + 1)) ;;
    esac
  done < <(apt_mirror_uris)
}

proxy_pass_through() {
  local hosts
  hosts=$(apt_mirror_uris | sed -n 's#^https://\([^/:]*\).*#\1#p' | sed 's/\./\\./g' | paste -sd'|')
  if [ -n "$hosts" ]; then printf '^(%s):443$' "$hosts"; else printf '^$'; fi
}

proxy_up() {
  local dir cache
  dir=$(proxy_dir); cache="$CACHE_DIR/apt-cacher-ng"
  [ "$FLEET_ID" = 0 ] || cache="$cache-$FLEET_ID"  # one proxy per cache directory
  proxy_running && return 0
  install -d -m 755 "$dir" "$dir/conf" "$dir/log"
  install -d -m 755 "$CACHE_DIR"
  install -d "$cache"
  chown apt-cacher-ng:apt-cacher-ng "$cache" "$dir/log"
  render_template apt-cacher-ng.conf "CACHE_DIR=$cache" "LOG_DIR=$dir/log" "PORT=$PROXY_PORT" \
    "BIND_ADDRESS=$BRIDGE_ADDRESS" "PID_FILE=$dir/log/acng.pid" "SOCKET_PATH=$dir/log/acng.socket" \
    "PASS_THROUGH=$(proxy_pass_through)" "REMAPS=$(proxy_remaps)" >"$dir/conf/acng.conf"
  setsid setpriv --reuid=apt-cacher-ng --regid=apt-cacher-ng --init-groups -- \
    /usr/sbin/apt-cacher-ng -c "$dir/conf" ForeGround=1 >>"$dir/console.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$dir/pid"
  local tries=0
  until (exec 3<>"/dev/tcp/$BRIDGE_ADDRESS/$PROXY_PORT") 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -ge 50 ] && die "apt proxy did not start listening on $BRIDGE_ADDRESS:$PROXY_PORT" "see $dir/console.log and $dir/log"
    sleep 0.1
  done
}

proxy_down() {
  stop_process "$(cat "$(proxy_dir)/pid" 2>/dev/null)" 5 apt-cacher-ng "$(proxy_dir)/conf"
  rm -rf "$(proxy_dir)"
}
