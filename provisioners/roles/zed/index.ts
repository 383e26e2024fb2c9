export { CONTROLLER_RECIPE, SCHEDULER_FILTERS } from "./controller";
export { COMPUTE_QEMU_RECIPE } from "./compute-qemu";
export { COMPUTE_LXC_RECIPE } from "./compute-lxc";
export { COMPUTE_FAKE_RECIPE } from "./compute-fake";
export { ZED_RECIPES } from "./recipes";
