// polyvisor_compute_node: one nova-compute for one hypervisor driver, as a role on a host (files,
// packages, bootstrap commands, services, health checks: private/role-handler). hypervisor_type is the HVType the
// driver reports (driver layer data); service_state is read from the host after apply and on every
// refresh: "up" when nova-compute (or, for a role without it, every service of the role) is active
// under systemd, "down" otherwise.
import { resources } from "../schema";
import { error } from "../lifecycle/diagnostics";
import type { SshSession } from "../../provisioners/ssh/session";
import { quote } from "../../provisioners/ssh/shell";
import { ObjectValue, UNKNOWN, Value } from "../values";
import { roleHandler } from "./private/role-handler";
import { driverLayer } from "../data-sources/private/support-source";

const DEPLOYMENTS = ["on-host", "in-guest", "proxy"];
const NOVA_COMPUTE = "nova-compute";
const known = (v: Value): v is string => typeof v === "string";

async function serviceState(session: SshSession, obj: ObjectValue): Promise<ObjectValue> {
  const services = Array.isArray(obj.services) ? obj.services.filter(known) : [];
  const units = services.includes(NOVA_COMPUTE) ? [NOVA_COMPUTE] : services;
  if (units.length === 0) return { service_state: null };
  const out = await session.exec(`systemctl is-active ${units.map(quote).join(" ")}`, { step: "services:state" });
  const states = out.stdout.trim().split("\n");
  return { service_state: states.length === units.length && states.every((s) => s === "active") ? "up" : "down" };
}

export const computeNode = roleHandler({
  typeName: "polyvisor_compute_node",
  definition: resources.polyvisor_compute_node,
  role: "compute",
  hostInputs: [],
  observed: ["service_state"],
  ownSecrets: [],
  async validate(config) {
    const out = [];
    if (known(config.deployment) && !DEPLOYMENTS.includes(config.deployment)) {
      out.push(error("polyvisor_compute_node: unknown deployment", `Got ${JSON.stringify(config.deployment)}. Allowed: ${DEPLOYMENTS.join(", ")}.`, ["deployment"]));
    }
    if (known(config.driver)) {
      const drivers = await driverLayer();
      const ids = drivers.listDrivers().map((d) => d.id as string);
      if (!ids.includes(config.driver)) out.push(error("polyvisor_compute_node: unknown driver", `Got ${JSON.stringify(config.driver)}. Allowed: ${ids.join(", ")}.`, ["driver"]));
    }
    return out;
  },
  async derived(planned) {
    const drivers = await driverLayer();
    const driver = known(planned.driver) ? drivers.listDrivers().find((d) => d.id === planned.driver) : undefined;
    return {
      id: known(planned.name) ? planned.name : UNKNOWN,
      hypervisor_type: driver ? driver.hypervisorType : UNKNOWN,
    };
  },
  observe: serviceState,
});
