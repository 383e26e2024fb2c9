// The closed set of hypervisors a compute node can run, one factory per nova virt driver. Options
// are the driver modules' own typed options (provisioners/drivers/<driver>.ts: what they turn into
// in nova.conf lives there), plus what the model needs to place the agent: the cluster behind a
// cluster manager, the bare-metal host of an in-guest agent, NSX.
import type { DockerOptions } from "../provisioners/drivers/docker";
import type { DriverId } from "../provisioners/drivers/driver";
import type { FakeOptions } from "../provisioners/drivers/fake";
import type { HypervOptions } from "../provisioners/drivers/hyperv";
import type { IronicOptions } from "../provisioners/drivers/ironic";
import type { LibvirtOptions } from "../provisioners/drivers/libvirt-options";
import type { PowervmOptions } from "../provisioners/drivers/powervm";
import type { VmwareOptions } from "../provisioners/drivers/vmware";
import type { XenServerOptions } from "../provisioners/drivers/xenserver";
import type { ZvmOptions } from "../provisioners/drivers/zvm";
import type { ClusterOptions } from "./cluster";
import type { Host } from "./host";

export type { DockerOptions, FakeOptions, HypervOptions, LibvirtOptions, PowervmOptions };

export type CpuArch = "x86_64" | "ppc64" | "s390x" | "aarch64";

const KVM_DRIVERS: { readonly [A in CpuArch]: DriverId } = {
  x86_64: "libvirt-kvm-x86",
  ppc64: "libvirt-kvm-ppc64",
  s390x: "libvirt-kvm-s390x",
  aarch64: "libvirt-kvm-aarch64",
};

export interface KvmOptions extends LibvirtOptions {
  /** CPU architecture of the host (default x86_64). */
  readonly arch?: CpuArch;
}

export interface XenServerHypervisorOptions extends Omit<XenServerOptions, "connectionUrl"> {
  /** The bare-metal XenServer host (dom0); nova-compute runs in a domU on it (the node's host). */
  readonly hypervisorHost: Host | string;
  /** XenAPI URL (default http://<hypervisorHost address>). */
  readonly connectionUrl?: string;
}

export interface VmwareHypervisorOptions extends Omit<VmwareOptions, "clusterName"> {
  /** The vCenter cluster this nova-compute speaks for (`cluster_name` is its name). */
  readonly cluster: ClusterOptions;
  /** VMware NSX is the Neutron backend (overlay networks and security groups then work). */
  readonly nsx?: boolean;
}

export interface IronicHypervisorOptions extends Partial<Pick<IronicOptions, "authUrl" | "username" | "projectName" | "passwordSecret">>,
  Omit<IronicOptions, "authUrl" | "username" | "projectName" | "passwordSecret"> {}

export interface ZvmHypervisorOptions extends ZvmOptions {
  /** The z/VM system the cloud connector manages; its sharedStorage is the disk pool (default diskPool). */
  readonly cluster: ClusterOptions;
}

export interface PowervmHypervisorOptions extends PowervmOptions {
  /** The managed system; nova-compute runs in its NovaLink partition (the node's host). */
  readonly hypervisorHost: Host | string;
}

/** What a node knows when it turns factory options into the driver module's options. */
export interface DriverOptionsContext {
  /** Resolved bare-metal host of an in-guest agent. */
  readonly hypervisorHost?: Host;
  /** Keystone URL of the cloud. */
  readonly identityUrl: string;
}

interface Spec {
  readonly resolve: (ctx: DriverOptionsContext) => unknown;
  readonly cluster?: ClusterOptions;
  readonly hypervisorHost?: Host | string;
  readonly nsx?: boolean;
  /** Secrets of systems outside the cloud (the operator supplies them). */
  readonly externalSecrets?: readonly string[];
  /** Address of the cluster manager (vCenter, z/VM cloud connector). */
  readonly managerAddress?: string;
}

const constant = (o: unknown) => () => o;

export class Hypervisor {
  /** libvirt KVM on x86_64 (default), ppc64, s390x or aarch64. */
  static kvm(options: KvmOptions = {}): Hypervisor {
    const { arch = "x86_64", ...libvirt } = options;
    return new Hypervisor(KVM_DRIVERS[arch], { resolve: constant(libvirt) });
  }
  /** libvirt QEMU (TCG emulation, no hardware acceleration). */
  static qemu(options: LibvirtOptions = {}): Hypervisor {
    return new Hypervisor("libvirt-qemu-x86", { resolve: constant(options) });
  }
  /** libvirt LXC system containers. */
  static lxc(options: LibvirtOptions = {}): Hypervisor {
    return new Hypervisor("libvirt-lxc", { resolve: constant(options) });
  }
  /** Xen through libvirt (until Victoria). */
  static xen(options: LibvirtOptions = {}): Hypervisor {
    return new Hypervisor("libvirt-xen", { resolve: constant(options) });
  }
  /** User-mode Linux through libvirt. */
  static uml(options: LibvirtOptions = {}): Hypervisor {
    return new Hypervisor("libvirt-uml", { resolve: constant(options) });
  }
  /** Virtuozzo virtual machines (libvirt `parallels`). */
  static virtuozzoVm(options: LibvirtOptions = {}): Hypervisor {
    return new Hypervisor("libvirt-vz-vm", { resolve: constant(options) });
  }
  /** Virtuozzo containers (libvirt `parallels`, ploop images). */
  static virtuozzoCt(options: LibvirtOptions = {}): Hypervisor {
    return new Hypervisor("libvirt-vz-ct", { resolve: constant(options) });
  }
  /** XenServer through XenAPI (until Ussuri): nova-compute runs in a domU of each host. */
  static xenserver(options: XenServerHypervisorOptions): Hypervisor {
    const { hypervisorHost, ...rest } = options;
    return new Hypervisor("xenserver", {
      hypervisorHost,
      externalSecrets: [options.connectionPasswordSecret],
      resolve: (ctx): XenServerOptions => ({ ...rest, connectionUrl: rest.connectionUrl ?? `http://${ctx.hypervisorHost?.address}` }),
    });
  }
  /** VMware vCenter: one nova-compute on a proxy host per vCenter cluster (several allowed). */
  static vmware(options: VmwareHypervisorOptions): Hypervisor {
    const { cluster, nsx, ...rest } = options;
    return new Hypervisor("vmware", {
      cluster,
      nsx: nsx === true,
      managerAddress: options.hostIp,
      externalSecrets: [options.hostPasswordSecret],
      resolve: constant({ ...rest, clusterName: cluster.name } satisfies VmwareOptions),
    });
  }
  /** Hyper-V: nova-compute runs on the Windows host itself. */
  static hyperv(options: HypervOptions): Hypervisor {
    return new Hypervisor("hyperv", { resolve: constant(options) });
  }
  /** Docker through the out-of-tree nova-docker driver. */
  static docker(options: DockerOptions = {}): Hypervisor {
    return new Hypervisor("docker", { resolve: constant(options) });
  }
  /** Bare metal through Ironic: one nova-compute on a proxy host; credentials default to the cloud's. */
  static ironic(options: IronicHypervisorOptions = {}): Hypervisor {
    return new Hypervisor("ironic", {
      resolve: (ctx): IronicOptions => ({
        ...options,
        authUrl: options.authUrl ?? ctx.identityUrl,
        username: options.username ?? "ironic",
        projectName: options.projectName ?? "service",
        passwordSecret: options.passwordSecret ?? "ironic_service_password",
      }),
    });
  }
  /** IBM z/VM through its cloud connector: one nova-compute on a proxy host per z/VM system. */
  static zvm(options: ZvmHypervisorOptions): Hypervisor {
    const { cluster, ...rest } = options;
    return new Hypervisor("zvm", {
      cluster,
      managerAddress: options.cloudConnectorUrl ?? options.xcatServer,
      externalSecrets: options.xcatPasswordSecret ? [options.xcatPasswordSecret] : [],
      resolve: constant({ ...rest, diskPool: rest.diskPool ?? cluster.sharedStorage } satisfies ZvmOptions),
    });
  }
  /** IBM PowerVM (Pike..Yoga): nova-compute in the NovaLink partition of the managed system. */
  static powervm(options: PowervmHypervisorOptions): Hypervisor {
    const { hypervisorHost, ...rest } = options;
    return new Hypervisor("powervm", { hypervisorHost, resolve: constant(rest) });
  }
  /** nova's fake driver: schedules and "runs" instances in memory (tests, scale trials). */
  static fake(options: FakeOptions = {}): Hypervisor {
    return new Hypervisor("fake", { resolve: constant(options) });
  }

  private constructor(
    readonly driverId: DriverId,
    private readonly spec: Spec,
  ) {}

  /** The cluster a proxy-deployed driver speaks for (vCenter, z/VM). */
  get cluster(): ClusterOptions | undefined {
    return this.spec.cluster;
  }

  /** The bare-metal host whose guest runs nova-compute (XenServer, PowerVM). */
  get hypervisorHost(): Host | string | undefined {
    return this.spec.hypervisorHost;
  }

  /** True when VMware NSX backs Neutron for this hypervisor. */
  get nsx(): boolean {
    return this.spec.nsx === true;
  }

  get managerAddress(): string | undefined {
    return this.spec.managerAddress;
  }

  get externalSecrets(): readonly string[] {
    return this.spec.externalSecrets ?? [];
  }

  /** The options the driver module's `novaSections` and `validate` take. */
  driverOptions(ctx: DriverOptionsContext): unknown {
    return this.spec.resolve(ctx);
  }
}
