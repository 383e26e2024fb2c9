// libvirt inside a systemd-nspawn host without D-Bus policy or writable cgroups: socket access by
// group, no security driver, no cgroup controllers; TCP (no auth) for live migration on the
// private test network. `host_uuid` must differ per host or migration sees "the same host".

import type { BootstrapStep, ConfigFile, ServiceSpec } from "../../recipe";
import { check, readableIni } from "./common";

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
  return readableIni("root", {
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
  });
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

/**
 * nova-compute moves a guest's disk between hosts over SSH as the `nova` user on a resize or cold
 * migration (`ssh HOST mkdir -p`, then rsync or scp). Every libvirt node of the cloud derives the
 * same Ed25519 key from one cloud secret, so no node has to know another's key: the key's seed is
 * SHA-256 of the secret, the public half is authorized for `nova` on every node, and the nova user
 * keeps a login shell (Debian's nova-common gives it /bin/sh), an unlocked account with no password
 * (sshd without PAM refuses key logins of locked accounts) and an ssh config for its peers. Host keys
 * are not pinned between peers: nodes are re-provisioned with new host keys, and the peers are only
 * reachable on the cloud's management network. The files change only when the secret does.
 */
export const NOVA_MIGRATION_KEY_SCRIPT = `
import hashlib, os, pwd, subprocess
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
seed = hashlib.sha256(b"polyvisor nova migration key\\0" + os.environ["PV_NOVA_MIGRATION"].encode()).digest()
key = Ed25519PrivateKey.from_private_bytes(seed)
public = key.public_key().public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH).decode() + " nova-migration"
nova = pwd.getpwnam("nova")
ssh_dir = os.path.join(nova.pw_dir, ".ssh")
os.makedirs(ssh_dir, mode=0o700, exist_ok=True)
os.chown(ssh_dir, nova.pw_uid, nova.pw_gid)
os.chmod(ssh_dir, 0o700)
def put(name, text):
    path = os.path.join(ssh_dir, name)
    try:
        with open(path) as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    tmp = path + ".polyvisor-new"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chown(tmp, nova.pw_uid, nova.pw_gid)
    os.rename(tmp, path)
    print("wrote", path)
try:
    with open(os.path.join(ssh_dir, "id_ed25519.pub")) as f:
        same = f.read().strip() == public
except FileNotFoundError:
    same = False
if not same:
    private = key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.OpenSSH, ser.NoEncryption()).decode()
    put("id_ed25519", private)
    put("id_ed25519.pub", public + "\\n")
put("authorized_keys", public + "\\n")
put("config", "Host *\\n    IdentityFile ~/.ssh/id_ed25519\\n    StrictHostKeyChecking no\\n    UserKnownHostsFile /dev/null\\n    LogLevel ERROR\\n    BatchMode yes\\n")
if nova.pw_shell != "/bin/sh":
    subprocess.run(["usermod", "--shell", "/bin/sh", "nova"], check=True)
    print("nova's login shell is /bin/sh")
# adduser --system leaves the password field "!" (locked); sshd without PAM refuses key logins of
# locked accounts. "*" matches no password, so key login is the only way in.
with open(os.environ.get("PV_SHADOW_FILE", "/etc/shadow")) as f:
    locked = any(line.startswith("nova:!") for line in f)
if locked:
    subprocess.run(["usermod", "--password", "*", "nova"], check=True)
    print("nova's account takes key logins (password field *)")
`;

export const NOVA_MIGRATION_KEY_STEP: BootstrapStep = {
  id: "nova-migration-ssh-key",
  description: "The nova user's SSH key and peer access for resize and cold migration between libvirt nodes",
  phase: "configure",
  needs: [],
  command: `/usr/bin/python3 - <<'PV_NOVA_KEY_EOF'${NOVA_MIGRATION_KEY_SCRIPT}PV_NOVA_KEY_EOF`,
  env: { PV_NOVA_MIGRATION: "${secret:nova_migration}" },
  okExitCodes: [0],
};
