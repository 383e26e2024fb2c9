// The closed set of drivers: id -> definition. Adding a hypervisor means adding one module and one
// line here (and the id to DRIVER_IDS).

import { PolyvisorError } from "../errors";
import { DRIVER_IDS, DriverDefinition, DriverId } from "./driver";
import { docker, DockerOptions } from "./docker";
import { fake, FakeOptions } from "./fake";
import { hyperv, HypervOptions } from "./hyperv";
import { ironic, IronicOptions } from "./ironic";
import { libvirtKvmAarch64 } from "./libvirt-kvm-aarch64";
import { libvirtKvmPpc64 } from "./libvirt-kvm-ppc64";
import { libvirtKvmS390x } from "./libvirt-kvm-s390x";
import { libvirtKvmX86 } from "./libvirt-kvm-x86";
import { libvirtLxc } from "./libvirt-lxc";
import { LibvirtOptions } from "./libvirt-options";
import { libvirtQemuX86 } from "./libvirt-qemu-x86";
import { libvirtUml } from "./libvirt-uml";
import { libvirtVzCt } from "./libvirt-vz-ct";
import { libvirtVzVm } from "./libvirt-vz-vm";
import { libvirtXen } from "./libvirt-xen";
import { powervm, PowervmOptions } from "./powervm";
import { Release } from "./release";
import { xenserver, XenServerOptions } from "./xenserver";
import { vmware, VmwareOptions } from "./vmware";
import { zvm, ZvmOptions } from "./zvm";

/** The typed options each driver's `novaSections` and `validate` take. */
export interface DriverOptionsMap {
  "libvirt-kvm-x86": LibvirtOptions;
  "libvirt-kvm-ppc64": LibvirtOptions;
  "libvirt-kvm-s390x": LibvirtOptions;
  "libvirt-kvm-aarch64": LibvirtOptions;
  "libvirt-qemu-x86": LibvirtOptions;
  "libvirt-lxc": LibvirtOptions;
  "libvirt-xen": LibvirtOptions;
  "libvirt-uml": LibvirtOptions;
  "libvirt-vz-vm": LibvirtOptions;
  "libvirt-vz-ct": LibvirtOptions;
  xenserver: XenServerOptions;
  vmware: VmwareOptions;
  hyperv: HypervOptions;
  docker: DockerOptions;
  ironic: IronicOptions;
  zvm: ZvmOptions;
  powervm: PowervmOptions;
  fake: FakeOptions;
}

const DRIVERS: { readonly [K in DriverId]: DriverDefinition<DriverOptionsMap[K]> } = {
  "libvirt-kvm-x86": libvirtKvmX86,
  "libvirt-kvm-ppc64": libvirtKvmPpc64,
  "libvirt-kvm-s390x": libvirtKvmS390x,
  "libvirt-kvm-aarch64": libvirtKvmAarch64,
  "libvirt-qemu-x86": libvirtQemuX86,
  "libvirt-lxc": libvirtLxc,
  "libvirt-xen": libvirtXen,
  "libvirt-uml": libvirtUml,
  "libvirt-vz-vm": libvirtVzVm,
  "libvirt-vz-ct": libvirtVzCt,
  xenserver,
  vmware,
  hyperv,
  docker,
  ironic,
  zvm,
  powervm,
  fake,
};

export function getDriver<K extends DriverId>(id: K): DriverDefinition<DriverOptionsMap[K]>;
export function getDriver(id: string): DriverDefinition<unknown>;
export function getDriver(id: string): DriverDefinition<unknown> {
  const d = (DRIVERS as Record<string, DriverDefinition<unknown>>)[id];
  if (!d) {
    throw new PolyvisorError("UnknownDriver", "unknown hypervisor driver", {
      value: id,
      allowed: DRIVER_IDS.join(", "),
      fix: "use one of the polyvisor driver ids above",
    });
  }
  return d;
}

export function listDrivers(): readonly DriverDefinition<unknown>[] {
  return DRIVER_IDS.map((id) => DRIVERS[id] as DriverDefinition<unknown>);
}

/** Drivers that exist (in or out of nova's tree) in a release. */
export function driversIn(release: Release): readonly DriverDefinition<unknown>[] {
  return listDrivers().filter((d) => d.existsIn(release));
}
