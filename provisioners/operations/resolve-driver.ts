// Which polyvisor driver runs a server: given explicitly, from the stack's host-to-driver map, or
// found from the hypervisor nova placed it on. When nova's hypervisor report fits several drivers
// (libvirt says "QEMU" for KVM and for TCG alike), every candidate is returned and the gate checks
// each, so an ambiguity can only make polyvisor stricter, never let an operation through.

import { isDriverId, type DriverId } from "../drivers";
import { PolyvisorError } from "../errors";
import type { Hypervisor, OpenStackCloud, Server } from "../openstack";

/** os-hypervisors `hypervisor_type` (exact, as nova reports it) to the drivers that report it. */
export const DRIVERS_BY_HYPERVISOR_TYPE: { readonly [hypervisorType: string]: readonly DriverId[] } = {
  QEMU: ["libvirt-kvm-x86", "libvirt-qemu-x86", "libvirt-kvm-ppc64", "libvirt-kvm-s390x", "libvirt-kvm-aarch64"],
  LXC: ["libvirt-lxc"],
  Xen: ["libvirt-xen"],
  UML: ["libvirt-uml"],
  vz: ["libvirt-vz-vm", "libvirt-vz-ct"],
  Parallels: ["libvirt-vz-vm", "libvirt-vz-ct"],
  xen: ["xenserver"],
  XenServer: ["xenserver"],
  "VMware vCenter Server": ["vmware"],
  hyperv: ["hyperv"],
  ironic: ["ironic"],
  zvm: ["zvm"],
  phyp: ["powervm"],
  docker: ["docker"],
  fake: ["fake"],
};

/** libvirt QEMU-type drivers by the CPU architecture in the hypervisor's cpu_info. */
export const QEMU_DRIVERS_BY_ARCH: { readonly [arch: string]: readonly DriverId[] } = {
  x86_64: ["libvirt-kvm-x86", "libvirt-qemu-x86"],
  i686: ["libvirt-kvm-x86", "libvirt-qemu-x86"],
  ppc64: ["libvirt-kvm-ppc64"],
  ppc64le: ["libvirt-kvm-ppc64"],
  s390x: ["libvirt-kvm-s390x"],
  aarch64: ["libvirt-kvm-aarch64"],
};

export interface DriverHints {
  readonly driver?: string;
  readonly driverByHost?: { readonly [host: string]: string };
}

export function driversForHypervisor(hypervisor: Hypervisor): readonly DriverId[] {
  const type = hypervisor.hypervisor_type ?? "";
  const candidates = DRIVERS_BY_HYPERVISOR_TYPE[type] ?? [];
  if (type !== "QEMU") return candidates;
  const arch = cpuArch(hypervisor);
  return arch ? (QEMU_DRIVERS_BY_ARCH[arch] ?? candidates) : candidates;
}

export function explicitDriver(hints: DriverHints): DriverId | undefined {
  if (hints.driver === undefined) return undefined;
  if (isDriverId(hints.driver)) return hints.driver;
  throw new PolyvisorError("UnknownDriver", "unknown polyvisor driver id", {
    where: "--driver",
    value: hints.driver,
    allowed: "a driver id such as libvirt-qemu-x86, libvirt-lxc, vmware, hyperv, fake (see `polyvisor drivers`)",
  });
}

export async function resolveDrivers(cloud: OpenStackCloud, server: Server, hints: DriverHints): Promise<readonly DriverId[]> {
  const given = explicitDriver(hints);
  if (given) return [given];
  const host = server["OS-EXT-SRV-ATTR:host"];
  const hypervisorName = server["OS-EXT-SRV-ATTR:hypervisor_hostname"];
  const where = `server ${server.name} (${server.id})`;
  for (const name of [host, hypervisorName]) {
    const mapped = name ? hints.driverByHost?.[name] : undefined;
    if (mapped && isDriverId(mapped)) return [mapped];
  }
  if (!hypervisorName) {
    throw new PolyvisorError("DriverUnknown", "cannot tell which hypervisor the server runs on", {
      where,
      value: server.status,
      fix: "pass --driver, or use admin credentials (nova shows the host only to admins), or wait until the server is placed",
    });
  }
  const hypervisor = await cloud.infrastructure.hypervisorByHostname(hypervisorName);
  const candidates = hypervisor ? driversForHypervisor(hypervisor) : [];
  if (candidates.length > 0) return candidates;
  throw new PolyvisorError("DriverUnknown", "the server's hypervisor type matches no polyvisor driver", {
    where: `${where} on ${hypervisorName}`,
    value: hypervisor?.hypervisor_type ?? "(hypervisor not found)",
    allowed: Object.keys(DRIVERS_BY_HYPERVISOR_TYPE).join(", "),
    fix: "pass --driver with the driver the host was deployed with",
  });
}

function cpuArch(h: Hypervisor): string | undefined {
  const info = h.cpu_info;
  if (!info) return undefined;
  if (typeof info === "object") return info.arch;
  try {
    return (JSON.parse(info) as { arch?: string }).arch;
  } catch {
    return undefined;
  }
}
