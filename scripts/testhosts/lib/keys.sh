# shellcheck shell=bash
# The fleet's SSH client key and each host's own ed25519 host key.

ensure_client_key() {
  [ -f "$CLIENT_KEY" ] && return 0
  ssh-keygen -q -t ed25519 -N '' -C "polyvisor-fleet" -f "$CLIENT_KEY"
  chmod 600 "$CLIENT_KEY"
}

# make_host_key DIR NAME: DIR/ssh_host_ed25519_key(.pub), created once.
make_host_key() {
  local dir=$1 name=$2
  [ -f "$dir/ssh_host_ed25519_key" ] && return 0
  ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f "$dir/ssh_host_ed25519_key"
  chmod 600 "$dir/ssh_host_ed25519_key"
}

# host_key_line DIR: "ssh-ed25519 AAAA..." without the comment.
host_key_line() { awk '{ print $1, $2 }' "$1/ssh_host_ed25519_key.pub"; }

# install_ssh_identity DIR ROOT NAME: host key, sshd_config and root's authorized_keys under ROOT.
install_ssh_identity() {
  local dir=$1 root=$2 name=$3
  install -d -m 755 "$root/etc/ssh"
  install -d -m 700 "$root/root" "$root/root/.ssh"
  rm -f "$root"/etc/ssh/ssh_host_*
  install -m 600 "$dir/ssh_host_ed25519_key" "$root/etc/ssh/ssh_host_ed25519_key"
  install -m 644 "$dir/ssh_host_ed25519_key.pub" "$root/etc/ssh/ssh_host_ed25519_key.pub"
  render_template sshd_config "NAME=$name" >"$root/etc/ssh/sshd_config"
  install -m 600 "$CLIENT_KEY.pub" "$root/root/.ssh/authorized_keys"
}
