import { describe, expect, test } from "vitest";
import type { RoleRecipe } from "../../../../provisioners/roles/recipe";
import { placeholdersIn } from "../../../../provisioners/roles/placeholders";
import { ZED_RECIPES } from "../../../../provisioners/roles/zed";

// Every string of a recipe that can carry a placeholder, with where it sits.
function strings(r: RoleRecipe): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const [path, f] of Object.entries(r.files))
    for (const [section, kv] of Object.entries(f.sections))
      for (const [key, value] of Object.entries(kv)) out.push({ where: `${path} [${section}] ${key}`, text: value });
  for (const s of r.steps) {
    out.push({ where: `step ${s.id} command`, text: s.command });
    if (s.doneWhen) out.push({ where: `step ${s.id} doneWhen`, text: s.doneWhen });
    for (const [k, v] of Object.entries(s.env ?? {})) out.push({ where: `step ${s.id} env ${k}`, text: v });
  }
  for (const s of r.services) {
    out.push({ where: `service ${s.unit} health`, text: s.health.command });
    for (const [k, v] of Object.entries(s.health.env ?? {})) out.push({ where: `service ${s.unit} health env ${k}`, text: v });
  }
  return out;
}

const recipes = Object.entries(ZED_RECIPES).map(([role, recipe]) => ({ role, recipe }));

describe.each(recipes)("Zed recipe $role", ({ role, recipe }) => {
  test("given the recipe table, when looked up by role, then the recipe says it is that role", () => {
    expect(recipe.role).toBe(role);
    expect(recipe.release).toBe("zed");
  });

  test("given its services, when checked, then every service has a health command and a positive timeout", () => {
    for (const s of recipe.services) {
      expect(s.health.command.trim(), `${s.unit} health command`).not.toBe("");
      expect(s.health.timeoutSeconds, `${s.unit} health timeout`).toBeGreaterThan(0);
    }
  });

  test("given its services and steps, when checked, then unit names and step ids are unique", () => {
    const units = recipe.services.map((s) => s.unit);
    const ids = recipe.steps.map((s) => s.id);
    expect(new Set(units).size, `units ${units.join(",")}`).toBe(units.length);
    expect(new Set(ids).size, `step ids ${ids.join(",")}`).toBe(ids.length);
  });

  test("given its steps, when their needs are read, then each names a service of this recipe", () => {
    const units = new Set(recipe.services.map((s) => s.unit));
    for (const s of recipe.steps) for (const n of s.needs) expect(units.has(n), `step ${s.id} needs unknown service ${n}`).toBe(true);
  });

  test("given its services, when restartOn is read, then each file is written by this recipe", () => {
    for (const s of recipe.services)
      for (const f of s.restartOn) expect(Object.keys(recipe.files), `${s.unit} restarts on ${f}`).toContain(f);
  });

  test("given every string, when placeholders are collected, then each secret and param is declared", () => {
    for (const { where, text } of strings(recipe))
      for (const p of placeholdersIn(text)) {
        const declared = p.kind === "secret" ? recipe.secrets : recipe.params;
        expect(declared, `${where} uses undeclared ${p.kind} ${p.name}`).toContain(p.name);
      }
  });

  test("given the declared secrets and params, when placeholders are collected, then none is declared but unused", () => {
    const used = new Set(strings(recipe).flatMap(({ text }) => placeholdersIn(text).map((p) => `${p.kind}:${p.name}`)));
    for (const s of recipe.secrets) expect(used.has(`secret:${s}`), `secret ${s} is never used`).toBe(true);
    for (const p of recipe.params) expect(used.has(`param:${p}`), `param ${p} is never used`).toBe(true);
  });

  test("given its steps, when command lines are read, then no secret is on a command line (secrets travel in env)", () => {
    for (const s of recipe.steps) {
      expect(placeholdersIn(s.command).filter((p) => p.kind === "secret"), `step ${s.id} command`).toEqual([]);
      if (s.doneWhen) expect(placeholdersIn(s.doneWhen).filter((p) => p.kind === "secret"), `step ${s.id} doneWhen`).toEqual([]);
    }
    for (const s of recipe.services)
      expect(placeholdersIn(s.health.command).filter((p) => p.kind === "secret"), `${s.unit} health`).toEqual([]);
  });

  test("given its files, when a file holds a secret, then it is not world-readable", () => {
    for (const [path, f] of Object.entries(recipe.files)) {
      const holdsSecret = Object.values(f.sections).some((kv) => Object.values(kv).some((v) => placeholdersIn(v).some((p) => p.kind === "secret")));
      if (holdsSecret) expect(parseInt(f.mode, 8) & 0o007, `${path} mode ${f.mode}`).toBe(0);
    }
  });

  test("given its files, when a file has no sections (keyValue), then it uses only the section named empty", () => {
    for (const [path, f] of Object.entries(recipe.files))
      if (f.format === "keyValue") expect(Object.keys(f.sections), path).toEqual([""]);
  });

  test("given its steps, when okExitCodes are read, then each step accepts at least one exit code", () => {
    for (const s of recipe.steps) expect(s.okExitCodes.length, `step ${s.id}`).toBeGreaterThan(0);
  });

  test("given its packages, when listed, then nova-compute or the controller services are in it and none repeats", () => {
    expect(new Set(recipe.packages).size).toBe(recipe.packages.length);
    expect(recipe.packages).toContain(role === "controller" ? "nova-api" : "nova-compute");
  });
});

describe("Zed controller recipe", () => {
  const nova = ZED_RECIPES.controller.files["/etc/nova/nova.conf"].sections;

  test.each(["ImagePropertiesFilter", "AggregateInstanceExtraSpecsFilter", "AvailabilityZoneFilter"])(
    "given nova.conf, when the scheduler filters are read, then %s is enabled",
    (filter) => {
      expect(nova.filter_scheduler.enabled_filters.split(",")).toContain(filter);
    },
  );

  test("given the nova-api unit, when its command is read, then it runs the eventlet binary, not uwsgi", () => {
    const unit = ZED_RECIPES.controller.files["/etc/systemd/system/nova-api.service"].sections;
    expect(unit.Service.ExecStart).toMatch(/^\/usr\/bin\/nova-api /);
  });

  test("given the bootstrap steps, when cell1 is created, then exit code 2 (cell exists) counts as success", () => {
    const step = ZED_RECIPES.controller.steps.find((s) => s.id === "nova-cell1");
    expect(step?.okExitCodes).toEqual([0, 2]);
  });

  test("given the bootstrap steps, when neutron's endpoint is registered, then it happens before nova-api starts", () => {
    const r = ZED_RECIPES.controller;
    const identity = r.steps.find((s) => s.id === "keystone-services");
    expect(identity?.env?.PV_IDENTITY).toContain('"type":"network"');
    const neededBeforeIdentity = new Set(r.steps.slice(0, r.steps.indexOf(identity!)).flatMap((s) => s.needs));
    expect(neededBeforeIdentity.has("nova-api")).toBe(false);
  });
});

describe("Zed compute recipes", () => {
  test.each([
    ["compute-qemu", "libvirt.LibvirtDriver", "qemu"],
    ["compute-lxc", "libvirt.LibvirtDriver", "lxc"],
    ["compute-fake", "fake.FakeDriver", undefined],
  ] as const)("given %s, when nova-compute.conf is read, then the driver is %s with virt_type %s", (role, driver, virtType) => {
    const conf = ZED_RECIPES[role].files["/etc/nova/nova-compute.conf"].sections;
    expect(conf.DEFAULT.compute_driver).toBe(driver);
    expect(conf.libvirt?.virt_type).toBe(virtType);
  });

  test("given the LXC node, when host devices are read, then FUSE and loop devices are required", () => {
    expect(ZED_RECIPES["compute-lxc"].hostDevices).toEqual(expect.arrayContaining(["/dev/fuse", "/dev/loop-control"]));
    expect(ZED_RECIPES["compute-qemu"].hostDevices).toEqual([]);
  });

  test("given the fake node, when its files are listed, then it has no libvirt configuration", () => {
    expect(Object.keys(ZED_RECIPES["compute-fake"].files).filter((f) => f.includes("libvirt"))).toEqual([]);
  });

  test.each(["compute-qemu", "compute-lxc", "compute-fake"] as const)(
    "given %s, when the OVS agent config is read, then it uses the userspace datapath",
    (role) => {
      const ovs = ZED_RECIPES[role].files["/etc/neutron/plugins/ml2/openvswitch_agent.ini"].sections.ovs;
      expect(ovs.datapath_type).toBe("netdev");
    },
  );
});
