/**
 * A TypeScript report script compiled into one cached module (src/cli/script-bundle.ts), as the
 * built CLI imports it: relative imports resolved as tsx resolves them, packages left to Node's
 * resolution (one instance shared with the library), each file's own import.meta, a cache that
 * notices a changed helper, and esbuild's syntax errors as its transform errors read.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as aq from "arquero";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledScript } from "../../src/cli/script-bundle.ts";
import { ROOT } from "../report/helpers.ts";

const require = createRequire(import.meta.url);
const ESBUILD = `${pathToFileURL(require.resolve("esbuild")).href}#test`;
const UTFALL = (spec: string) => `file:///no/such/${spec}.js`;

let dir: string;
beforeAll(async () => {
  // Inside the repository, so that "arquero" resolves from the script as from a report in reports/.
  const cache = path.join(ROOT, "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  dir = await mkdtemp(path.join(cache, "utfall-bundle-"));
  await writeFile(path.join(dir, "helper.ts"), `export const TITLE: string = "från helper.ts";\nexport const HELPER_URL: string = import.meta.url;\n`);
  // Beside helper.ts, a helper.js that "./helper.js" must not reach (tsx, too, takes the .ts).
  await writeFile(path.join(dir, "helper.js"), `export const TITLE = "fel fil"; export const HELPER_URL = "";\n`);
  await mkdir(path.join(dir, "del"));
  await writeFile(path.join(dir, "del", "index.ts"), `export const ONE: number = 1;\n`);
  await writeFile(path.join(dir, "namn.json"), `{ "kommun": "Benchby" }\n`);
  await writeFile(
    path.join(dir, "skript.ts"),
    `import * as aq from "arquero";
import path from "node:path";
import { TITLE, HELPER_URL } from "./helper.js";
import { ONE } from "./del";
import namn from "./namn.json";
interface Shown { n: number }
const shown: Shown = { n: ONE + 1 };
export const title = TITLE;
export const helperUrl = HELPER_URL;
export const own = { url: import.meta.url, dirname: import.meta.dirname, filename: import.meta.filename };
export const two = shown.n;
export const kommun: string = namn.kommun;
export const table = aq.table;
export const base = path.basename(import.meta.filename);
`,
  );
  // Packages that esbuild, left to itself, would take from a "module" condition or field, which Node ignores.
  await mkdir(path.join(dir, "node_modules", "tva-vagar"), { recursive: true });
  await writeFile(path.join(dir, "node_modules", "tva-vagar", "package.json"), JSON.stringify({ name: "tva-vagar", exports: { module: "./m.js", import: "./i.mjs", default: "./i.mjs" } }));
  await writeFile(path.join(dir, "node_modules", "tva-vagar", "m.js"), `export const which = "module";\n`);
  await writeFile(path.join(dir, "node_modules", "tva-vagar", "i.mjs"), `export const which = "import";\n`);
  await mkdir(path.join(dir, "node_modules", "huvudfil"), { recursive: true });
  await writeFile(path.join(dir, "node_modules", "huvudfil", "package.json"), JSON.stringify({ name: "huvudfil", type: "module", main: "main.js", module: "module.js" }));
  await writeFile(path.join(dir, "node_modules", "huvudfil", "main.js"), `export const which = "main";\n`);
  await writeFile(path.join(dir, "node_modules", "huvudfil", "module.js"), `export const which = "module";\n`);
  await writeFile(path.join(dir, "paket.ts"), `export { which as a } from "tva-vagar";\nexport { which as b } from "huvudfil";\n`);
  await writeFile(path.join(dir, "paket.mjs"), `export { which as a } from "tva-vagar";\nexport { which as b } from "huvudfil";\n`);
  await writeFile(path.join(dir, "syntax.ts"), `export default 1;\nconst x = 2;\n  const a: number = ;\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a TypeScript script as one compiled module", () => {
  it("resolves ./helper.js to helper.ts and ./del to del/index.ts, keeps each file's import.meta, and shares arquero with the library", async () => {
    const m = (await import(await bundledScript(path.join(dir, "skript.ts"), ESBUILD, UTFALL))) as Record<string, unknown>;
    expect(m.title).toBe("från helper.ts");
    expect(m.two).toBe(2);
    expect(m.kommun).toBe("Benchby");
    const script = path.join(dir, "skript.ts");
    expect(m.own).toEqual({ url: pathToFileURL(script).href, dirname: dir, filename: script });
    expect(m.helperUrl).toBe(pathToFileURL(path.join(dir, "helper.ts")).href);
    expect(m.base).toBe("skript.ts");
    // The same arquero module as this file's import: one instance for the script and the library.
    expect(m.table).toBe(aq.table);
  });

  it("leaves a package to the file Node's resolution gives (its import condition, its main), not esbuild's", async () => {
    const bundled = (await import(await bundledScript(path.join(dir, "paket.ts"), ESBUILD, UTFALL))) as { a: string; b: string };
    const byNode = (await import(pathToFileURL(path.join(dir, "paket.mjs")).href)) as { a: string; b: string };
    expect(byNode).toMatchObject({ a: "import", b: "main" });
    expect({ a: bundled.a, b: bundled.b }).toEqual({ a: byNode.a, b: byNode.b });
  });

  it("compiles again when a file the script imports has changed, and gives a new module", async () => {
    const script = path.join(dir, "skript.ts");
    const first = await bundledScript(script, ESBUILD, UTFALL);
    expect(await bundledScript(script, ESBUILD, UTFALL)).toBe(first); // unchanged: the cached module
    await writeFile(path.join(dir, "helper.ts"), `export const TITLE: string = "ändrad";\nexport const HELPER_URL: string = import.meta.url;\n`);
    const second = await bundledScript(script, ESBUILD, UTFALL);
    expect(second).not.toBe(first);
    expect(((await import(second)) as { title: string }).title).toBe("ändrad");
  });

  it("reads a syntax error as esbuild's transform error, at the file's own line and column", async () => {
    const file = path.join(dir, "syntax.ts");
    const err = await bundledScript(file, ESBUILD, UTFALL).then(() => null, (e: unknown) => e as Error);
    expect(err?.name).toBe("TransformError");
    expect(err?.message).toBe(`Transform failed with 1 error:\n${file}:3:20: ERROR: Unexpected ";"`);
  });
});
