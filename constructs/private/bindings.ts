// The generated bindings of polyvisor's own provider (built from provider/schema by
// scripts/generate-bindings.ts). Constructs emit resources only through these classes.
export { PolyvisorProvider } from "../generated/providers/polyvisor/provider";
export { Host as HostResource } from "../generated/providers/polyvisor/host";
export { ControlPlane as ControlPlaneResource } from "../generated/providers/polyvisor/control-plane";
export { ComputeNode as ComputeNodeResource } from "../generated/providers/polyvisor/compute-node";
export { Aggregate as AggregateResource } from "../generated/providers/polyvisor/aggregate";
export { Flavor as FlavorResource } from "../generated/providers/polyvisor/flavor";
export { Image as ImageResource } from "../generated/providers/polyvisor/image";
export { Network as NetworkResource } from "../generated/providers/polyvisor/network";
export { VolumeType as VolumeTypeResource } from "../generated/providers/polyvisor/volume-type";
export { Password as PasswordResource } from "../generated/providers/polyvisor/password";
/** The `auth` block every API resource takes; all resources generate the same shape. */
export type { AggregateAuth as ApiAuth } from "../generated/providers/polyvisor/aggregate";
export { Instance as InstanceResource } from "../generated/providers/polyvisor/instance";
