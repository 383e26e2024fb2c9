// A polyvisor_host's `ssh_connection`: everything a role on the host needs to reach it over SSH
// (address, port, user, key or key path, pinned host key), as a sensitive JSON string that the
// role's `host_connection` takes. The role never reaches a host the host resource did not pin.
import type { HostDefinition } from "../../../provisioners/ssh/host";
import { PolyvisorError } from "../../../provisioners/errors";
import { ObjectValue } from "../../values";

interface ConnectionJson {
  readonly v: 1;
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly private_key?: string;
  readonly private_key_path?: string;
  readonly host_key?: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The host definition of a polyvisor_host object (state or plan; values must be known). */
export function hostDefinitionOf(host: ObjectValue): HostDefinition {
  const bmc = host.bmc as ObjectValue | null;
  return {
    name: host.name as string,
    address: host.address as string,
    sshUser: str(host.ssh_user) ?? "root",
    sshPort: typeof host.ssh_port === "number" ? host.ssh_port : 22,
    sshPrivateKey: str(host.ssh_private_key),
    sshPrivateKeyPath: str(host.ssh_private_key_path),
    sshHostKey: str(host.ssh_host_key),
    sshTrustOnFirstUse: host.ssh_trust_on_first_use === true,
    bmc: bmc
      ? {
          type: bmc.type as "ipmi" | "redfish",
          address: bmc.address as string,
          port: typeof bmc.port === "number" ? bmc.port : undefined,
          username: bmc.username as string,
          password: str(bmc.password),
          bootDevice: str(bmc.boot_device) as "disk" | "pxe" | "cdrom" | undefined,
        }
      : undefined,
  };
}

/** The `ssh_connection` value of a host: deterministic, so it is known at plan time whenever its inputs are. */
export function encodeConnection(def: HostDefinition): string {
  const json: ConnectionJson = {
    v: 1,
    name: def.name,
    address: def.address,
    port: def.sshPort ?? 22,
    user: def.sshUser ?? "root",
    ...(def.sshPrivateKey !== undefined ? { private_key: def.sshPrivateKey } : {}),
    ...(def.sshPrivateKeyPath !== undefined ? { private_key_path: def.sshPrivateKeyPath } : {}),
    ...(def.sshHostKey !== undefined ? { host_key: def.sshHostKey } : {}),
  };
  return JSON.stringify(json);
}

/** The host a role reaches, from its `host_connection`; errors name the resource and how to wire it. */
export function decodeConnection(value: unknown, hostId: string, resource: string): HostDefinition {
  const fix = `set host_connection = polyvisor_host.<name>.ssh_connection (in cdktf: hostConnection: host.sshConnection)`;
  if (typeof value !== "string") {
    throw new PolyvisorError("HostConnectionMissing", `${resource} on host ${hostId} has no host_connection, so polyvisor cannot reach the host`, { where: "host_connection", fix });
  }
  let json: Partial<ConnectionJson>;
  try {
    json = JSON.parse(value) as Partial<ConnectionJson>;
  } catch {
    json = {};
  }
  if (json.v !== 1 || typeof json.address !== "string" || typeof json.name !== "string") {
    throw new PolyvisorError("HostConnectionInvalid", `${resource}: host_connection is not a polyvisor_host connection`, { where: "host_connection", fix });
  }
  return {
    name: json.name,
    address: json.address,
    sshPort: json.port,
    sshUser: json.user,
    sshPrivateKey: json.private_key,
    sshPrivateKeyPath: json.private_key_path,
    sshHostKey: json.host_key,
  };
}
