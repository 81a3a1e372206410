/**
 * The built CLI's loader for TypeScript report scripts (src/cli/typescript.ts), through the real
 * bin/utfall.js: `./helper.js` and `./helper` resolve to `helper.ts`, `./del` to `del/index.ts`
 * (as under tsx); a failing script is named
 * with its own line (the compiled code's source map); a syntax error reads as it did under tsx;
 * the compile cache (in TMPDIR) is used, ignored when others could write to it, and rid of entries
 * not used for 30 days.
 */
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../report/helpers.ts";
import { SAMPLE_ENV } from "../e2e/sample.ts";

const HELPER = `export const TITLE: string = "Rapport med en hjalpfil";\n`;
const HELPER2 = `export function twice(n: number): number {\n  return 2 * n;\n}\n`;
const SCRIPT = `import { report, number } from "utfall/report";
import { TITLE } from "./helper.js";
import { twice } from "./helper2";
import { ONE } from "./del";

interface Shown { label: string }

export default report({ title: TITLE, period: "2023-04" }, async (r) => {
  const shown: Shown = { label: "Två gånger två" };
  r.keyFigures([{ label: shown.label, value: number(twice(2) + ONE - 1, "tva-ganger-tva") }]);
});
`;
const FAILING = `import { report } from "utfall/report";

interface Nothing { a: number }

export default report({ title: "Fel" }, async (r) => {
  r.heading("Rubrik");
  const x = undefined as unknown as Nothing;
  return x.a;
});
`;
const SYNTAX = `import { report } from "utfall/report";
export default report({ title: "S" }, async () => {
  const a: number = ;
});
`;

let tmp: string;
let scripts: string;
let tmpdir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-loader-"));
  scripts = path.join(tmp, "skript");
  tmpdir = path.join(tmp, "tmp");
  await mkdir(scripts, { recursive: true });
  await mkdir(tmpdir, { recursive: true });
  await writeFile(path.join(scripts, "helper.ts"), HELPER);
  await writeFile(path.join(scripts, "helper2.ts"), HELPER2);
  // Beside helper.ts, a helper.js that "./helper.js" must not reach (tsx, too, takes the .ts).
  await writeFile(path.join(scripts, "helper.js"), `export const TITLE = "fel fil";\n`);
  await mkdir(path.join(scripts, "del"));
  await writeFile(path.join(scripts, "del", "index.ts"), `export const ONE: number = 1;\n`);
  await writeFile(path.join(scripts, "med-hjalpare.ts"), SCRIPT);
  await writeFile(path.join(scripts, "fel.ts"), FAILING);
  await writeFile(path.join(scripts, "syntax.ts"), SYNTAX);
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** `node bin/utfall.js build <script> --data data/sample --out <out>` from the scripts' folder, with its own TMPDIR. */
function cli(script: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "utfall.js"), "build", script, "--data", path.join(ROOT, "data", "sample"), "--out", out],
      { cwd: scripts, timeout: 120_000, env: { ...process.env, ...SAMPLE_ENV, TMPDIR: tmpdir } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr: stderr.replace(/^utfall: src\/ har ändrats sedan senaste bygget.*\n?/gm, "") }),
    );
  });
}

const cacheDir = () => path.join(tmpdir, `utfall-${process.getuid?.() ?? os.userInfo().username}`, "ts");

async function titleOf(out: string, name: string): Promise<string> {
  return (JSON.parse(await readFile(path.join(out, name, "figures.json"), "utf8")) as { report: { title: string } }).report.title;
}

describe("TypeScript report scripts in the built CLI", () => {
  it("resolves ./helper.js, ./helper2 and ./del to helper.ts, helper2.ts and del/index.ts, and builds", async () => {
    const out = path.join(tmp, "ut1");
    const r = await cli("med-hjalpare.ts", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(await titleOf(out, "med-hjalpare")).toBe("Rapport med en hjalpfil");
    const figures = JSON.parse(await readFile(path.join(out, "med-hjalpare", "figures.json"), "utf8")) as { figures: { id: string; value: unknown }[] };
    expect(figures.figures.find((f) => f.id === "tva-ganger-tva")!.value).toBe(4);
  });

  it("names the line of the script where it failed", async () => {
    const r = await cli("fel.ts", path.join(tmp, "ut2"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("TypeError: Cannot read properties of undefined (reading 'a') [fel.ts:8]");
  });

  it("reports a syntax error with esbuild's message, as tsx did", async () => {
    const r = await cli("syntax.ts", path.join(tmp, "ut3"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("när rapportskriptet lästes in (while loading the report script): TransformError: Transform failed with 1 error:\nsyntax.ts:3:20: ERROR: Unexpected \";\" [syntax.ts:3]");
  });

  it("keeps compiled scripts in a cache of its own, and ignores a cache others can write to", async () => {
    const dir = cacheDir();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const entries = await readdir(dir);
    expect(entries.length).toBeGreaterThanOrEqual(3); // med-hjalpare.ts, helper.ts, helper2.ts (fel.ts too)
    // The cache is used: change the compiled helper and the next build shows it.
    let changed = 0;
    for (const e of entries) {
      const file = path.join(dir, e);
      const code = await readFile(file, "utf8");
      if (code.includes("Rapport med en hjalpfil")) {
        await writeFile(file, code.replace("Rapport med en hjalpfil", "Från cachen"));
        changed++;
      }
    }
    expect(changed).toBe(1);
    const out = path.join(tmp, "ut4");
    expect((await cli("med-hjalpare.ts", out)).code).toBe(0);
    expect(await titleOf(out, "med-hjalpare")).toBe("Från cachen");
    // A cache folder others may write to is not read.
    await chmod(dir, 0o777);
    const out2 = path.join(tmp, "ut5");
    expect((await cli("med-hjalpare.ts", out2)).code).toBe(0);
    expect(await titleOf(out2, "med-hjalpare")).toBe("Rapport med en hjalpfil");
    await chmod(dir, 0o700);
  });

  it("removes compiled scripts not used for 30 days when it compiles one", async () => {
    const dir = cacheDir();
    const stale = path.join(dir, "0".repeat(64) + ".mjs");
    const recent = path.join(dir, "1".repeat(64) + ".mjs");
    await writeFile(stale, "export {};\n");
    await writeFile(recent, "export {};\n");
    const day = 24 * 60 * 60 * 1000;
    await utimes(stale, new Date(Date.now() - 31 * day), new Date(Date.now() - 31 * day));
    await utimes(recent, new Date(Date.now() - 29 * day), new Date(Date.now() - 29 * day));
    // A script not compiled before, so the build writes an entry.
    await writeFile(path.join(scripts, "ny.ts"), SCRIPT.replace("Två gånger två", "Två gånger två, igen"));
    expect((await cli("ny.ts", path.join(tmp, "ut6"))).code).toBe(0);
    const entries = await readdir(dir);
    expect(entries).not.toContain(path.basename(stale));
    expect(entries).toContain(path.basename(recent));
  });
});
