# shellcheck shell=bash
# The Debian root filesystem nspawn hosts boot from: debootstrapped once through the fleet proxy,
# kept as a tarball under $CACHE_DIR/rootfs and unpacked beside it as the hosts' shared read-only
# lower layer. A second run finds both and takes no time.

ROOTFS_SUITE=bookworm
ROOTFS_VARIANT=minbase
ROOTFS_INCLUDE=systemd-sysv,dbus,openssh-server,iproute2,ca-certificates,python3,procps,curl,less,apt-utils

rootfs_id() {
  local mirror=$1
  printf '%s %s %s %s' "$ROOTFS_SUITE" "$ROOTFS_VARIANT" "$ROOTFS_INCLUDE" "$mirror" | sha256sum | cut -c1-12
}

# Strip what must differ per host: SSH host keys, machine id, hostname, apt lists and archives.
rootfs_generalize() {
  local root=$1
  rm -f "$root"/etc/ssh/ssh_host_*
  : >"$root/etc/machine-id"
  rm -f "$root/etc/hostname" "$root/etc/apt/sources.list"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
}

# rootfs_ensure: print the unpacked rootfs directory, building and caching it when missing.
# The cache is shared by every fleet on the machine: one build at a time.
rootfs_ensure() {
  install -d -m 755 "$CACHE_DIR/rootfs"
  with_lock "$CACHE_DIR/rootfs/.lock" rootfs_ensure_locked
}

rootfs_ensure_locked() {
  local mirror id base
  mirror=$(apt_mirror_for_suite "$ROOTFS_SUITE")
  id=$(rootfs_id "$mirror"); base="$CACHE_DIR/rootfs/$ROOTFS_SUITE-$id"
  if [ ! -f "$base/.polyvisor-complete" ]; then
    install -d -m 755 "$CACHE_DIR/rootfs"
    [ -f "$base.tar.zst" ] || rootfs_build "$mirror" "$base"
    log "unpacking $base.tar.zst"
    rm -rf "$base.unpack"
    install -d -m 755 "$base.unpack"
    tar -C "$base.unpack" --zstd --numeric-owner -xpf "$base.tar.zst" ||
      die "could not unpack $base.tar.zst" "delete it and run again to rebuild"
    : >"$base.unpack/.polyvisor-complete"
    rm -rf "$base"
    mv "$base.unpack" "$base"
  fi
  printf '%s\n' "$base"
}

rootfs_build() {
  local mirror=$1 base=$2 build="$2.build"
  log "debootstrap $ROOTFS_SUITE ($ROOTFS_VARIANT, +$ROOTFS_INCLUDE) from $mirror through $PROXY_URL"
  rm -rf "$build"
  http_proxy=$PROXY_URL debootstrap --variant="$ROOTFS_VARIANT" --include="$ROOTFS_INCLUDE" \
    "$ROOTFS_SUITE" "$build" "$mirror" >"$base.debootstrap.log" 2>&1 ||
    die "debootstrap $ROOTFS_SUITE from $mirror failed" "see $base.debootstrap.log"
  rootfs_generalize "$build"
  tar -C "$build" --zstd --numeric-owner -cpf "$base.tar.zst.part" . ||
    die "could not pack $build into $base.tar.zst" "check free space under $CACHE_DIR"
  mv "$base.tar.zst.part" "$base.tar.zst"
  rm -rf "$build"
}
