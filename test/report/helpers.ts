// Shared by the report, golden and browser tests: build a golden case silently and deterministically.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildReport, type BuiltReport } from "../../src/report/build.ts";
import { isReportDefinition } from "../../src/report/report.ts";
import type { BuildOptions, Effects } from "../../src/report/types.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const GOLDEN = path.join(ROOT, "test/golden");
export const BUILD_TIME = "2023-05-02T06:00:00.000Z";

/** Effects that never touch the clock or the console; log lines are collected. */
export const TEST_ENV = { UTFALL_PSEUDONYM_KEY: "utfall-test-key-not-secret" };

export function silentEffects(log: string[] = [], env: Record<string, string | undefined> = TEST_ENV): Effects {
  return {
    log: (line) => void log.push(line),
    now: () => {
      throw new Error("the clock must not be read in tests");
    },
    env,
    cwd: ROOT,
  };
}

export async function buildCase(name: string, options: Partial<BuildOptions> = {}, log: string[] = []): Promise<BuiltReport> {
  const mod = (await import(path.join(GOLDEN, name, "report.ts"))) as { default: unknown };
  if (!isReportDefinition(mod.default)) throw new Error(`test/golden/${name}/report.ts has no report default export`);
  return buildReport(
    mod.default,
    {
      name,
      dataDir: `test/golden/${name}/input`,
      public: true,
      buildTime: BUILD_TIME,
      libraryVersion: "0.0.0-golden",
      ...options,
    },
    silentEffects(log),
  );
}

export const text = (bytes: Uint8Array | undefined): string => {
  if (!bytes) throw new Error("missing output file");
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
};

/**
 * Every file under dir, as sorted relative paths with "/". Report paths are links to hidden
 * version folders (src/report/write.ts): links are followed, hidden entries left out.
 */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name.startsWith(".")) continue;
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path.join(dir, entry.name))).isDirectory());
    if (isDir) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}
