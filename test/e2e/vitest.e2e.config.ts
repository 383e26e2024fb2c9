import { defineConfig } from "vitest/config";

// End-to-end tests that need a cloud handed to them (POLYVISOR_E2E_CLOUD): kept out of the default
// `test/**/*.test.ts` include, run with `npx vitest run --config test/e2e/vitest.e2e.config.ts`.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    reporters: ["default"],
  },
});
