// What a polyvisor_instance change does to the server, as data: the operations in order, from the
// status nova reports to the declared power state, with a resize (then confirm) when the flavor
// changes. The same list is gated at plan time (driver and release known) and carried out at apply
// through the operations layer, which gates every step again.
// Loaded lazily by the handler: it pulls in the driver layer.
import { assertOperationSupported, type DriverId, type Release } from "../../../provisioners/drivers";
import type { Server, ServerStatus } from "../../../provisioners/openstack";
import { operationSpec, planPowerState, POWER_STATES, STATE_BY_STATUS, type OperationName } from "../../../provisioners/operations";

export { POWER_STATES };

/** States read back into `power_state` besides the declarable ones (left by imperative operations or failures). */
export const FOUND_STATE_BY_STATUS: { readonly [status: string]: string } = { ...STATE_BY_STATUS, ERROR: "error" };

export interface InstanceChange {
  /** Nova status the server is in now; null when the server is still to be launched. */
  readonly status: ServerStatus | null;
  /** Declared power state. */
  readonly desired: string;
  /** The flavor changes: resize, then confirm. */
  readonly resize: boolean;
}

/** Declared states from which nova accepts a resize, and the status the server then has. */
const RESIZABLE: { readonly [state: string]: ServerStatus } = { active: "ACTIVE", shutoff: "SHUTOFF" };

/**
 * Without a flavor change: the power-state path. With one: first to the declared state when nova can
 * resize from it (active, shutoff), else to active; then resize (and confirm); then on to the
 * declared state.
 */
export function instanceSteps(change: InstanceChange): OperationName[] {
  const { status, desired, resize } = change;
  if (status === null) return ["launch", ...planPowerState("ACTIVE", desired).steps];
  if (!resize) return [...planPowerState(status, desired).steps];
  const first = desired in RESIZABLE ? desired : "active";
  return [...planPowerState(status, first).steps, "resize", ...planPowerState(RESIZABLE[first], desired).steps];
}

/** The attribute a refused step points at. */
export function attributeOf(step: OperationName): string {
  return step === "resize" ? "flavor_id" : step === "launch" ? "driver" : "power_state";
}

export interface Refusal {
  readonly step: OperationName;
  readonly error: unknown;
}

/** The first step the driver cannot do in the release (its OperationNotSupported names all three), if any. */
export function firstRefusal(steps: readonly OperationName[], driver: DriverId, release: Release): Refusal | undefined {
  for (const step of steps) {
    try {
      assertOperationSupported(driver, operationSpec(step).gate, release);
    } catch (error) {
      return { step, error };
    }
  }
  return undefined;
}

export interface ServerFacts {
  readonly flavorId: string;
  readonly networkIds: readonly string[];
}

/** The server as state; config-only attributes (driver, release, auth) come from the prior state. */
export function serverState(server: Server, prior: { readonly [name: string]: unknown }, facts: ServerFacts) {
  const found = FOUND_STATE_BY_STATUS[server.status];
  const priorNetworks = Array.isArray(prior.network_ids) ? (prior.network_ids as string[]) : null;
  const sameNetworks = priorNetworks !== null && priorNetworks.length === facts.networkIds.length && priorNetworks.every((n) => facts.networkIds.includes(n));
  return {
    id: server.id,
    name: server.name,
    image_id: server.image && typeof server.image === "object" ? server.image.id : ((prior.image_id as string | null) ?? null),
    flavor_id: facts.flavorId,
    driver: (prior.driver as string | null) ?? null,
    release: (prior.release as string | null) ?? null,
    availability_zone: server["OS-EXT-AZ:availability_zone"] ?? ((prior.availability_zone as string | null) ?? null),
    network_ids: sameNetworks ? priorNetworks : [...facts.networkIds],
    // In a transitional status (BUILD, REBOOT, MIGRATING ...) the declared state still stands.
    power_state: found ?? ((prior.power_state as string | null) ?? "active"),
    host: server["OS-EXT-SRV-ATTR:host"] ?? null,
    hypervisor_hostname: server["OS-EXT-SRV-ATTR:hypervisor_hostname"] ?? null,
    status: server.status,
    auth: prior.auth ?? null,
  };
}
