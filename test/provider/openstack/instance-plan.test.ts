// polyvisor_instance's plan: declarative power state through the operations layer's transitions,
// a flavor change as a resize (never a replacement), an image change as a replacement (never an
// update in place), imperative states brought back, and the capability gate at plan time.
import { describe, expect, test } from "vitest";
import type { Server } from "../../../provisioners/openstack";
import { DiagnosticsError } from "../../../provider/lifecycle/diagnostics";
import { replacePaths } from "../../../provider/lifecycle/plan";
import { instance } from "../../../provider/resources";
import { instanceSteps, serverState } from "../../../provider/resources/private/instance-steps";
import { ObjectValue, UNKNOWN } from "../../../provider/values";
import { auth, closedPort, context, SECRET } from "./support";

const base: ObjectValue = {
  id: "9f1c", name: "web", image_id: "img-1", flavor_id: "f-small", driver: "libvirt-qemu-x86", release: "zed",
  availability_zone: "nova", network_ids: [], power_state: "active", host: "cmp1", hypervisor_hostname: "cmp1", status: "ACTIVE",
  auth: auth("http://127.0.0.1:9/v3"),
};

async function plan(prior: ObjectValue | null, change: ObjectValue) {
  const config = { ...base, id: null, host: null, hypervisor_hostname: null, status: null, ...change };
  const proposed = { ...(prior ?? base), ...change };
  const res = await instance.plan!({ prior, config, proposed, planned: proposed }, context());
  return { planned: res.planned, replace: prior ? [...replacePaths(instance.definition, prior, res.planned), ...((res.requiresReplace ?? []) as string[][])] : [] };
}

async function refusal(p: Promise<unknown>): Promise<{ summary: string; detail?: string; path?: readonly unknown[] }> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err, "expected the plan to be refused").toBeInstanceOf(DiagnosticsError);
  return (err as DiagnosticsError).diagnostics[0];
}

describe("polyvisor_instance power-state steps", () => {
  test.each([
    ["ACTIVE", "shutoff", false, ["stop"]],
    ["SHUTOFF", "active", false, ["start"]],
    ["ACTIVE", "shelved", false, ["shelve"]],
    ["SHELVED_OFFLOADED", "active", false, ["unshelve"]],
    ["PAUSED", "suspended", false, ["unpause", "suspend"]],
    ["RESCUE", "active", false, ["unrescue"]],
    ["VERIFY_RESIZE", "active", false, ["confirm-resize"]],
    ["ACTIVE", "active", true, ["resize"]],
    ["SHUTOFF", "shutoff", true, ["resize"]],
    ["PAUSED", "paused", true, ["unpause", "resize", "pause"]],
    ["SHELVED_OFFLOADED", "active", true, ["unshelve", "resize"]],
    ["SHUTOFF", "active", true, ["start", "resize"]],
    ["ACTIVE", "suspended", true, ["resize", "suspend"]],
    [null, "suspended", false, ["launch", "suspend"]],
  ] as const)("given nova status %s and power_state %s (resize: %s), when planned, then the steps are %j", (status, desired, resize, want) => {
    expect(instanceSteps({ status, desired, resize })).toEqual(want);
  });
});

describe("polyvisor_instance plan", () => {
  test("given a new flavor, when planned, then it is an in-place update (resize), not a replacement", async () => {
    const { replace } = await plan(base, { flavor_id: "f-large" });
    expect(replace).toEqual([]);
  });

  test("given a new image, when planned, then the server is replaced (image_id forces it)", async () => {
    const { replace } = await plan(base, { image_id: "img-2" });
    expect(replace).toEqual([["image_id"]]);
  });

  test("given an image id only known after apply (its image is being replaced), when planned, then the server is replaced", async () => {
    const { replace } = await plan(base, { image_id: UNKNOWN });
    expect(replace).toEqual([["image_id"]]);
  });

  test("given a server left rescued by hand and power_state unset, when planned, then active is planned (the next apply unrescues)", async () => {
    const rescued = { ...base, power_state: "rescued", status: "RESCUE" };
    const { planned, replace } = await plan(rescued, { power_state: null });
    expect([planned.power_state, replace]).toEqual(["active", []]);
  });

  test("given a server shelved by hand and power_state active, when planned, then an in-place update to active is planned", async () => {
    const shelved = { ...base, power_state: "shelved", status: "SHELVED_OFFLOADED", host: null };
    const { planned, replace } = await plan(shelved, {});
    expect([planned.power_state, replace]).toEqual(["active", []]);
  });

  test("given a server nova holds in ERROR, when planned, then its replacement is planned and shown on power_state", async () => {
    const broken = { ...base, power_state: "error", status: "ERROR" };
    const { replace } = await plan(broken, {});
    expect(replace).toEqual([["power_state"]]);
  });

  test("given only the auth block changed, when planned, then host, hypervisor and status keep their values", async () => {
    const { planned } = await plan(base, { auth: auth("http://127.0.0.1:9/v3/") });
    expect([planned.host, planned.hypervisor_hostname, planned.status]).toEqual(["cmp1", "cmp1", "ACTIVE"]);
  });

  test("given a cloud not deployed yet (auth_url and password known only after apply), when a new instance is planned, then the plan succeeds without asking any API", async () => {
    const pending = { auth_url: UNKNOWN, username: null, password: UNKNOWN, project_name: null, region: null };
    const { planned } = await plan(null, { driver: null, release: null, power_state: "shutoff", auth: pending });
    expect(planned.auth).toEqual({ ...pending, username: "admin", project_name: "admin", region: "RegionOne" });
    expect(planned.power_state).toBe("shutoff");
  });

  test("given an LXC instance declared suspended, when planned, then OperationNotSupported names driver, operation and release before any request", async () => {
    const port = await closedPort();
    const d = await refusal(plan(null, { driver: "libvirt-lxc", power_state: "suspended", auth: auth(`http://127.0.0.1:${port}/v3`) }));
    expect(d.path).toEqual(["power_state"]);
    expect(d.summary).toContain("OperationNotSupported");
    expect(d.detail).toMatch(/libvirt-lxc cannot suspend in OpenStack zed/);
    expect(`${d.summary} ${d.detail}`).not.toContain(SECRET);
  });

  test("given an existing LXC instance and a change to suspended, when planned, then the same refusal comes at plan time", async () => {
    const lxc = { ...base, driver: "libvirt-lxc" };
    const d = await refusal(plan(lxc, { driver: "libvirt-lxc", power_state: "suspended" }));
    expect([d.path, d.detail?.includes("libvirt-lxc suspend")]).toEqual([["power_state"], true]);
  });

  test("given a driver that cannot resize, when a new flavor is planned, then the refusal points at flavor_id", async () => {
    const ironic = { ...base, driver: "ironic" };
    const d = await refusal(plan(ironic, { driver: "ironic", flavor_id: "f-large" }));
    expect([d.path, d.detail]).toEqual([["flavor_id"], expect.stringMatching(/ironic cannot resize in OpenStack zed/)]);
  });

  test.each([["hibernated"], ["rescued"], ["error"]])("given power_state %s, when validated, then the allowed states are named", async (value) => {
    const diags = await instance.validate!({ ...base, power_state: value }, context());
    expect(diags.map((d) => [d.path, d.detail?.includes("active, shutoff, paused, suspended, shelved")])).toEqual([[["power_state"], true]]);
  });

  test("given an unknown driver id, when validated, then the diagnostic points at driver", async () => {
    const diags = await instance.validate!({ ...base, driver: "kvm" }, context());
    expect(diags.map((d) => d.path)).toEqual([["driver"]]);
  });
});

describe("polyvisor_instance read", () => {
  const server = (over: Partial<Server>): Server => ({
    id: "9f1c", name: "web", status: "ACTIVE", flavor: { original_name: "m1.small" }, image: { id: "img-1" },
    "OS-EXT-AZ:availability_zone": "nova", "OS-EXT-SRV-ATTR:host": "cmp1", "OS-EXT-SRV-ATTR:hypervisor_hostname": "cmp1", ...over,
  });
  const facts = { flavorId: "f-small", networkIds: [] };

  test.each([
    ["ACTIVE", "active"],
    ["SHUTOFF", "shutoff"],
    ["SHELVED_OFFLOADED", "shelved"],
    ["RESCUE", "rescued"],
    ["VERIFY_RESIZE", "verify_resize"],
    ["ERROR", "error"],
    ["MIGRATING", "paused"],
  ] as const)("given nova status %s (declared paused), when read, then power_state is %s", (status, want) => {
    expect(serverState(server({ status }), { ...base, power_state: "paused" }, facts).power_state).toBe(want);
  });

  test("given the same networks in another order, when read, then the declared order is kept (no replacement)", () => {
    const state = serverState(server({}), { ...base, network_ids: ["n1", "n2"] }, { flavorId: "f-small", networkIds: ["n2", "n1"] });
    expect(state.network_ids).toEqual(["n1", "n2"]);
  });
});
