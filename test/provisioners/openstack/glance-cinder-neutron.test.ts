// Requests of the image, volume, network and placement clients, recorded by the recording fake.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { RecordingFakeOpenStack } from "./support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
let cloud: OpenStackCloud;
beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start();
  cloud = new OpenStackCloud(fake.credentials());
});
afterAll(async () => fake.stop());
beforeEach(() => fake.clear());

describe("Glance", () => {
  test("given an image file, when created and uploaded, then properties go in the create body and the file is streamed with its length", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "polyvisor-img-")), "disk.raw");
    writeFileSync(file, Buffer.alloc(70_000, 7));
    const image = await cloud.images.create({
      name: "cirros-qemu",
      disk_format: "raw",
      container_format: "bare",
      properties: { hypervisor_type: "qemu", vm_mode: "hvm" },
    });
    await cloud.images.upload(image.id, file);
    const [create, upload] = fake.mutating();
    expect(create).toMatchObject({ method: "POST", path: "/v2/images", body: { name: "cirros-qemu", disk_format: "raw", hypervisor_type: "qemu", vm_mode: "hvm" } });
    expect(upload).toMatchObject({ method: "PUT", path: `/v2/images/${image.id}/file`, body: { bytes: 70_000 } });
    expect(upload.headers["content-type"]).toBe("application/octet-stream");
    expect(upload.headers["content-length"]).toBe("70000");
    expect((await cloud.images.get(image.id)).status).toBe("active");
  });

  test("given an image, when properties change, then a JSON patch adds, replaces and removes", async () => {
    const image = await cloud.images.create({ name: "p", disk_format: "raw", container_format: "bare", properties: { vm_mode: "hvm", architecture: "x86_64" } });
    fake.clear();
    await cloud.images.updateProperties(image.id, { vm_mode: "exe", hypervisor_type: "lxc", architecture: null });
    const patch = fake.mutating()[0];
    expect(patch.method).toBe("PATCH");
    expect(patch.headers["content-type"]).toBe("application/openstack-images-v2.1-json-patch");
    expect(patch.body).toEqual([
      { op: "replace", path: "/vm_mode", value: "exe" },
      { op: "add", path: "/hypervisor_type", value: "lxc" },
      { op: "remove", path: "/architecture" },
    ]);
  });
});

describe("Cinder, Neutron, Placement", () => {
  test("given a volume type for a backend, then cinder gets volume_backend_name in extra_specs", async () => {
    await cloud.volumes.createType("lvm-fast", { volume_backend_name: "lvm-1" });
    expect(fake.mutating()[0]).toMatchObject({ method: "POST", path: "/types", body: { volume_type: { name: "lvm-fast", extra_specs: { volume_backend_name: "lvm-1" } } } });
  });

  test("given a VLAN provider network, then neutron gets the provider attributes", async () => {
    await cloud.network.createNetwork({ name: "vlan-100", "provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 100 });
    expect(fake.mutating()[0]).toMatchObject({
      path: "/v2.0/networks",
      body: { network: { name: "vlan-100", "provider:network_type": "vlan", "provider:physical_network": "physnet1", "provider:segmentation_id": 100 } },
    });
  });

  test("given an unknown network, then ApiNotFound carries neutron's message", async () => {
    const err = await cloud.network.network("n-404").catch((e: unknown) => e);
    expect(isPolyvisorError(err, "ApiNotFound")).toBe(true);
    expect((err as Error).message).toContain("Network n-404 could not be found.");
  });

  test("given placement, then resource providers are listed with the placement microversion header", async () => {
    const rps = await cloud.placement.resourceProviders();
    expect(rps.map((r) => r.name)).toEqual(["compute-1"]);
    expect(fake.requests.find((r) => r.service === "placement")!.headers["openstack-api-version"]).toBe("placement 1.6");
  });
});
