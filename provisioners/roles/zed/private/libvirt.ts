// libvirt inside a systemd-nspawn host without D-Bus policy or writable cgroups: socket access by
// group, no security driver, no cgroup controllers; TCP (no auth) for live migration on the
// private test network. `host_uuid` must differ per host or migration sees "the same host".

import type { BootstrapStep, ConfigFile, ServiceSpec } from "../../recipe";
import { check } from "./common";

export function libvirtdConf(): ConfigFile {
  return {
    format: "keyValue",
    mode: "0644",
    owner: "root",
    group: "root",
    strategy: "replace",
    sections: {
      "": {
        unix_sock_group: '"libvirt"',
        unix_sock_ro_perms: '"0777"',
        unix_sock_rw_perms: '"0770"',
        auth_unix_ro: '"none"',
        auth_unix_rw: '"none"',
        auth_tcp: '"none"',
        host_uuid: '"${param:libvirt_host_uuid}"',
      },
    },
  };
}

export function qemuConf(): ConfigFile {
  return {
    format: "keyValue",
    mode: "0600",
    owner: "root",
    group: "root",
    strategy: "replace",
    sections: { "": { security_driver: '"none"', cgroup_controllers: "[ ]" } },
  };
}

export function libvirtServices(uri: string, tcp: boolean, restartOn: readonly string[]): ServiceSpec[] {
  return [
    ...(tcp ? [{ unit: "libvirtd-tcp.socket", order: 20, restartOn: [], health: check("ss -Hltn '( sport = :16509 )' | grep -q 16509") }] : []),
    { unit: "virtlogd", order: 20, restartOn: [], health: check("test -S /run/libvirt/virtlogd-sock") },
    { unit: "libvirtd", order: 30, restartOn, health: check(`virsh -c ${uri} version >/dev/null`) },
  ];
}


/**
 * systemd refuses to listen on libvirtd-tcp.socket while libvirtd.service runs ("Socket service
 * libvirtd.service already active, refusing"): stop the daemon once, before the socket starts.
 * Running guests survive a libvirtd stop.
 */
export const LIBVIRT_TCP_STEP: BootstrapStep = {
  id: "libvirtd-free-for-tcp-socket",
  description: "Stop libvirtd once so systemd can bind libvirtd-tcp.socket",
  phase: "configure",
  needs: [],
  command: "systemctl is-active -q libvirtd-tcp.socket || systemctl stop libvirtd.service",
  okExitCodes: [0],
};

/**
 * libvirt LXC inside a systemd-nspawn host. The host's cgroup v1 controllers are mounted read-only
 * in the container and a cgroup2 `unified` mount makes libvirt pick the wrong layout: libvirtd
 * runs in its own mount namespace (slave: nova's later loop mounts of guest root filesystems still reach it) where `unified` is unmounted and the v1 controllers are
 * remounted read-write. (`$$` is systemd's escape for a literal `$`.)
 */
export function libvirtdLxcUnit(): ConfigFile {
  return {
    format: "ini",
    mode: "0644",
    owner: "root",
    group: "root",
    strategy: "replace",
    sections: {
      Unit: {
        Description: "Virtualization daemon (own mount namespace: writable cgroup v1, no cgroup2)",
        Requires: "virtlogd.socket",
        Wants: "libvirtd.socket",
        After: "network.target",
      },
      Service: {
        Type: "notify",
        ExecStart:
          "/usr/bin/unshare -m --propagation slave /bin/sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; for c in /sys/fs/cgroup/*/; do mountpoint -q \"$$c\" || continue; mount -o remount,rw,bind \"$$c\" || exit 1; done; exec /usr/sbin/libvirtd --timeout 120'",
        KillMode: "process",
        Restart: "on-failure",
      },
      Install: { WantedBy: "multi-user.target" },
    },
  };
}

/**
 * libvirt LXC registers each guest with systemd-machined when machined is D-Bus-activatable;
 * inside a container machined cannot map the guest's PID ("NoMachineForPID"). Hiding machined's
 * activation file makes libvirt manage the guest's cgroups itself.
 */
export const HIDE_MACHINED_STEP: BootstrapStep = {
  id: "hide-machined-from-libvirt",
  description: "Divert machined's D-Bus activation file so libvirt LXC does not use machined",
  phase: "configure",
  needs: [],
  command: [
    "dpkg-divert --local --rename --divert /usr/share/dbus-1/system-services/org.freedesktop.machine1.service.polyvisor-disabled --add /usr/share/dbus-1/system-services/org.freedesktop.machine1.service",
    "systemctl reload dbus",
  ].join(" && "),
  doneWhen: "dpkg-divert --list /usr/share/dbus-1/system-services/org.freedesktop.machine1.service | grep -q polyvisor-disabled",
  okExitCodes: [0],
};

export const SYSTEMD_RELOAD_STEP: BootstrapStep = {
  id: "systemd-reload",
  description: "Load unit files written by this recipe",
  phase: "configure",
  needs: [],
  command: "systemctl daemon-reload",
  okExitCodes: [0],
};
