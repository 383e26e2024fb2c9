// polyvisor_host: a machine polyvisor manages.
// - create/update: power on through the BMC when the host is off, wait for SSH with the pinned host
//   key (trust on first use only when asked; the key seen is then recorded in ssh_host_key), then
//   OS preparation (hostname, /etc/hosts block, apt mirror and proxy, kernel parameters). Update
//   re-runs the preparation (it writes only what differs) and undoes settings that were removed.
//   power_state = "off" powers the host off through its BMC instead.
// - read: power state from the BMC, then os_release and the host key fingerprint over SSH; a host
//   key that changed is refused with the host's name and both fingerprints.
// - delete: undoes polyvisor's OS preparation files (the hostname stays), then powers the host off
//   when it has a BMC.
// Secrets (BMC password, SSH key) go to the provisioners' redactor before any call.
import { resources } from "../schema";
import { Diagnostic, error } from "../lifecycle/diagnostics";
import { PolyvisorError } from "../../provisioners/errors";
import { isUnknown, ObjectValue, UNKNOWN, Value } from "../values";
import { ProviderContext, ResourceHandler } from "./handler";
import { hostAccess, onHostSlot, registerSecrets } from "./private/host-access";
import { encodeConnection, hostDefinitionOf } from "./private/host-connection";
import { osSpecOf, undoOsSettings } from "./private/host-os";
import type { SshSession } from "../../provisioners/ssh/session";
import type { Bmc } from "../../provisioners/bmc/bmc";

const POWER_STATES = ["on", "off"];
const BMC_TYPES: Readonly<Record<string, number>> = { ipmi: 623, redfish: 443 };
const BOOT_DEVICES = ["disk", "pxe", "cdrom"];
/** How long a host may take from power on to SSH. */
const SSH_WAIT_MS = 180_000;

/** How long a BMC may take to report a host off after the power-off command. */
const POWER_OFF_WAIT_MS = 60_000;

/** Powers off and waits until the BMC reports off (BMCs carry the command out asynchronously). */
async function powerOffAndWait(bmc: Bmc, hostName: string): Promise<void> {
  await bmc.powerOff();
  const deadline = Date.now() + POWER_OFF_WAIT_MS;
  while ((await bmc.powerStatus()) === "on") {
    if (Date.now() > deadline) {
      throw new PolyvisorError("PowerOffTimeout", `the BMC still reports ${hostName} on ${POWER_OFF_WAIT_MS / 1000} s after power off`, {
        where: `${hostName}:bmc:power-off`, fix: "check the BMC (ipmitool chassis power status) and power the host off by hand",
      });
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const known = (v: Value): v is string | number | boolean => v !== null && !isUnknown(v);

function oneOf(value: Value, allowed: readonly string[], summary: string, path: (string | number)[]): Diagnostic[] {
  return typeof value === "string" && !allowed.includes(value)
    ? [error(`polyvisor_host: ${summary}`, `Got ${JSON.stringify(value)}. Allowed: ${allowed.join(", ")}.`, path)]
    : [];
}

function validate(config: ObjectValue): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bmc = config.bmc as ObjectValue | null;
  out.push(...oneOf(config.power_state, POWER_STATES, "unknown power_state", ["power_state"]));
  if (bmc && !isUnknown(bmc)) {
    out.push(...oneOf(bmc.type, Object.keys(BMC_TYPES), "unknown BMC type", ["bmc", "type"]));
    out.push(...oneOf(bmc.boot_device, BOOT_DEVICES, "unknown boot device", ["bmc", "boot_device"]));
  }
  if (config.power_state === "off" && bmc === null) {
    out.push(error("polyvisor_host: power_state = \"off\" needs a bmc block", "polyvisor powers hosts off through their BMC. Fix: add a bmc block, or set power_state = \"on\".", ["power_state"]));
  }
  const keys = [config.ssh_private_key, config.ssh_private_key_path];
  if (keys.every((k) => k === null)) {
    out.push(error("polyvisor_host: no SSH key", "Set ssh_private_key (sensitive) or ssh_private_key_path (a file on the machine running terraform).", ["ssh_private_key_path"]));
  } else if (keys.every((k) => k !== null && !isUnknown(k))) {
    out.push(error("polyvisor_host: two SSH keys", "Set only one of ssh_private_key and ssh_private_key_path.", ["ssh_private_key"]));
  }
  if (config.ssh_host_key === null && config.ssh_trust_on_first_use !== true && !isUnknown(config.ssh_trust_on_first_use)) {
    out.push(error("polyvisor_host: no pinned host key", "polyvisor refuses hosts whose key it cannot check. Fix: set ssh_host_key to the host's public key line (ssh-keyscan -t ed25519 ADDRESS), or set ssh_trust_on_first_use = true to record the key seen first.", ["ssh_host_key"]));
  }
  return out;
}

/** Defaults, the id, and the values that follow from the inputs (known at plan time when they are). */
function plan(prior: ObjectValue | null, planned: ObjectValue): ObjectValue {
  const out = { ...planned };
  const defaults: Record<string, Value> = { ssh_user: "root", ssh_port: 22, ssh_trust_on_first_use: false, power_state: "on" };
  for (const [name, value] of Object.entries(defaults)) if (isUnknown(out[name])) out[name] = value;
  const bmc = out.bmc as ObjectValue | null;
  if (bmc && isUnknown(bmc.port) && typeof bmc.type === "string") out.bmc = { ...bmc, port: BMC_TYPES[bmc.type] ?? null };
  out.id = known(out.name) ? out.name : UNKNOWN;
  const reach = ["name", "address", "ssh_user", "ssh_port", "ssh_private_key", "ssh_private_key_path", "ssh_host_key"];
  out.ssh_connection = reach.every((n) => !isUnknown(out[n])) && typeof out.ssh_host_key === "string" ? encodeConnection(hostDefinitionOf(out)) : UNKNOWN;
  // What the host reports stays as last read unless where or how polyvisor reaches it changes.
  const same = prior !== null && ["address", "ssh_port", "ssh_host_key", "power_state"].every((n) => prior[n] === out[n]);
  for (const name of ["os_release", "host_key_fingerprint"]) out[name] = same ? (prior![name] ?? null) : UNKNOWN;
  return out;
}

function secretsOf(obj: ObjectValue): (string | null)[] {
  return [obj.ssh_private_key as string | null, ((obj.bmc as ObjectValue | null)?.password ?? null) as string | null];
}

async function osRelease(session: SshSession): Promise<string> {
  const out = await session.run(`. /etc/os-release && printf '%s' "$PRETTY_NAME"`, { step: "os:release" });
  return out.stdout.trim();
}

/** Makes the host match the planned object; returns it with everything the host reports filled in. */
async function converge(planned: ObjectValue, prior: ObjectValue | null, ctx: ProviderContext): Promise<ObjectValue> {
  const a = await hostAccess(ctx);
  registerSecrets(a, ...secretsOf(planned));
  const def = hostDefinitionOf(planned);
  const log = a.logger.with({ host: def.name });
  const bmc = def.bmc ? a.api.createBmc(def.name, def.bmc, a.logger) : undefined;
  const fill = (name: string, value: Value) => (isUnknown(planned[name]) ? value : planned[name]);
  if (planned.power_state === "off") {
    if ((await bmc!.powerStatus()) === "on") {
      await a.pool.drop(def);
      await powerOffAndWait(bmc!, def.name);
      log.info("powered off through the BMC");
    }
    return { ...planned, os_release: fill("os_release", prior?.os_release ?? null), host_key_fingerprint: fill("host_key_fingerprint", prior?.host_key_fingerprint ?? null), ssh_host_key: fill("ssh_host_key", null), ssh_connection: fill("ssh_connection", null) };
  }
  const started = Date.now();
  const { session, changes } = await a.api.powerOnAndWaitForSsh(def, bmc, a.pool, { sshWaitMs: SSH_WAIT_MS });
  if (changes.length > 0) log.info(`${changes.join(", ")}; SSH answered after ${Math.round((Date.now() - started) / 1000)} s`);
  const done = [...(await a.api.prepareOs(session, osSpecOf(planned))), ...(prior ? await undoOsSettings(a.api, session, prior, planned) : [])];
  log.info(done.length > 0 ? `OS prepared: ${done.join(", ")}` : "OS already prepared");
  const hostKey = a.api.keyLine(session.hostKey.blob);
  const withKey = { ...planned, ssh_host_key: fill("ssh_host_key", hostKey) };
  return {
    ...withKey,
    os_release: fill("os_release", await osRelease(session)),
    host_key_fingerprint: fill("host_key_fingerprint", session.hostKeyFingerprint),
    ssh_connection: fill("ssh_connection", encodeConnection(hostDefinitionOf(withKey))),
  };
}

async function read(state: ObjectValue, ctx: ProviderContext): Promise<ObjectValue> {
  if (typeof state.address !== "string") return state; // imported by name only: the next apply fills it in
  const a = await hostAccess(ctx);
  registerSecrets(a, ...secretsOf(state));
  const def = hostDefinitionOf(state);
  if (def.bmc && (await a.api.createBmc(def.name, def.bmc, a.logger).powerStatus()) === "off") {
    await a.pool.drop(def);
    return { ...state, power_state: "off" };
  }
  if (!def.bmc && state.power_state === "off") return state;
  const session = await a.pool.get(def);
  return { ...state, power_state: "on", os_release: await osRelease(session), host_key_fingerprint: session.hostKeyFingerprint };
}

async function destroy(prior: ObjectValue, ctx: ProviderContext): Promise<void> {
  const a = await hostAccess(ctx);
  registerSecrets(a, ...secretsOf(prior));
  const def = hostDefinitionOf(prior);
  const bmc = def.bmc ? a.api.createBmc(def.name, def.bmc, a.logger) : undefined;
  const on = bmc ? (await bmc.powerStatus()) === "on" : true;
  if (on) {
    const session = await a.pool.get(def);
    const done = await undoOsSettings(a.api, session, prior, null);
    a.logger.with({ host: def.name }).info(`destroy: ${done.join(", ") || "no OS settings to undo"}`);
    await a.pool.drop(def);
  }
  if (bmc && on) {
    await powerOffAndWait(bmc, def.name);
    a.logger.with({ host: def.name }).info("destroy: powered off through the BMC");
  }
}

export const host: ResourceHandler = {
  typeName: "polyvisor_host",
  definition: resources.polyvisor_host,
  validate,
  plan: ({ prior, planned }) => ({ planned: plan(prior, planned) }),
  create: (planned, _config, ctx) => onHostSlot(ctx, () => converge(planned, null, ctx)),
  update: (prior, planned, _config, ctx) => onHostSlot(ctx, () => converge(planned, prior, ctx)),
  delete: (prior, ctx) => onHostSlot(ctx, () => destroy(prior, ctx)),
  read: (state, ctx) => onHostSlot(ctx, () => read(state, ctx)),
  async import(id) {
    if (!/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i.test(id)) {
      throw new PolyvisorError("ImportIdInvalid", "polyvisor_host is imported by its name", { value: id, fix: "terraform import polyvisor_host.ADDRESS NAME; the next apply reaches the host with the configuration's settings" });
    }
    const attrs = Object.keys(resources.polyvisor_host.schema.block.attributes ?? {});
    return { ...Object.fromEntries(attrs.map((n) => [n, null])), id, name: id, bmc: null };
  },
};
