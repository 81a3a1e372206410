// Builds the real report scripts in reports/ from data/sample with `runBuild` (the code behind
// `utfall build`), with a fixed build time and a fixed pseudonym key, into a folder of the
// caller's choosing. Shared by the end-to-end and the browser tests.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runBuild } from "../../src/cli/build.ts";
import { ROOT, listFiles } from "../report/helpers.ts";

export const SAMPLE_DIR = path.join(ROOT, "data/sample");
export const SAMPLE_ENV = { SOURCE_DATE_EPOCH: "1700000000", UTFALL_PSEUDONYM_KEY: "00112233445566778899aabbccddeeff" };

export interface SampleBuild {
  code: number;
  stdout: string;
  stderr: string;
  /** Where the reports are (absolute): the --out folder, or <out>/publik for --public; each report is in <dir>/<name>/. */
  out: string;
}

/** `utfall build [...extra] --data data/sample --out <out>` in the repository root. */
export async function buildSamples(out: string, extra: string[] = []): Promise<SampleBuild> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runBuild([...extra, "--data", "data/sample", "--out", out], {
    stdout: (s: string) => void stdout.push(s),
    stderr: (s: string) => void stderr.push(s),
    env: { ...SAMPLE_ENV },
    cwd: ROOT,
  });
  return { code, stdout: stdout.join(""), stderr: stderr.join(""), out: extra.includes("--public") ? path.join(out, "publik") : out };
}

export async function readAll(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const rel of await listFiles(dir)) files.set(rel, await readFile(path.join(dir, rel)));
  return files;
}
