/**
 * `utfall build [report...] [--data dir] [--out dir] [--period YYYY-MM] [--public]`
 *
 * Finds report scripts in `reports/*.ts` (each default-exports `report(...)`), builds all of them
 * or the named ones from the data folder (default `data/sample`) into `<out>/<report-name>/`
 * (default `out/`). Each report is written atomically. Exit codes: 0 all built, 1 a build failed
 * (its previous output, if any, is left untouched), 2 usage error.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildReport } from "../report/build.ts";
import { isPeriod, isReportDefinition } from "../report/report.ts";
import { writeReportAtomically } from "../report/write.ts";
import { redact } from "../read/redact.ts";

/**
 * What runBuild needs from the CLI's `Io` (src/cli/io.ts, H2): written structurally so either a
 * writer function or a stream-like `{ write }` fits, and `cwd` may be a string or a function.
 */
export interface BuildIo {
  stdout: ((text: string) => unknown) | { write(text: string): unknown };
  stderr: ((text: string) => unknown) | { write(text: string): unknown };
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string | (() => string);
}
type Io = BuildIo;

export const BUILD_USAGE = `Användning: utfall build [rapport ...] [--data mapp] [--out mapp] [--period ÅÅÅÅ-MM] [--public]

Bygger rapporterna i reports/*.ts (alla, eller de namngivna) till <out>/<rapport>/.
  --data mapp      mapp med exportfiler (standard: data/sample)
  --out mapp       utdatamapp (standard: out)
  --period ÅÅÅÅ-MM rapportperiod (sista månaden som ingår)
  --public         publik version: antal under 5 personer döljs
`;

interface BuildArgs {
  names: string[];
  data: string;
  out: string;
  period?: string;
  public: boolean;
  help: boolean;
}

class UsageError extends Error {}

export function parseBuildArgs(args: string[]): BuildArgs {
  const parsed: BuildArgs = { names: [], data: "data/sample", out: "out", public: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf("=");
    const [flag, inline] = arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) throw new UsageError(`${flag} behöver ett värde`);
      return v;
    };
    switch (flag) {
      case "--data":
        parsed.data = value();
        break;
      case "--out":
        parsed.out = value();
        break;
      case "--period": {
        const p = value();
        if (!isPeriod(p)) throw new UsageError(`--period ska vara ÅÅÅÅ-MM, inte ${JSON.stringify(p)}`);
        parsed.period = p;
        break;
      }
      case "--public":
        if (inline !== undefined) throw new UsageError("--public tar inget värde");
        parsed.public = true;
        break;
      case "-h":
      case "--help":
        parsed.help = true;
        break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`okänd flagga ${arg}`);
        parsed.names.push(arg.replace(/\.ts$/, ""));
    }
  }
  return parsed;
}

type Writer = (text: string) => void;

/** Accepts a writer function or a stream-like `{ write }`. */
function writerOf(w: unknown): Writer {
  if (typeof w === "function") return (s) => void (w as (s: string) => unknown)(s);
  if (w && typeof (w as { write?: unknown }).write === "function") return (s) => void (w as { write(s: string): unknown }).write(s);
  throw new TypeError("io: stdout/stderr must be a function or have write()");
}

function cwdOf(io: Io): string {
  const c = io.cwd;
  if (typeof c === "function") return c();
  return typeof c === "string" ? c : process.cwd();
}

function envOf(io: Io): Readonly<Record<string, string | undefined>> {
  return io.env ?? process.env;
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Report scripts: reports/*.ts except tests, declarations and files starting with "_". */
export async function findReports(reportsDir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!(await isDir(reportsDir))) return found;
  for (const file of (await readdir(reportsDir)).sort()) {
    if (!file.endsWith(".ts") || file.endsWith(".d.ts") || file.endsWith(".test.ts") || file.startsWith("_")) continue;
    found.set(file.slice(0, -3), path.join(reportsDir, file));
  }
  return found;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runBuild(args: string[], io: Io): Promise<number> {
  const out = writerOf(io.stdout);
  const errw = writerOf(io.stderr);
  // Every line goes through the identity-number filter: a strict load's error quotes the bad
  // cell, and a personnummer typed into a non-personal column must not reach a terminal or CI log.
  const say = (line: string) => out(`${redact(line)}\n`);
  const fail = (line: string) => errw(`${redact(line)}\n`);
  const cwd = cwdOf(io);
  const env = envOf(io);

  let opts: BuildArgs;
  try {
    opts = parseBuildArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    fail(`utfall build: ${err.message}`);
    fail(BUILD_USAGE.trimEnd());
    return 2;
  }
  if (opts.help) {
    say(BUILD_USAGE.trimEnd());
    return 0;
  }

  const reportsDir = path.resolve(cwd, "reports");
  const available = await findReports(reportsDir);
  if (available.size === 0) {
    fail(`utfall build: hittar inga rapportskript i ${path.relative(cwd, reportsDir) || "."}/ (*.ts)`);
    return 2;
  }
  const unknown = opts.names.filter((n) => !available.has(n));
  if (unknown.length > 0) {
    fail(`utfall build: okänd rapport ${unknown.join(", ")}; finns: ${[...available.keys()].join(", ")}`);
    return 2;
  }
  const dataDir = path.resolve(cwd, opts.data);
  if (!(await isDir(dataDir))) {
    fail(`utfall build: datamappen ${opts.data} finns inte`);
    return 2;
  }
  const names = opts.names.length > 0 ? [...new Set(opts.names)] : [...available.keys()];

  let failed = 0;
  for (const name of names) {
    const script = available.get(name)!;
    const target = path.resolve(cwd, opts.out, name);
    say(`Bygger ${name} …`);
    try {
      const mod = (await import(pathToFileURL(script).href)) as { default?: unknown };
      if (!isReportDefinition(mod.default)) {
        throw new Error(`${path.relative(cwd, script)} ska ha \`export default report({...}, async (r) => {...})\``);
      }
      const built = await buildReport(
        mod.default,
        { name, dataDir: opts.data, period: opts.period, public: opts.public },
        { log: say, now: () => new Date(), env, cwd },
      );
      await writeReportAtomically(target, built.files);
      const shown = path.relative(cwd, target) || target;
      say(`Klar: ${name} → ${shown}/ (${built.figures.charts.length} diagram, ${built.figures.tables.length} tabeller)`);
    } catch (err) {
      failed++;
      fail(`Fel: ${name} byggdes inte: ${message(err)}`);
    }
  }
  if (failed > 0) {
    fail(`${failed} av ${names.length} rapporter misslyckades; tidigare utdata för dem är orörd.`);
    return 1;
  }
  return 0;
}
