#!/usr/bin/env bash
# Builds the all-in-one example's guest images from Debian packages only, into $POLYVISOR_IMAGE_DIR
# (default <repo>/.polyvisor/images). Idempotent: an image whose inputs did not change is kept.
#
#   guest-qemu.qcow2  BIOS-bootable disk: a FAT "superfloppy" (no partition table) made bootable with
#                     syslinux, holding Debian's cloud kernel and a busybox initramfs whose /init
#                     loads virtio_net and prints "POLYVISOR-GUEST-BOOTED kernel=<release>" on the
#                     serial console (console=ttyS0), then "POLYVISOR-GUEST-ALIVE uptime=<s>" every
#                     5 s (after a live migration the console log starts empty on the new host;
#                     the heartbeat shows the guest still runs, and its uptime that it never rebooted).
#   guest-lxc.raw     raw ext4 root filesystem for libvirt LXC: busybox and /sbin/init that prints
#                     "POLYVISOR-CONTAINER-BOOTED" and waits (glance property os_command_line=/sbin/init).
#   guest-fake.raw    1 MiB of zeros: nova's fake driver never reads the image.
#
# The kernel and busybox are taken from their .deb files (apt-get download + dpkg-deb -x): nothing is
# installed for them. The tools (syslinux, mtools, dosfstools, cpio, qemu-utils, e2fsprogs) are.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/../.."
OUT=${POLYVISOR_IMAGE_DIR:-$PWD/.polyvisor/images}
WORK=$OUT/build
MARKER=POLYVISOR-GUEST-BOOTED
HEARTBEAT=POLYVISOR-GUEST-ALIVE
log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] error: %s\n  fix: %s\n' "$1" "$2" >&2; exit 1; }

TOOLS=(syslinux:syslinux mcopy:mtools mkfs.vfat:dosfstools cpio:cpio qemu-img:qemu-utils mke2fs:e2fsprogs modinfo:kmod)
missing=()
for t in "${TOOLS[@]}"; do command -v "${t%%:*}" >/dev/null 2>&1 || missing+=("${t#*:}"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  [ -n "$(ls /var/lib/apt/lists 2>/dev/null | grep -v lock)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
    die "could not install ${missing[*]}" "run apt-get update, then this script again"
fi

install -d -m 755 "$OUT" "$WORK"
cd "$WORK"

# deb PACKAGE: the .deb of the candidate version in the work dir (downloaded once); prints its path.
deb() {
  local pkg=$1 version file
  version=$(apt-cache policy "$pkg" | awk '/Candidate:/ {print $2}')
  [ -n "$version" ] && [ "$version" != "(none)" ] || { apt-get update -qq; version=$(apt-cache policy "$pkg" | awk '/Candidate:/ {print $2}'); }
  [ -n "$version" ] && [ "$version" != "(none)" ] || die "apt has no candidate for $pkg" "check the machine's apt sources"
  file=$(ls "${pkg}_${version//:/%3a}"_*.deb 2>/dev/null | head -n 1 || true)
  if [ -z "$file" ]; then
    apt-get download -qq -o APT::Sandbox::User=root "$pkg=$version" >/dev/null || die "apt-get download $pkg failed" "check the machine's apt sources"
    file=$(ls "${pkg}_"*.deb | head -n 1)
  fi
  printf '%s\n' "$PWD/$file"
}

# extract DEB DIR: unpack once.
extract() { [ -f "$2/.done" ] || { rm -rf "$2"; mkdir -p "$2"; dpkg-deb -x "$1" "$2"; : >"$2/.done"; }; }

kernel_pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$kernel_pkg" ] || { apt-get update -qq; kernel_pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}'); }
[ -n "$kernel_pkg" ] || die "no linux-image-cloud-amd64 in apt" "check the machine's apt sources (Debian 12 main)"
kernel_deb=$(deb "$kernel_pkg"); busybox_deb=$(deb busybox-static)
stamp=$(printf '%s\n' "$(basename "$kernel_deb")" "$(basename "$busybox_deb")" "$(sha256sum "$SELF" | cut -c1-16)" | sha256sum | cut -c1-16)

extract "$kernel_deb" kernel
extract "$busybox_deb" busybox
kver=$(ls kernel/lib/modules | head -n 1)
BUSYBOX=$PWD/busybox/bin/busybox
[ -x "$BUSYBOX" ] || die "busybox-static has no /bin/busybox" "check the busybox-static package"

build_qemu() {
  log "QEMU image: kernel $kver, busybox initramfs, syslinux on FAT"
  rm -rf initramfs && mkdir -p initramfs/bin initramfs/proc initramfs/sys initramfs/dev initramfs/modules
  cp "$BUSYBOX" initramfs/bin/busybox
  # virtio-net (and the virtio PCI transport) are modules in the cloud kernel: copy them with their
  # dependencies, in load order, so the guest gets eth0.
  declare -A seen=()
  order=()
  add_module() {
    local name=$1 file dep
    [ -n "${seen[$name]:-}" ] && return 0
    seen[$name]=1
    file=$(find "kernel/lib/modules/$kver/kernel" \( -name "$name.ko" -o -name "${name//_/-}.ko" \) | head -n 1)
    [ -n "$file" ] || return 0   # built into the kernel
    for dep in $(modinfo -F depends "$file" | tr ',' ' '); do add_module "$dep"; done
    cp "$file" "initramfs/modules/$name.ko"
    order+=("$name")
  }
  add_module virtio_pci
  add_module virtio_net
  printf '%s\n' "${order[@]}" >initramfs/modules/order
  cat >initramfs/init <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in \$(cat /modules/order); do insmod /modules/\$m.ko; done
echo "$MARKER kernel=\$(uname -r)" >/dev/console
for i in /sys/class/net/*; do ip link set "\${i##*/}" up; done
ip -o link >/dev/console
while true; do sleep 5; echo "$HEARTBEAT uptime=\$(cut -d' ' -f1 /proc/uptime)" >/dev/console; done
INIT
  chmod 755 initramfs/init
  (cd initramfs && find . | cpio -o -H newc --quiet | gzip -9) >initrd.gz
  cp "kernel/boot/vmlinuz-$kver" vmlinuz
  rm -f disk.raw && truncate -s 32M disk.raw
  mkfs.vfat -n PVGUEST disk.raw >/dev/null
  syslinux --install disk.raw
  printf 'DEFAULT linux\nPROMPT 0\nTIMEOUT 1\nLABEL linux\n  KERNEL vmlinuz\n  APPEND initrd=initrd.gz console=ttyS0 quiet panic=5\n' >syslinux.cfg
  mcopy -o -i disk.raw vmlinuz initrd.gz syslinux.cfg ::/
  qemu-img convert -f raw -O qcow2 disk.raw "$OUT/guest-qemu.qcow2.part"
  mv "$OUT/guest-qemu.qcow2.part" "$OUT/guest-qemu.qcow2"
}

build_lxc() {
  log "LXC image: busybox root filesystem, raw ext4"
  rm -rf lxcroot && mkdir -p lxcroot/bin lxcroot/sbin lxcroot/proc lxcroot/sys lxcroot/dev lxcroot/tmp lxcroot/etc
  cp "$BUSYBOX" lxcroot/bin/busybox
  cat >lxcroot/sbin/init <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
echo "POLYVISOR-CONTAINER-BOOTED"
while true; do sleep 3600; done
INIT
  chmod 755 lxcroot/sbin/init
  rm -f "$OUT/guest-lxc.raw.part"
  mke2fs -q -t ext4 -d lxcroot "$OUT/guest-lxc.raw.part" 16M >/dev/null 2>&1 || die "mke2fs -d failed" "check e2fsprogs (mke2fs -d needs 1.43 or later)"
  mv "$OUT/guest-lxc.raw.part" "$OUT/guest-lxc.raw"
}

if [ -f "$OUT/guest-qemu.qcow2" ] && [ "$(cat "$OUT/.qemu-stamp" 2>/dev/null)" = "$stamp" ]; then log "QEMU image up to date"; else build_qemu; echo "$stamp" >"$OUT/.qemu-stamp"; fi
if [ -f "$OUT/guest-lxc.raw" ] && [ "$(cat "$OUT/.lxc-stamp" 2>/dev/null)" = "$stamp" ]; then log "LXC image up to date"; else build_lxc; echo "$stamp" >"$OUT/.lxc-stamp"; fi
[ -f "$OUT/guest-fake.raw" ] || { truncate -s 1M "$OUT/guest-fake.raw.part"; mv "$OUT/guest-fake.raw.part" "$OUT/guest-fake.raw"; }
ls -l "$OUT"/guest-* >&2
