import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Report scripts import the library as "utfall" (package self-reference, built to dist/);
  // tests run on the TypeScript sources.
  resolve: {
    alias: [
      { find: /^utfall$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      { find: /^utfall\/(report|sources|metrics|charts|tables)$/, replacement: fileURLToPath(new URL("./src/", import.meta.url)) + "$1/index.ts" },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Tests must not depend on the machine's time zone: dates are UTC throughout.
    env: { TZ: "America/New_York" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
