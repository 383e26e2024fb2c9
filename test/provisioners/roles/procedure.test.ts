import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { placeholdersIn } from "../../../provisioners/roles/placeholders";
import { boundFiles, recipeForCompute, recipeForController, roleProcedure, ZED_RECIPES } from "../../../provisioners/roles";
import type { RecipeBindings, RoleRecipe } from "../../../provisioners/roles";

const bindingsFor = (recipe: RoleRecipe): RecipeBindings => ({
  params: Object.fromEntries(recipe.params.map((p) => [p, `P_${p}`])),
  secretName: (s) => `cloud_${s}`,
  where: "test/cloud",
});

describe.each(Object.values(ZED_RECIPES))("the $role recipe as role inputs", (recipe) => {
  const p = roleProcedure(recipe, bindingsFor(recipe));

  test("given bound params, when converted, then no param placeholder is left and secrets carry the cloud's names", () => {
    const text = [...p.bootstrapCommands, ...p.healthChecks, ...boundFiles(recipe, bindingsFor(recipe)).flatMap((f) => Object.values(f.file.sections).flatMap((kv) => Object.values(kv)))].join("\n");
    const found = placeholdersIn(text);
    expect(found.filter((x) => x.kind === "param")).toEqual([]);
    for (const s of found) expect(s.name).toMatch(/^cloud_/);
  });

  test("given the recipe's services, when converted, then they come in start order with one health check each", () => {
    const order = p.services.map((u) => recipe.services.find((s) => s.unit === u)!.order);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(p.healthChecks.length).toBe(recipe.services.length);
  });

  test("given a finalize step, when converted, then every service is started before it", () => {
    const finalize = recipe.steps.findIndex((s) => s.phase === "finalize");
    if (finalize < 0) return expect(recipe.steps.every((s) => s.phase !== "finalize")).toBe(true);
    const at = p.bootstrapCommands.findIndex((c) => c.includes(`# polyvisor step ${recipe.steps[finalize].id}:`));
    const startedBefore = p.bootstrapCommands.slice(0, at + 1).join("\n");
    for (const s of recipe.services) expect(startedBefore, s.unit).toContain(`systemctl start ${s.unit}\n`);
  });

  test("given steps that need services, when converted, then each needed service is started (once) before its first step", () => {
    const needed = [...new Set(recipe.steps.flatMap((s) => s.needs))];
    for (const unit of needed) {
      const starts = p.bootstrapCommands.filter((c) => c.includes(`systemctl start ${unit}\n`));
      expect(starts.length, unit).toBe(1);
    }
  });
});

describe("which recipe a part gets", () => {
  test.each([
    ["zed", "libvirt-qemu-x86", "compute-qemu"],
    ["zed", "libvirt-lxc", "compute-lxc"],
    ["zed", "fake", "compute-fake"],
    ["zed", "vmware", undefined],
    ["2023.1", "libvirt-qemu-x86", undefined],
  ])("given release %s and driver %s, when selected, then the recipe is %s", (release, driver, role) => {
    expect(recipeForCompute(release, driver)?.role).toBe(role);
  });

  test("given zed, when the controller recipe is selected, then it is the proven controller", () => {
    expect(recipeForController("zed")?.role).toBe("controller");
  });

  test("given a param the deployment does not bind, when converted, then UnknownPlaceholder names it and where", () => {
    const recipe = ZED_RECIPES.controller;
    let caught: unknown;
    try {
      roleProcedure(recipe, { ...bindingsFor(recipe), params: {} });
    } catch (err) {
      caught = err;
    }
    expect(isPolyvisorError(caught, "UnknownPlaceholder")).toBe(true);
    expect(String((caught as Error).message)).toContain("test/cloud");
  });
});
