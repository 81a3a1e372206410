// When the browser tests run, skip or fail (no browser needed for this file).
import { describe, expect, it } from "vitest";
import { browserPlan } from "./harness.ts";

const none = () => false;
const all = () => true;

describe("browserPlan", () => {
  it("runs when Chromium is there, at /usr/bin/chromium or CHROMIUM_PATH", () => {
    expect(browserPlan({}, (f) => f === "/usr/bin/chromium")).toEqual({ action: "run", chromium: "/usr/bin/chromium" });
    expect(browserPlan({ CI: "true", CHROMIUM_PATH: "/opt/chr" }, (f) => f === "/opt/chr")).toEqual({ action: "run", chromium: "/opt/chr" });
  });

  it("fails in CI when Chromium is missing, saying how to install it", () => {
    for (const CI of ["true", "1", "yes"]) {
      const plan = browserPlan({ CI }, none);
      expect(plan.action).toBe("fail");
      expect(plan.action !== "run" && plan.message).toMatch(/Chromium not found at \/usr\/bin\/chromium.*must run in CI.*\.ci\/run.*apt-get install -y chromium/);
    }
  });

  it("skips with a message elsewhere (also when CI is empty, 0 or false)", () => {
    for (const env of [{}, { CI: "" }, { CI: "0" }, { CI: "false" }]) {
      const plan = browserPlan(env, none);
      expect(plan.action).toBe("skip");
      expect(plan.action !== "run" && plan.message).toMatch(/SKIPPED on this machine.*apt-get install -y chromium/);
    }
  });

  it("UTFALL_SKIP_BROWSER=1 skips on purpose, even in CI and with Chromium present", () => {
    expect(browserPlan({ UTFALL_SKIP_BROWSER: "1", CI: "true" }, all).action).toBe("skip");
    expect(browserPlan({ UTFALL_SKIP_BROWSER: "1" }, none).action).toBe("skip");
    expect(browserPlan({ UTFALL_SKIP_BROWSER: "0" }, all).action).toBe("run");
  });
});
