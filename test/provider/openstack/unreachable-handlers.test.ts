// Every API resource against a keystone that does not answer (a closed loopback port): the failure
// is one diagnostic naming the resource type, the step, the attribute path auth.auth_url and the
// URL, and never the password.
import { beforeAll, describe, expect, test } from "vitest";
import { Diagnostic, DiagnosticsError } from "../../../provider/lifecycle/diagnostics";
import { aggregate, flavor, image, instance, network, ResourceHandler, volumeType } from "../../../provider/resources";
import { ObjectValue } from "../../../provider/values";
import { auth, closedPort, context, SECRET } from "./support";

let url: string;
beforeAll(async () => {
  url = `http://127.0.0.1:${await closedPort()}/v3`;
});

const objects: { readonly [type: string]: [ResourceHandler, ObjectValue] } = {
  polyvisor_aggregate: [aggregate, { id: "3", name: "lxc", availability_zone: null, metadata: null, hosts: null }],
  polyvisor_flavor: [flavor, { id: "f-1", name: "m1", vcpus: 1, ram_mb: 64, disk_gb: 1, ephemeral_gb: 0, is_public: true, extra_specs: null }],
  polyvisor_image: [image, { id: "i-1", name: "cirros", disk_format: "qcow2", container_format: "bare", source_path: null, source_host_path: null, hypervisor_type: null, vm_mode: null, properties: null, visibility: "public", checksum: null, status: null }],
  polyvisor_network: [network, { id: "n-1", name: "p", network_type: "flat", physical_network: "physnet1", segmentation_id: null, shared: true, cidr: null, gateway_ip: null, enable_dhcp: false, subnet_id: null }],
  polyvisor_volume_type: [volumeType, { id: "t-1", name: "lvm", volume_backend_name: "lvm-1", extra_specs: null, is_public: true }],
  polyvisor_instance: [instance, { id: "s-1", name: "web", image_id: "i-1", flavor_id: "f-1", driver: null, release: null, availability_zone: null, network_ids: [], power_state: "active", host: null, hypervisor_hostname: null, status: null }],
};

async function diagnosticOf(p: Promise<unknown>): Promise<Diagnostic> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, "expected a DiagnosticsError").toBeInstanceOf(DiagnosticsError);
  const diags = (err as DiagnosticsError).diagnostics;
  expect(diags).toHaveLength(1);
  return diags[0];
}

describe.each(Object.keys(objects))("%s with keystone unreachable", (type) => {
  const [handler, value] = objects[type];
  const withAuth = () => ({ ...value, auth: auth(url) });

  test.each(["create", "read", "delete"] as const)("given a closed auth_url, when %s runs, then the diagnostic names resource, auth.auth_url and the URL, not the password", async (step) => {
    const call = step === "create" ? handler.create(withAuth(), withAuth(), context()) : step === "read" ? handler.read(withAuth(), context()) : handler.delete(withAuth(), context());
    const d = await diagnosticOf(call);
    expect(d.path).toEqual(["auth", "auth_url"]);
    expect(d.summary).toContain(`${type}: `);
    expect(d.summary).toContain(`keystone at ${url} did not answer`);
    expect(d.detail).toMatch(/POST \/v3\/auth\/tokens/);
    expect(JSON.stringify(d)).not.toContain(SECRET);
  });
});

describe("import without credentials", () => {
  test.each(Object.keys(objects))("given no OS_* variables, when %s is imported, then the error says which variables to set", async (type) => {
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (k.startsWith("OS_")) delete process.env[k];
    try {
      const err = await objects[type][0].import("some-id", context()).then(() => undefined, (e: unknown) => e);
      expect(String((err as Error).message)).toMatch(/ImportCredentialsMissing.*OS_AUTH_URL/);
    } finally {
      Object.assign(process.env, saved);
    }
  });
});
