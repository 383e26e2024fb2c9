# shellcheck shell=bash
# One ipmi_sim BMC per host on 127.0.21.<index>:623 (IPMI 2.0 lanplus). Its chassis control script
# (chassis-control.sh) really starts and stops the host. The password lives only in 0600 files.

bmc_prepare() {
  local name=$1 index dir
  dir="$(host_dir "$name")/bmc"; index=$(host_field "$name" index)
  [ -f "$dir/lan.conf" ] && return 0
  install -d -m 700 "$dir" "$dir/state"
  (umask 077; random_hex 8 >"$dir/password")
  (umask 077; render_template ipmi-lan.conf "NAME=$name" "ADDRESS=$(bmc_address "$index")" "PORT=$BMC_PORT" \
    "GUID=$(random_hex 16)" \
    "CHASSIS_CONTROL=/bin/bash $FLEET_LIB_DIR/chassis-control.sh $FLEET_ID $FLEET_DIR $name" \
    "USERNAME=$BMC_USERNAME" "PASSWORD=$(cat "$dir/password")" >"$dir/lan.conf")
  render_template ipmi-sim.emu >"$dir/sim.emu"
}

bmc_running() {
  local name=$1
  process_matches "$(cat "$(host_dir "$name")/bmc/pid" 2>/dev/null)" ipmi_sim "$(host_dir "$name")/bmc/lan.conf"
}

bmc_start() {
  local name=$1 dir
  dir="$(host_dir "$name")/bmc"
  bmc_running "$name" && return 0
  setsid ipmi_sim -n -c "$dir/lan.conf" -f "$dir/sim.emu" -s "$dir/state" >>"$dir/log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$dir/pid"
}

bmc_stop() {
  local name=$1 dir
  dir="$(host_dir "$name")/bmc"
  stop_process "$(cat "$dir/pid" 2>/dev/null)" 3 ipmi_sim "$dir/lan.conf"
}

# bmc_wait NAME: until the BMC answers an authenticated chassis status (or 30 s pass).
bmc_wait() {
  local name=$1 tries=0
  until bmc_ipmitool "$name" chassis power status >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -ge 60 ] && die "BMC of $name does not answer on $(bmc_address "$(host_field "$name" index)"):$BMC_PORT" \
      "see $(host_dir "$name")/bmc/log"
    sleep 0.5
  done
}

# bmc_ipmitool NAME ARGS...: ipmitool against the host's BMC; the password is read from its file.
bmc_ipmitool() {
  local name=$1; shift
  ipmitool -I lanplus -C 3 -H "$(bmc_address "$(host_field "$name" index)")" -p "$BMC_PORT" \
    -U "$BMC_USERNAME" -f "$(host_dir "$name")/bmc/password" "$@"
}
