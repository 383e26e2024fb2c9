// polyvisor_control_plane: the OpenStack control plane role on one host. Files, packages, services
// and health checks as every role (private/role-handler); in addition bootstrap_commands run after
// the files are in place (idempotent: db syncs, keystone bootstrap), the Keystone admin password is
// the `admin` secret when given or generated once and kept in state, and `${secret:admin}` fills
// from it.
import * as crypto from "node:crypto";
import { resources } from "../schema";
import { isUnknown, isWhollyKnown, ObjectValue, UNKNOWN, Value } from "../values";
import { roleHandler } from "./private/role-handler";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function generatePassword(length = 32): string {
  let out = "";
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length)) if (byte < 248 && out.length < length) out += ALPHABET[byte % ALPHABET.length];
  }
  return out;
}

const known = (v: Value): v is string => typeof v === "string";

function keystoneUrl(address: string): string {
  return `http://${address.includes(":") ? `[${address}]` : address}:5000/v3`;
}

/** The admin secret given in `secrets`, null when none is, UNKNOWN while the map is unknown. */
function givenAdmin(obj: ObjectValue): string | null | typeof UNKNOWN {
  const secrets = obj.secrets;
  if (secrets === null) return null;
  if (!isWhollyKnown(secrets)) return UNKNOWN;
  const v = (secrets as ObjectValue).admin;
  return known(v) ? v : null;
}

export const controlPlane = roleHandler({
  typeName: "polyvisor_control_plane",
  definition: resources.polyvisor_control_plane,
  role: "control-plane",
  hostInputs: [],
  observed: [],
  ownSecrets: ["admin"],
  derived(planned, prior) {
    const admin = givenAdmin(planned);
    return {
      id: known(planned.host_id) ? `${planned.host_id}:control-plane` : UNKNOWN,
      keystone_url: known(planned.public_address) ? keystoneUrl(planned.public_address) : UNKNOWN,
      admin_password: isUnknown(admin) ? UNKNOWN : admin ?? (known(prior?.admin_password ?? null) ? prior!.admin_password : UNKNOWN),
    };
  },
  secretsFor(obj) {
    const admin = known(obj.admin_password) ? obj.admin_password : generatePassword();
    return { extra: { admin }, computed: { admin_password: admin } };
  },
});
