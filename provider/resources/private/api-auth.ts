// The `auth` block every OpenStack API resource carries (wired from the control plane's outputs):
// its defaults, its checks, the credentials it stands for, and one connected cloud per distinct
// credentials for the life of the plugin process (so a plan or apply reuses one keystone token).
// The password is held only in memory and never written into a message.
import * as crypto from "node:crypto";
import type { OpenStackCloud, OpenStackCredentials } from "../../../provisioners/openstack";
import { PolyvisorError } from "../../../provisioners/errors";
import { Diagnostic, error } from "../../lifecycle/diagnostics";
import { isObject, isUnknown, isWhollyKnown, ObjectValue, Value } from "../../values";
import { openstackLayer } from "./openstack-layer";

/** Defaults of the block's optional attributes (the schema's descriptions say the same). */
export const AUTH_DEFAULTS: { readonly [name: string]: string } = { username: "admin", project_name: "admin", region: "RegionOne" };

export interface AuthSettings {
  readonly authUrl: string;
  readonly username: string;
  readonly password: string;
  readonly projectName: string;
  readonly region: string;
}

/** The URL as it may appear in a message: no user info, no query. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(not a URL)";
  }
}

/** The plan's auth block: unset optional attributes take their defaults (not the prior value). */
export function planAuth(config: Value, planned: Value): Value {
  if (!isObject(planned)) return planned;
  const given = isObject(config) ? config : {};
  const out: ObjectValue = { ...planned };
  for (const [name, fallback] of Object.entries(AUTH_DEFAULTS)) {
    const v = given[name] ?? null;
    out[name] = isUnknown(v) ? v : (v ?? fallback);
  }
  return out;
}

export function validateAuth(config: ObjectValue, typeName: string): Diagnostic[] {
  const auth = config.auth;
  if (!isObject(auth)) return [];
  const url = auth.auth_url;
  if (typeof url !== "string") return [];
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    return [error(`${typeName}: auth.auth_url is not an http(s) URL`, `Allowed: keystone's v3 URL, e.g. http://CONTROLLER:5000/v3 (wire it from the control plane's keystone_url output).`, ["auth", "auth_url"])];
  }
  if (parsed.username || parsed.password) {
    return [error(`${typeName}: auth.auth_url must not carry credentials`, "Fix: put the user in auth.username and the password in auth.password (sensitive), and give auth_url without user info.", ["auth", "auth_url"])];
  }
  return [];
}

/** The auth block's settings; refuses a block that is missing or not known yet. */
export function authSettings(value: Value, typeName: string): AuthSettings {
  if (!isObject(value) || !isWhollyKnown(value)) {
    throw new PolyvisorError("AuthMissing", `${typeName} has no complete auth block`, {
      where: "auth",
      fix: "give auth { auth_url, password, ... } wired from the control plane's outputs",
    });
  }
  const str = (name: string) => (typeof value[name] === "string" && value[name] !== "" ? (value[name] as string) : AUTH_DEFAULTS[name]);
  return {
    authUrl: value.auth_url as string,
    username: str("username"),
    password: value.password as string,
    projectName: str("project_name"),
    region: str("region"),
  };
}

/** Is the auth block wholly known (so the cloud can be asked at plan time)? */
export const authKnown = (value: Value): boolean => isObject(value) && isWhollyKnown(value);

export function credentialsOf(auth: AuthSettings): OpenStackCredentials {
  return {
    authUrl: auth.authUrl,
    username: auth.username,
    password: auth.password,
    projectName: auth.projectName,
    userDomainName: "Default",
    projectDomainName: "Default",
    regionName: auth.region,
    interface: "public",
  };
}

const clouds = new Map<string, Promise<OpenStackCloud>>();

/** The connected cloud for these credentials (one per process; the token is reused). */
export function connect(auth: AuthSettings): Promise<OpenStackCloud> {
  const key = crypto.createHash("sha256").update(JSON.stringify(auth)).digest("hex");
  let cloud = clouds.get(key);
  if (!cloud) {
    cloud = openstackLayer().then(({ openstack }) => new openstack.OpenStackCloud(credentialsOf(auth), { timeoutMs: 60_000 }));
    clouds.set(key, cloud);
  }
  return cloud;
}

/**
 * `terraform import` passes only an id, no configuration: the cloud's credentials come from the
 * usual OS_* variables (source the openrc), and they fill the imported auth block.
 */
export async function importAuth(typeName: string, env: NodeJS.ProcessEnv = process.env): Promise<ObjectValue> {
  const { openstack } = await openstackLayer();
  let creds: OpenStackCredentials;
  try {
    creds = openstack.credentialsFromEnvironment(env);
  } catch (err) {
    throw new PolyvisorError("ImportCredentialsMissing", `importing ${typeName} needs the cloud's credentials in the environment`, {
      where: "environment",
      value: (err as PolyvisorError).details?.value,
      allowed: "OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME (+ optional OS_REGION_NAME)",
      fix: "export them (source the cloud's openrc, or take them from the control plane's outputs) and run terraform import again",
    });
  }
  return {
    auth_url: creds.authUrl,
    username: creds.username,
    password: creds.password,
    project_name: creds.projectName,
    region: creds.regionName ?? AUTH_DEFAULTS.region,
  };
}
