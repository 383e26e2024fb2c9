// polyvisor_flavor's plan rules: flavors are immutable upstream, so a size change is a replacement
// the plan shows; extra specs change in place; unset defaulted attributes go back to their default.
import { describe, expect, test } from "vitest";
import { replacePaths } from "../../../provider/lifecycle/plan";
import { flavor, flavorState } from "../../../provider/resources";
import { ObjectValue } from "../../../provider/values";
import { auth, context } from "./support";

const prior: ObjectValue = {
  id: "f-1", name: "m1.qemu", vcpus: 1, ram_mb: 512, disk_gb: 1, ephemeral_gb: 0, is_public: true,
  extra_specs: { "aggregate_instance_extra_specs:hypervisor": "qemu" }, auth: auth("http://127.0.0.1:5000/v3"),
};

async function plan(change: ObjectValue): Promise<{ planned: ObjectValue; replace: unknown[][] }> {
  const config = { ...prior, id: null, ...change };
  const res = await flavor.plan!({ prior, config, proposed: { ...prior, ...change }, planned: { ...prior, ...change } }, context());
  return { planned: res.planned, replace: [...replacePaths(flavor.definition, prior, res.planned), ...(res.requiresReplace ?? [])] as unknown[][] };
}

describe("polyvisor_flavor plan", () => {
  test.each([
    ["vcpus", { vcpus: 2 }],
    ["ram_mb", { ram_mb: 1024 }],
    ["disk_gb", { disk_gb: 2 }],
    ["ephemeral_gb", { ephemeral_gb: 1 }],
    ["is_public", { is_public: false }],
    ["name", { name: "m1.other" }],
  ])("given a new %s, when planned, then the flavor is replaced (visible in the plan)", async (attr, change) => {
    expect((await plan(change)).replace).toEqual([[attr]]);
  });

  test("given new extra specs, when planned, then the flavor is updated in place", async () => {
    const { replace, planned } = await plan({ extra_specs: { "aggregate_instance_extra_specs:hypervisor": "lxc" } });
    expect(replace).toEqual([]);
    expect(planned.extra_specs).toEqual({ "aggregate_instance_extra_specs:hypervisor": "lxc" });
  });

  test("given is_public left unset and a private flavor in the cloud, when planned, then the default true is planned (drift is put back)", async () => {
    const drifted = { ...prior, is_public: false };
    const res = await flavor.plan!({ prior: drifted, config: { ...prior, is_public: null }, proposed: drifted, planned: drifted }, context());
    expect(res.planned.is_public).toBe(true);
  });

  test("given an auth block without username, project or region, when planned, then their defaults are planned", async () => {
    const a = { auth_url: "http://127.0.0.1:5000/v3", password: "x", username: null, project_name: null, region: null };
    const res = await flavor.plan!({ prior: null, config: { ...prior, auth: a }, proposed: { ...prior, auth: a }, planned: { ...prior, auth: a } }, context());
    expect(res.planned.auth).toEqual({ ...a, username: "admin", project_name: "admin", region: "RegionOne" });
  });

  test.each([
    ["vcpus", 0],
    ["ram_mb", 0],
    ["disk_gb", -1],
    ["vcpus", 1.5],
  ])("given %s = %s, when validated, then the diagnostic points at it", async (attr, value) => {
    const diags = await flavor.validate!({ ...prior, [attr]: value }, context());
    expect(diags.map((d) => d.path)).toEqual([[attr]]);
  });

  test("given nova's flavor with no extra specs and none declared, when read, then extra_specs stays null (no drift)", () => {
    const nova = { id: "f-1", name: "m1.qemu", vcpus: 1, ram: 512, disk: 1, "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": true };
    expect(flavorState(nova, {}, { extra_specs: null, auth: null }).extra_specs).toBeNull();
    expect(flavorState(nova, { a: "b" }, { extra_specs: null, auth: null }).extra_specs).toEqual({ a: "b" });
  });
});
