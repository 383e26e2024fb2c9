#!/bin/bash
# PID 1 of a lightweight test host (started by light.sh inside fresh mount/UTS/PID namespaces
# within the host's network namespace). Usage: light-init.sh HOST_DIR NAME "DIR DIR ..."
set -euo pipefail
host_dir=$1 name=$2 overlay_dirs=$3

for d in $overlay_dirs; do
  mount -t overlay "pvf-$name-$d" \
    -o "lowerdir=/$d,upperdir=$host_dir/upper/$d,workdir=$host_dir/work/$d" "/$d"
done
mount -t tmpfs -o mode=1777 "pvf-$name-tmp" /tmp
hostname "$name"
install -d -m 755 /run/sshd

/usr/sbin/sshd -D -e &
sshd_pid=$!
trap 'kill -TERM "$sshd_pid" 2>/dev/null' TERM INT
echo "light host $name: sshd started (pid $sshd_pid in the host's namespace)"
# bash as PID 1 also reaps processes orphaned by ssh sessions (daemons started over ssh).
wait "$sshd_pid" || true
echo "light host $name: sshd exited, powering off"
