import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests must not depend on the machine's time zone: dates are UTC throughout.
    env: { TZ: "America/New_York" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
