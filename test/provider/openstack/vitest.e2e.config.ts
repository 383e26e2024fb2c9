import { defineConfig } from "vitest/config";

// The OpenStack API resources against a REAL cloud (test/provider/openstack/cloud.e2e.ts). Not in
// the default run (its name does not match test/**/*.test.ts): it needs a deployed cloud and fails,
// never skips, without one.
//   OS_AUTH_URL=... OS_PASSWORD=... POLYVISOR_E2E_IMAGE=/path/cirros.qcow2 \
//     npx vitest run --config test/provider/openstack/vitest.e2e.config.ts
export default defineConfig({
  test: {
    include: ["test/provider/openstack/cloud.e2e.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    reporters: ["default"],
  },
});
