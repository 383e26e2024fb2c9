import { defineConfig } from "vitest/config";

// Tests drive real hosts, real terraform and real services: generous timeouts, and test files run
// one after another so that two files never fight over the same test hosts or ports.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    reporters: ["default"],
  },
});
