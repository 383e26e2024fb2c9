// The three ways nova-compute relates to the hypervisor it drives, explicit in the model.
import type { ClusterOptions } from "./cluster";
import type { Host } from "./host";

export type ComputeDeployment =
  /** The agent on the hypervisor's own OS (libvirt, Docker, Hyper-V on Windows, fake). */
  | { readonly kind: "on-host"; readonly host: Host }
  /** The agent in a guest of a bare-metal hypervisor (XenServer domU, PowerVM NovaLink partition). */
  | { readonly kind: "in-guest"; readonly guest: Host; readonly hypervisorHost: Host }
  /** The agent on a proxy host in front of a cluster manager (vCenter, z/VM) or of Ironic. */
  | { readonly kind: "proxy"; readonly proxyHost: Host; readonly cluster?: ClusterOptions };

/** The host nova-compute itself runs on, whatever the architecture. */
export function agentHost(d: ComputeDeployment): Host {
  switch (d.kind) {
    case "on-host":
      return d.host;
    case "in-guest":
      return d.guest;
    case "proxy":
      return d.proxyHost;
  }
}
