// A small cloud for construct tests, and helpers that synthesize it for real (validations on) and
// parse the Terraform JSON.
import { Construct } from "constructs";
import { HostOptions, OpenStackCloud, OpenStackCloudProps, Testing } from "../../../constructs";
import { unescapeTemplate } from "../../../constructs/private/terraform-string";
import { parseIni } from "../../../provisioners/config/parse-ini";

export const HOSTS: readonly HostOptions[] = [
  { name: "controller", address: "192.0.2.10", role: "controller", sshTrustOnFirstUse: true },
  ...Array.from({ length: 6 }, (_, i) => ({ name: `node-${i + 1}`, address: `192.0.2.${21 + i}`, role: "compute" as const, sshTrustOnFirstUse: true })),
];

/** Host options with the SSH key trusted on first use, for tests that are not about host keys. */
export const tofu = (o: HostOptions): HostOptions => ({ sshTrustOnFirstUse: true, ...o });

export function newCloud(props: Partial<OpenStackCloudProps> = {}, hosts: readonly HostOptions[] = HOSTS): OpenStackCloud {
  const app = Testing.app();
  const cloud = new OpenStackCloud(app, "cloud", { release: "zed", controller: hosts[0], ...props });
  for (const h of hosts) if (!cloud.hosts.some((x) => x.name === h.name)) cloud.addHost(h.name, h);
  return cloud;
}

export interface TfJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { sensitive?: boolean }>;
}

/** Synthesizes with validations on, as `cdktf synth` does. */
export function synth(cloud: Construct): TfJson {
  return JSON.parse(Testing.synth(cloud as never, true)) as TfJson;
}

/** The error message `cdktf synth` would fail with, or "" when it succeeds. */
export function synthError(cloud: Construct): string {
  try {
    Testing.synth(cloud as never, true);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

export function resources(json: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

export function byName(json: TfJson, type: string, name: string): Record<string, unknown> {
  const r = resources(json, type).find((x) => x.name === name);
  if (!r) throw new Error(`no ${type} named ${name} in the synthesized JSON`);
  return r;
}

interface FileEntry { path: string; content: string; mode: string }

/** A rendered file of a resource, unescaped as Terraform would hand it to the provider. */
export function fileOf(resource: Record<string, unknown>, path: string): FileEntry {
  const f = (resource.files as FileEntry[] | undefined)?.find((x) => x.path === path);
  if (!f) throw new Error(`no file ${path}; files: ${((resource.files as FileEntry[]) ?? []).map((x) => x.path).join(", ")}`);
  return { ...f, content: unescapeTemplate(f.content) };
}

export function iniOf(resource: Record<string, unknown>, path: string) {
  return parseIni(fileOf(resource, path).content);
}
