// The one place that decides which proven role recipe a part of the cloud gets: the controller
// recipe per release, and a compute recipe per (release, driver). A part with no recipe here keeps
// its driver data (packages and services only): the recipe table grows as recipes are proven.

import type { RoleRecipe } from "./recipe";
import { COMPUTE_FAKE_RECIPE, COMPUTE_LXC_RECIPE, COMPUTE_QEMU_RECIPE, CONTROLLER_RECIPE } from "./zed";

interface ReleaseRecipes {
  readonly controller: RoleRecipe;
  /** polyvisor driver id -> the compute recipe proven for it. */
  readonly compute: Readonly<Record<string, RoleRecipe>>;
}

const RECIPES: Readonly<Record<string, ReleaseRecipes>> = {
  zed: {
    controller: CONTROLLER_RECIPE,
    compute: {
      "libvirt-qemu-x86": COMPUTE_QEMU_RECIPE,
      "libvirt-lxc": COMPUTE_LXC_RECIPE,
      fake: COMPUTE_FAKE_RECIPE,
    },
  },
};

/** The controller recipe of a release, if one was proven. */
export function recipeForController(release: string): RoleRecipe | undefined {
  return RECIPES[release]?.controller;
}

/** The compute recipe of a driver in a release, if one was proven. */
export function recipeForCompute(release: string, driverId: string): RoleRecipe | undefined {
  return RECIPES[release]?.compute[driverId];
}

/** Releases and drivers that have recipes (for messages and tests). */
export function recipeCoverage(): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(Object.entries(RECIPES).map(([r, x]) => [r, Object.keys(x.compute)]));
}
