/**
 * The committed WebAssembly modules (src/read/*-wasm.ts) are what their AssemblyScript sources
 * (src/wasm/*.ts) compile to: `npm run build:wasm` was run after every change of a source.
 */
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { FIELDS_WASM } from "../../src/read/fields-wasm.ts";
import { HMAC_WASM } from "../../src/read/hmac-wasm.ts";

it("each committed module is what its source compiles to", () => {
  const fresh = JSON.parse(execFileSync(process.execPath, ["bin/build-wasm.js", "--print"], { encoding: "utf8" })) as Record<string, string>;
  expect(Object.keys(fresh).sort()).toEqual(["FIELDS_WASM", "HMAC_WASM"]);
  expect(fresh.FIELDS_WASM).toBe(FIELDS_WASM);
  expect(fresh.HMAC_WASM).toBe(HMAC_WASM);
}, 60_000);
