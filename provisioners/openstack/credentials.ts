// Where polyvisor gets a cloud's endpoint and credentials: the usual OS_* variables (as an
// openrc file sets them), or the outputs of a deployed polyvisor stack (`cdktf output
// --outputs-file F --outputs-file-include-sensitive-outputs`, or `terraform output -json`).

import { readFileSync, statSync } from "node:fs";
import { PolyvisorError } from "../errors";

export interface OpenStackCredentials {
  /** Keystone v3 URL (with or without the trailing /v3). */
  readonly authUrl: string;
  readonly username: string;
  readonly password: string;
  readonly projectName: string;
  readonly userDomainName: string;
  readonly projectDomainName: string;
  /** Region of the endpoints to use; undefined accepts any region. */
  readonly regionName?: string;
  /** Endpoint interface: public, internal or admin. */
  readonly interface: EndpointInterface;
}

export type EndpointInterface = "public" | "internal" | "admin";

/** Cloud facts a stack's outputs may carry besides credentials. */
export interface CloudFacts {
  /** OpenStack release the cloud was deployed with (gates operations). */
  readonly release?: string;
  /** polyvisor driver id per compute host name, as the stack deployed them. */
  readonly driverByHost?: { readonly [host: string]: string };
}

const INTERFACES: readonly EndpointInterface[] = ["public", "internal", "admin"];

/** Reads credentials from OS_* variables; names every missing variable at once. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): OpenStackCredentials {
  const missing = ["OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD"].filter((name) => !env[name]);
  if (!env.OS_PROJECT_NAME && !env.OS_TENANT_NAME) missing.push("OS_PROJECT_NAME");
  if (missing.length > 0) {
    throw new PolyvisorError("CredentialsMissing", "OpenStack credentials are incomplete in the environment", {
      where: "environment",
      value: missing,
      allowed: "OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME (+ optional OS_USER_DOMAIN_NAME, OS_PROJECT_DOMAIN_NAME, OS_REGION_NAME, OS_INTERFACE)",
      fix: "source the cloud's openrc file, or pass --cloud-outputs with the deployed stack's outputs file",
    });
  }
  return {
    authUrl: env.OS_AUTH_URL!,
    username: env.OS_USERNAME!,
    password: env.OS_PASSWORD!,
    projectName: (env.OS_PROJECT_NAME ?? env.OS_TENANT_NAME)!,
    userDomainName: env.OS_USER_DOMAIN_NAME ?? env.OS_USER_DOMAIN_ID ?? "Default",
    projectDomainName: env.OS_PROJECT_DOMAIN_NAME ?? env.OS_PROJECT_DOMAIN_ID ?? "Default",
    regionName: env.OS_REGION_NAME || undefined,
    interface: endpointInterface(env.OS_INTERFACE ?? env.OS_ENDPOINT_TYPE, "OS_INTERFACE"),
  };
}

/**
 * Output names looked for in a stack's outputs (matched case-insensitively, ignoring the hash suffix
 * cdktf adds to nested outputs, at any depth). OS_PASSWORD fills the password when the file was
 * written without sensitive outputs.
 */
export const OUTPUT_NAMES = {
  authUrl: ["auth_url", "authurl", "keystone_url", "os_auth_url"],
  username: ["username", "admin_username", "os_username"],
  password: ["admin_password", "password", "os_password"],
  projectName: ["project_name", "admin_project", "os_project_name"],
  regionName: ["region", "region_name", "os_region_name"],
  release: ["release", "openstack_release"],
  driverByHost: ["driver_by_host", "drivers_by_host", "compute_drivers"],
} as const;

export interface StackOutputs {
  readonly credentials: OpenStackCredentials;
  readonly facts: CloudFacts;
}

/** Reads a stack outputs JSON file; refuses a world-readable file that holds a password. */
export function credentialsFromStackOutputs(path: string, env: NodeJS.ProcessEnv = process.env): StackOutputs {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new PolyvisorError("CloudOutputsUnreadable", `cannot read the stack outputs file: ${(err as Error).message}`, {
      where: path,
      fix: "run `cdktf output --outputs-file FILE --outputs-file-include-sensitive-outputs` after deploy and pass that FILE",
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PolyvisorError("CloudOutputsUnreadable", "the stack outputs file is not JSON", { where: path });
  }
  const flat = flattenOutputs(json);
  const pick = (names: readonly string[]) => names.map((n) => flat.get(n)).find((v) => v !== undefined);
  const filePassword = pick(OUTPUT_NAMES.password);
  if (typeof filePassword === "string" && (statSync(path).mode & 0o007) !== 0) {
    throw new PolyvisorError("InsecureFileMode", "the stack outputs file holds a password and is world-accessible", {
      where: path,
      value: (statSync(path).mode & 0o777).toString(8),
      allowed: "0640 or tighter",
      fix: `chmod 0640 ${path}`,
    });
  }
  const authUrl = pick(OUTPUT_NAMES.authUrl);
  const password = typeof filePassword === "string" ? filePassword : env.OS_PASSWORD;
  const missing = [
    ...(typeof authUrl === "string" ? [] : ["auth_url"]),
    ...(password ? [] : ["admin_password (or OS_PASSWORD)"]),
  ];
  if (missing.length > 0) {
    throw new PolyvisorError("CredentialsMissing", "the stack outputs file lacks cloud credentials", {
      where: path,
      value: missing,
      allowed: `outputs named ${OUTPUT_NAMES.authUrl[0]}, ${OUTPUT_NAMES.password[0]}, ${OUTPUT_NAMES.username[0]}, ${OUTPUT_NAMES.projectName[0]}, ${OUTPUT_NAMES.regionName[0]}`,
      fix: "write the file with --outputs-file-include-sensitive-outputs, or set OS_PASSWORD",
    });
  }
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const driverByHost = pick(OUTPUT_NAMES.driverByHost);
  return {
    credentials: {
      authUrl: authUrl as string,
      username: str(pick(OUTPUT_NAMES.username)) ?? env.OS_USERNAME ?? "admin",
      password: password!,
      projectName: str(pick(OUTPUT_NAMES.projectName)) ?? env.OS_PROJECT_NAME ?? "admin",
      userDomainName: env.OS_USER_DOMAIN_NAME ?? "Default",
      projectDomainName: env.OS_PROJECT_DOMAIN_NAME ?? "Default",
      regionName: str(pick(OUTPUT_NAMES.regionName)) ?? (env.OS_REGION_NAME || undefined),
      interface: endpointInterface(env.OS_INTERFACE, "OS_INTERFACE"),
    },
    facts: {
      release: str(pick(OUTPUT_NAMES.release)),
      driverByHost: isStringMap(driverByHost) ? driverByHost : undefined,
    },
  };
}

function endpointInterface(value: string | undefined, where: string): EndpointInterface {
  if (value === undefined || value === "") return "public";
  const normal = value.replace(/URL$/, "") as EndpointInterface; // publicURL -> public
  if (INTERFACES.includes(normal)) return normal;
  throw new PolyvisorError("InvalidEndpointInterface", "unknown endpoint interface", {
    where,
    value,
    allowed: INTERFACES.join(", "),
  });
}

/**
 * Outputs by normalized name. Accepts `terraform output -json` ({name: {value, sensitive}}) and
 * cdktf's outputs file ({stack: {name: value}} with nested construct levels).
 */
function flattenOutputs(json: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const visit = (node: unknown, depth: number) => {
    if (!isRecord(node) || depth > 6) return;
    for (const [key, raw] of Object.entries(node)) {
      const value = isRecord(raw) && "value" in raw && "sensitive" in raw ? raw.value : raw;
      const name = key.toLowerCase().replace(/_[0-9a-f]{8}$/, "");
      if (!out.has(name)) out.set(name, value);
      const words = name.split(/[._-]/);
      for (let i = 1; i < words.length; i++) {
        const suffix = words.slice(i).join("_");
        if (!out.has(suffix)) out.set(suffix, value);
      }
      if (isRecord(value)) visit(value, depth + 1);
    }
  };
  visit(json, 0);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringMap(v: unknown): v is { [k: string]: string } {
  return isRecord(v) && Object.values(v).every((x) => typeof x === "string");
}
