// polyvisor-service: a minimal supervisor for hosts without systemd (pid files under /run/polyvisor,
// one command file per service under /etc/polyvisor/services). Pushed by polyvisor like any file.

export const SUPERVISOR_PATH = "/usr/local/sbin/polyvisor-service";
export const SUPERVISOR_SERVICE_DIR = "/etc/polyvisor/services";

export const SUPERVISOR_SCRIPT = `#!/bin/sh
# polyvisor-service ACTION NAME - start/stop/restart/status/enable/is-enabled a service defined by
# ${SUPERVISOR_SERVICE_DIR}/NAME.cmd; "boot" starts every enabled service. Managed by polyvisor.
set -eu
dir=${SUPERVISOR_SERVICE_DIR}
run=/run/polyvisor
action=$1
name=\${2:-}
pidf="$run/$name.pid"
mkdir -p "$run"
# The pid file holds "PID STARTTIME": a PID reused after a reboot does not count as running.
starttime() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }
running() {
  [ -f "$pidf" ] || return 1
  read -r pid start <"$pidf" || return 1
  [ -n "$start" ] && [ "$(starttime "$pid")" = "$start" ]
}
start_service() {
  running && return 0
  [ -f "$dir/$name.cmd" ] || { echo "no such service: $name ($dir/$name.cmd missing)" >&2; exit 5; }
  setsid sh "$dir/$name.cmd" </dev/null >>"/var/log/polyvisor-$name.log" 2>&1 &
  echo "$! $(starttime $!)" >"$pidf"
  sleep 0.3
  running || { echo "service $name exited right after start; see /var/log/polyvisor-$name.log" >&2; exit 1; }
}
stop_service() {
  if running; then
    kill "$pid" 2>/dev/null || true
    i=0
    while [ "$(starttime "$pid")" = "$start" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
    if [ "$(starttime "$pid")" = "$start" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidf"
}
case "$action" in
  start) start_service ;;
  stop) stop_service ;;
  restart) stop_service; start_service ;;
  status) if running; then echo "active $pid"; else echo inactive; fi ;;
  enable) touch "$dir/$name.enabled" ;;
  is-enabled) if [ -f "$dir/$name.enabled" ]; then echo enabled; else echo disabled; fi ;;
  boot) for f in "$dir"/*.enabled; do [ -e "$f" ] && "$0" start "$(basename "$f" .enabled)"; done; true ;;
  *) echo "usage: $0 start|stop|restart|status|enable|is-enabled NAME | boot" >&2; exit 2 ;;
esac
`;
