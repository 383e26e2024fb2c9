// polyvisor_support_matrix against the driver layer's capability tables (nova's support matrix).
import { describe, expect, test } from "vitest";
import { supportMatrix } from "../../../provider/data-sources";
import { ProviderContext } from "../../../provider/resources";
import { UNKNOWN } from "../../../provider/values";

const ctx: ProviderContext = { config: null, stopSignal: new AbortController().signal, log: () => {} };
const cfg = (over: Record<string, unknown>) => ({ id: null, release: "zed", drivers: null, features: null, support: null, ...over }) as never;

describe("polyvisor_support_matrix", () => {
  test.each([
    ["libvirt-lxc", "operation.attach-volume", "missing"],
    ["libvirt-qemu-x86", "operation.live-migrate", "complete"],
  ])("given zed and %s, when read, then %s is %s", async (driver, feature, expected) => {
    const state = await supportMatrix.read(cfg({ drivers: [driver], features: [feature] }), ctx);
    expect(state.support).toEqual({ [`${driver}/${feature}`]: expected });
  });

  test("given no driver list, when read, then every driver of the release is present", async () => {
    const state = await supportMatrix.read(cfg({ features: ["operation.attach-volume"] }), ctx);
    const drivers = Object.keys(state.support as object).map((k) => k.split("/")[0]);
    expect(drivers).toEqual(expect.arrayContaining(["libvirt-kvm-x86", "libvirt-lxc", "vmware", "ironic"]));
    expect(drivers).not.toContain("xenserver");
  });

  test.each([
    ["an unknown release", { release: "grizzly" }, ["release"]],
    ["an unknown driver in second place", { drivers: ["libvirt-lxc", "toaster"] }, ["drivers", 1]],
    ["a driver removed before the release (XenServer in zed)", { drivers: ["xenserver"] }, ["drivers", 0]],
    ["an unknown feature", { features: ["operation.fly"] }, ["features", 0]],
  ])("given %s, when validated, then the diagnostic points at it", async (_name, over, where) => {
    expect((await supportMatrix.validate!(cfg(over), ctx)).map((d) => d.path)).toEqual([where]);
  });

  test("given a release not known until apply, when validated, then nothing is reported yet", async () => {
    expect(await supportMatrix.validate!(cfg({ release: UNKNOWN }), ctx)).toEqual([]);
  });
});

test("given a release between two full matrices (yoga), when read, then values come from the driver layer's nearest matrix", async () => {
  const state = await supportMatrix.read(cfg({ release: "yoga", drivers: ["libvirt-qemu-x86"], features: ["operation.live-migrate"] }), ctx);
  expect(state.support).toEqual({ "libvirt-qemu-x86/operation.live-migrate": "complete" });
});
