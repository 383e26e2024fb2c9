import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { InstanceOperations } from "../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../openstack/support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
let ops: InstanceOperations;
beforeAll(async () => {
  fake = await RecordingFakeOpenStack.start({ hypervisors: [{ hostname: "qemu-a", hypervisorType: "QEMU" }], withoutVolumeService: true });
  ops = new InstanceOperations(new OpenStackCloud(fake.credentials()), { pollIntervalMs: 5 });
});
afterAll(async () => fake.stop());

describe("volume operations on a cloud without a volume service", () => {
  test.each([
    ["attach-volume", { volume: "0b5c7a8e-1f3d-4c2a-9e6b-7d8f9a0b1c2d" }],
    ["attach-volume", { volume: "data-1" }],
    ["detach-volume", { volume: "data-1" }],
    ["swap-volume", { volume: "data-1", newVolume: "data-2" }],
  ] as const)("given no cinder in the catalog, when %s runs with %j, then it is refused with VolumeServiceMissing and nova is not asked", async (op, options) => {
    const guest = fake.nova.addServer(`vm-${op}-${Object.keys(options).length}-${options.volume.length}`, { host: "qemu-a" });
    fake.clear();
    await expect(ops.run(op, guest.id, options)).rejects.toThrow(/VolumeServiceMissing.*no block-storage \(cinder\) service/);
    expect(fake.mutating()).toEqual([]);
  });
});
