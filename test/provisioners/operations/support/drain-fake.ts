// The recording fake both drain test files run against: two QEMU hosts and an LXC host, started
// once per file and cleared before each test.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { OpenStackCloud } from "../../../../provisioners/openstack";
import { InstanceOperations } from "../../../../provisioners/operations";
import { RecordingFakeOpenStack } from "../../openstack/support/recording-fake-openstack";

export interface DrainFake {
  fake: RecordingFakeOpenStack;
  ops: InstanceOperations;
}

/** Registers the file's hooks; the returned object is filled once the fake has started. */
export function useDrainFake(): DrainFake {
  const env = {} as DrainFake;
  beforeAll(async () => {
    env.fake = await RecordingFakeOpenStack.start({
      hypervisors: [
        { hostname: "qemu-a", hypervisorType: "QEMU" },
        { hostname: "qemu-b", hypervisorType: "QEMU" },
        { hostname: "lxc-a", hypervisorType: "LXC" },
      ],
    });
    env.ops = new InstanceOperations(new OpenStackCloud(env.fake.credentials()), { pollIntervalMs: 5 });
  });
  afterAll(async () => env.fake.stop());
  beforeEach(() => env.fake.clear());
  return env;
}
