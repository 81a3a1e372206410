/**
 * The seeded sample-data generator: writes every file of the table "The sample files" in
 * data/README.md into a folder, in the encoding and dialect listed there.
 *
 *   npx tsx data/generate.ts                 # rewrites data/sample/ (byte for byte the same)
 *   npx tsx data/generate.ts out/big --scale 250 --only deltagare.csv   # ~1 000 000 rows
 *
 * Deterministic: a seeded PRNG (sfc32), no Math.random, no clock, UTC dates only, so the same
 * seed and scale give byte-identical files on any machine and in any time zone.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SAMPLE_FILES, WRITERS, type Context } from "./generate/files.ts";
import { buildWorld } from "./generate/model.ts";
import { Rng } from "./generate/rng.ts";

export { SAMPLE_FILES, type FileSpec } from "./generate/files.ts";

/** The seed of the committed sample. */
export const DEFAULT_SEED = 20230430;

export interface GenerateOptions {
  /** PRNG seed (default {@link DEFAULT_SEED}). */
  seed?: number;
  /**
   * Size factor for the person-based files (participants, attendance, assistance; places in the
   * catalogue scale with it). 1 = the committed sample (~4 000 enrolments); 250 gives about
   * 1 000 000 participant rows. Default 1.
   */
  scale?: number;
  /** Write only these files (names as in SAMPLE_FILES); default all. */
  only?: readonly string[];
}

export interface GeneratedFile {
  file: string;
  kind: string;
  path: string;
  bytes: number;
  /** Data rows written (title, header and footer lines not counted). */
  rows: number;
}

/** Write the sample files into `outDir` (created if needed). */
export async function generateSample(outDir: string, opts: GenerateOptions = {}): Promise<GeneratedFile[]> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(scale > 0 && scale <= 10_000)) throw new RangeError(`scale must be in (0, 10000], got ${scale}`);
  const names = new Set(SAMPLE_FILES.map((f) => f.file));
  for (const n of opts.only ?? []) if (!names.has(n)) throw new RangeError(`unknown sample file ${n}; known: ${[...names].join(", ")}`);
  const wanted = new Set(opts.only ?? names);
  fs.mkdirSync(outDir, { recursive: true });

  const rng = new Rng(seed);
  const ctx: Context = { outDir, rng, world: buildWorld(rng, scale) };
  const out: GeneratedFile[] = [];
  // Kolada's own-municipality N31824 is computed from the assistance recipients.
  const needAssistance = wanted.has("ekonomiskt-bistand.csv") || wanted.has("kolada.csv");
  let scratch: string | null = null;
  for (const spec of SAMPLE_FILES) {
    let target = outDir;
    if (!wanted.has(spec.file)) {
      if (!(spec.file === "ekonomiskt-bistand.csv" && needAssistance)) continue;
      scratch = fs.mkdtempSync(path.join(outDir, ".scratch-"));
      target = scratch;
    }
    ctx.outDir = target;
    const rows = WRITERS[spec.file](ctx, spec);
    ctx.outDir = outDir;
    if (target === outDir) {
      const p = path.join(outDir, spec.file);
      out.push({ file: spec.file, kind: spec.kind, path: p, bytes: fs.statSync(p).size, rows });
    }
  }
  if (scratch !== null) fs.rmSync(scratch, { recursive: true, force: true });
  return out;
}

function usage(): string {
  return "Användning: tsx data/generate.ts [mapp] [--seed N] [--scale X] [--only fil.csv,...]\n(standard: data/sample, seed " + DEFAULT_SEED + ", scale 1)\n";
}

async function cli(argv: string[]): Promise<number> {
  let dir: string | null = null;
  const opts: { seed?: number; scale?: number; only?: string[] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--help" || a === "-h") {
      process.stdout.write(usage());
      return 0;
    } else if (a === "--seed") opts.seed = Number(val());
    else if (a === "--scale") opts.scale = Number(val());
    else if (a === "--only") opts.only = val().split(",").map((s) => s.trim()).filter(Boolean);
    else if (a.startsWith("-")) {
      process.stderr.write(`okänd flagga ${a}\n${usage()}`);
      return 2;
    } else if (dir === null) dir = a;
    else {
      process.stderr.write(`för många argument\n${usage()}`);
      return 2;
    }
  }
  const outDir = dir ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "sample");
  const files = await generateSample(outDir, opts);
  for (const f of files) process.stdout.write(`${f.file.padEnd(24)} ${String(f.rows).padStart(9)} rader ${String(f.bytes).padStart(11)} byte\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
