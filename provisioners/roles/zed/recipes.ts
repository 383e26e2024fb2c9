// Every Zed role recipe by role name: the table the stage engine and the tests iterate over.

import type { RoleName, RoleRecipe } from "../recipe";
import { COMPUTE_FAKE_RECIPE } from "./compute-fake";
import { COMPUTE_LXC_RECIPE } from "./compute-lxc";
import { COMPUTE_QEMU_RECIPE } from "./compute-qemu";
import { CONTROLLER_RECIPE } from "./controller";

export const ZED_RECIPES: Readonly<Record<RoleName, RoleRecipe>> = {
  controller: CONTROLLER_RECIPE,
  "compute-qemu": COMPUTE_QEMU_RECIPE,
  "compute-lxc": COMPUTE_LXC_RECIPE,
  "compute-fake": COMPUTE_FAKE_RECIPE,
};
