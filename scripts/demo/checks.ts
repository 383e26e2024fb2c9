// What the issue asks the deployed all-in-one to prove, each check returning a plain result the
// demo prints and the end-to-end test asserts on: nova-compute up everywhere with the expected
// hypervisor types, one server per hypervisor ACTIVE on the right node (the QEMU guest's console
// shows its boot marker), the VLAN provider network with its segment.
import { OpenStackCloud, credentialsFromStackOutputs } from "../../provisioners/openstack";
import type { FleetHostRecord } from "./fleet";
import type { HostPurpose } from "./inventory";

export const GUEST_MARKER = "POLYVISOR-GUEST-BOOTED";
/** The QEMU guest prints this with its uptime every 5 s (scripts/images/build-guest-images.sh). */
export const GUEST_HEARTBEAT = "POLYVISOR-GUEST-ALIVE";

/** The guest's uptime in the newest heartbeat ("<heartbeat> uptime=<s>") of a console log, if any. */
export function lastHeartbeatUptime(log: string, heartbeat = GUEST_HEARTBEAT): number | undefined {
  const beats = [...log.matchAll(new RegExp(`${heartbeat} uptime=([0-9.]+)`, "g"))];
  return beats.length > 0 ? Number(beats[beats.length - 1][1]) : undefined;
}

/**
 * Waits until the server's console shows a heartbeat with an uptime above `above` seconds: the
 * guest answers on its console, and has not rebooted since it showed `above`.
 */
export async function heartbeatAbove(cloud: OpenStackCloud, id: string, above = 0, seconds = 60): Promise<number> {
  return until(`console of ${id} shows a ${GUEST_HEARTBEAT} with uptime above ${above} s`, seconds, async () => {
    const uptime = lastHeartbeatUptime(await cloud.servers.consoleOutput(id));
    return uptime !== undefined && uptime > above ? uptime : undefined;
  });
}

/** Where each smoke server must land, and the hypervisor type each node reports. */
export const EXPECTED = {
  hypervisorType: { "qemu-1": "QEMU", "qemu-2": "QEMU", lxc: "LXC", fake: "fake" } as Record<Exclude<HostPurpose, "controller">, string>,
  servers: { "smoke-qemu": ["qemu-1", "qemu-2"], "smoke-lxc": ["lxc"], "smoke-fake": ["fake"] } as Record<string, readonly HostPurpose[]>,
  network: { name: "provider-vlan-101", type: "vlan", physnet: "physnet1", segment: 101 },
};

export function connect(outputsFile: string): OpenStackCloud {
  return new OpenStackCloud(credentialsFromStackOutputs(outputsFile).credentials);
}

async function until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not true after ${seconds} s${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export interface ServiceRow { readonly host: string; readonly state: string; readonly status: string }

export async function computeServices(cloud: OpenStackCloud, hosts: readonly string[]): Promise<ServiceRow[]> {
  return until("every nova-compute up", 120, async () => {
    const rows = (await cloud.infrastructure.services({ binary: "nova-compute" })).map((s) => ({ host: s.host, state: s.state, status: s.status }));
    return hosts.every((h) => rows.some((r) => r.host === h && r.state === "up")) ? rows : undefined;
  });
}

export interface HypervisorRow { readonly host: string; readonly hostname: string; readonly type: string; readonly state: string }

export async function hypervisors(cloud: OpenStackCloud): Promise<HypervisorRow[]> {
  return (await cloud.infrastructure.hypervisors()).map((h) => ({
    host: h.service?.host ?? h.hypervisor_hostname, hostname: h.hypervisor_hostname, type: h.hypervisor_type ?? "?", state: h.state ?? "?",
  }));
}

export interface ServerRow { readonly name: string; readonly id: string; readonly status: string; readonly host: string; readonly fault?: string }

export async function servers(cloud: OpenStackCloud, ids: Readonly<Record<string, string>>): Promise<ServerRow[]> {
  const out: ServerRow[] = [];
  for (const [name, id] of Object.entries(ids)) {
    const s = await cloud.servers.get(id);
    out.push({ name, id, status: s.status, host: s["OS-EXT-SRV-ATTR:host"] ?? "", fault: s.fault?.message });
  }
  return out;
}

/** The QEMU guest's console log once it shows the boot marker (the guest really booted). */
export async function consoleMarker(cloud: OpenStackCloud, id: string): Promise<string> {
  return until(`console of ${id} shows ${GUEST_MARKER}`, 180, async () => {
    const log = await cloud.servers.consoleOutput(id);
    return log.split("\n").find((l) => l.includes(GUEST_MARKER));
  });
}

export interface NetworkRow { readonly name: string; readonly type?: string; readonly physnet?: string | null; readonly segment?: number | null }

export async function providerNetwork(cloud: OpenStackCloud): Promise<NetworkRow | undefined> {
  const n = (await cloud.network.networks({ name: EXPECTED.network.name }))[0];
  return n && { name: n.name, type: n["provider:network_type"], physnet: n["provider:physical_network"], segment: n["provider:segmentation_id"] };
}

/** Main PID of each unit on a host ("0" for sockets and stopped units): a restart changes it. */
export async function mainPids(
  host: FleetHostRecord, units: readonly string[],
  ssh: (h: FleetHostRecord, c: string) => Promise<{ code: number; stdout: string }>,
): Promise<Record<string, string>> {
  const r = await ssh(host, `systemctl show -p Id -p MainPID ${units.join(" ")}`);
  const out: Record<string, string> = {};
  for (const block of r.stdout.trim().split(/\n\n+/)) {
    const id = /^Id=(.*)$/m.exec(block)?.[1]?.replace(/\.service$/, "");
    const pid = /^MainPID=(.*)$/m.exec(block)?.[1];
    if (id) out[id] = pid ?? "?";
  }
  return out;
}
