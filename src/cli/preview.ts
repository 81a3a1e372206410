/**
 * `utfall preview [rapport ...] [--data mapp] [--period ÅÅÅÅ-MM] [--public [--history mapp]] [--port N]`
 *
 * Builds the named reports (all when none is named) in memory, serves them on 127.0.0.1 (a free
 * port unless `--port`), watches the data folder and reports/ (which holds the report scripts),
 * rebuilds what a change touches and reloads the open pages over server-sent events. A failing
 * rebuild shows its error in the page and the last good build stays served. Ctrl-C stops it:
 * watchers closed, event streams ended, the port released, exit 0. Nothing is written to disk.
 *
 * `--public` shows what `utfall build --public` publishes: the reports protected together and
 * against every earlier publication (cli/joint-protection.ts), all built again
 * on every change, since a change to one can change what the others must hide.
 *
 * A changed report script is imported afresh; modules it imports (helpers in reports/, the
 * library) are not reloaded: restart the preview after changing them.
 */
import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { redact } from "../read/redact.ts";
import type { ReportDefinition } from "../report/report.ts";
import { isPeriod, parseArgs, UsageError } from "./args.ts";
import type { Io } from "./io.ts";
import { startPreviewServer, type PreviewServer, type ServedReport } from "./preview-server.ts";
import { ChangeCollector, fsWatch, type Watch, type Watcher } from "./preview-watch.ts";
import { findReports } from "./reports.ts";
import { PUBLICATIONS_FOLDER } from "./public-folder.ts";
import type { Joint } from "./joint-protection.ts";
import { importScript } from "./typescript.ts";

export const PREVIEW_USAGE = `Användning (usage): utfall preview [rapport ...] [--data mapp] [--period ÅÅÅÅ-MM] [--public [--history mapp]] [--port N]

Bygger rapporterna (alla i reports/, eller de namngivna), visar dem på http://127.0.0.1:<port>/
och bygger om när en fil i datamappen eller i reports/ ändras; öppna sidor laddas om av sig själva.
Ett misslyckat bygge visas i sidan, och det senaste lyckade bygget visas tills felet är rättat.
Ingenting skrivs till disk. Avsluta med Ctrl-C.
(Builds the reports, serves them on 127.0.0.1, rebuilds on changes in the data folder or reports/
and reloads open pages; a failed rebuild is shown in the page while the last good build stays.)
  --data mapp      mapp med exportfiler (standard: data/sample)
  --period ÅÅÅÅ-MM rapportperiod (sista månaden som ingår)
  --public         publik version: antal under 5 personer döljs, skyddad som utfall build --public
                   skyddar den (rapporterna tillsammans och mot tidigare publiceringar)
  --history mapp   med --public: mappen med tidigare publiceringar (standard out/publiceringar)
  --port N         port på 127.0.0.1 (standard: en ledig port, som skrivs ut)
`;

export interface PreviewOptions {
  /** Report name → absolute script path, in display order. */
  reports: ReadonlyMap<string, string>;
  /** Data folder as given (relative to the working directory or absolute). */
  data: string;
  period?: string;
  public: boolean;
  /** With `public`: the records of earlier publications (default out/publiceringar), as `utfall build --history`. */
  history?: string;
  /** 0 = a free port. */
  port: number;
}

/** The outside world of a preview; `processPreviewDeps` gives the real one, tests their own. */
export interface PreviewDeps {
  watch: Watch;
  /** Calls `stop` on Ctrl-C (SIGINT) or SIGTERM; returns a function that removes the handler. */
  onInterrupt(stop: () => void): () => void;
  /** A fresh unguessable nonce for the served pages' script. */
  nonce(): string;
  now(): Date;
  /** How long changes must be quiet before a rebuild, in milliseconds. */
  quietMs: number;
}

export function processPreviewDeps(io: Io): PreviewDeps {
  return {
    watch: fsWatch((dir, err) => io.stderr(`utfall preview: kan inte bevaka ${dir} (cannot watch): ${redact(err.message)}\n`)),
    onInterrupt(stop) {
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      };
    },
    nonce: () => randomBytes(18).toString("base64"),
    now: () => new Date(),
    quietMs: 150,
  };
}

export interface BuildOutcome {
  report: string;
  ok: boolean;
  /** The error, free of identity numbers, when the build failed. */
  message?: string;
}

export interface Preview {
  port: number;
  url: string;
  /** Resolves with the outcomes of the next rebuild (after a watched change). */
  nextBuild(): Promise<BuildOutcome[]>;
  stop(): Promise<void>;
}

function errorMessage(err: unknown): string {
  return redact(err instanceof Error ? err.message : String(err));
}

/** Editors' temporary and backup files: not a change worth a rebuild. */
function isNoise(file: string): boolean {
  const base = path.basename(file);
  return base === "" || base.startsWith(".") || base.endsWith("~") || /\.(swp|swx|tmp)$/i.test(base) || base.startsWith("#");
}

/** Starts a preview: the server first (so the address is printed at once), then the first builds. */
export async function startPreview(opts: PreviewOptions, io: Io, deps: PreviewDeps): Promise<Preview> {
  const say = (line: string) => io.stdout(`${redact(line)}\n`);
  const fail = (line: string) => io.stderr(`${redact(line)}\n`);
  const names = [...opts.reports.keys()];
  const good = new Map<string, ServedReport>();
  const errors = new Map<string, string>();
  const versions = new Map<string, number>(names.map((n) => [n, 0]));
  const reportsDir = path.dirname(opts.reports.get(names[0])!);
  const dataDir = path.resolve(io.cwd, opts.data);
  // The report builder (and with it the renderer) is loaded only when a preview starts, not for
  // `utfall preview --help` or a usage error.
  const [{ buildReport }, { isReportDefinition }] = await Promise.all([import("../report/build.ts"), import("../report/report.ts")]);
  // A public preview shows what `utfall build --public` publishes: the reports protected together
  // and against the earlier publications (the build's records: `--history`, else out/publiceringar).
  const jointly = opts.public ? await import("./joint-protection.ts") : undefined;
  const records = opts.public ? await import("./publications.ts") : undefined;
  const toldFiles = opts.public ? await import("./told.ts") : undefined;
  let joint = new Map<string, Joint>();
  /** Whether the reports are protected jointly (several, or earlier publications): one left out is not shown. */
  let jointlyProtected = false;

  const server: PreviewServer = await startPreviewServer(
    { names: () => names, good: (n) => good.get(n), error: (n) => errors.get(n) },
    { port: opts.port, nonce: deps.nonce() },
  );
  say(`Förhandsvisning (preview): ${server.url}`);

  const load = async (name: string): Promise<ReportDefinition> => {
    const script = opts.reports.get(name)!;
    const version = versions.get(name) ?? 0;
    const mod = (await importScript(script, { version })) as { default?: unknown };
    if (!isReportDefinition(mod.default)) {
      throw new Error(`${path.relative(io.cwd, script)} ska ha \`export default report({...}, async (r) => {...})\` (the script must default-export a report)`);
    }
    return mod.default;
  };

  /** The joint protection of every report, solved again before the reports are built (public only). */
  const protect = async (): Promise<string | undefined> => {
    if (!jointly || !records || !toldFiles) return undefined;
    try {
      const history = path.resolve(io.cwd, opts.history ?? path.join("out", PUBLICATIONS_FOLDER));
      const earlier = await records.readPublications(history, path.relative(io.cwd, history) || history);
      // With what the earlier publications told of their hidden counts, as the builds found it (and kept as a build keeps it).
      const result = await toldFiles.withTold(history, earlier, (told) =>
        jointly.protectTogether(names, async (name) => load(name), { data: opts.data, period: opts.period }, { env: io.env, cwd: io.cwd }, earlier, told));
      joint = result.joint;
      for (const w of result.warnings) fail(`Varning: ${w}`);
      for (const n of result.notes) say(n);
      jointlyProtected = joint.size > 0 || earlier.length > 0;
      return undefined;
    } catch (err) {
      joint = new Map();
      return `röjandekontrollen av rapporterna tillsammans kunde inte lösas (the joint disclosure control failed): ${errorMessage(err)}`;
    }
  };

  const build = async (name: string, jointError?: string): Promise<BuildOutcome> => {
    say(`Bygger ${name} …`);
    try {
      if (jointError !== undefined) throw new Error(jointError);
      const j = joint.get(name);
      const built = await buildReport(await load(name), { name, dataDir: opts.data, period: opts.period, public: opts.public, ...(j ? { joint: j, threshold: j.threshold } : {}) },
        { log: say, now: deps.now, env: io.env, cwd: io.cwd });
      // Built, but left out of the joint protection (its first run failed there): not what the build publishes.
      if (jointlyProtected && j === undefined) throw new Error(`${name} kunde inte skyddas tillsammans med de andra rapporterna och de tidigare publiceringarna (could not be protected jointly)`);
      good.set(name, { title: built.parameters.title, files: built.files });
      errors.delete(name);
      server.notify({ kind: "reload", report: name });
      say(`Klar: ${name} → ${server.url}${encodeURIComponent(name)}/`);
      return { report: name, ok: true };
    } catch (err) {
      const message = errorMessage(err);
      errors.set(name, message);
      server.notify({ kind: "build-error", report: name, message });
      fail(`Fel: ${name} byggdes inte (build failed): ${message}${good.has(name) ? " – det senaste lyckade bygget visas (the last good build is served)" : ""}`);
      return { report: name, ok: false, message };
    }
  };

  let waiters: ((outcomes: BuildOutcome[]) => void)[] = [];
  const rebuild = async (files: ReadonlySet<string>) => {
    const targets = new Set<string>();
    for (const file of files) {
      const rel = path.relative(reportsDir, file);
      const inReports = !rel.startsWith("..") && !path.isAbsolute(rel);
      const script = inReports ? names.find((n) => rel === `${n}.ts`) : undefined;
      if (script !== undefined) {
        versions.set(script, (versions.get(script) ?? 0) + 1);
        targets.add(script);
      } else {
        if (inReports) for (const n of names) versions.set(n, (versions.get(n) ?? 0) + 1);
        for (const n of names) targets.add(n);
      }
    }
    const shown = [...files].map((f) => path.relative(io.cwd, f) || f).sort();
    say(`Ändrat (changed): ${shown.join(", ")}`);
    const outcomes: BuildOutcome[] = [];
    // Public: a change to one report can change what the others must hide, so all are built again.
    const jointError = await protect();
    for (const name of names) if (targets.has(name) || opts.public) outcomes.push(await build(name, jointError));
    const ready = waiters;
    waiters = [];
    for (const w of ready) w(outcomes);
  };

  const firstError = await protect();
  for (const name of names) await build(name, firstError);

  const collector = new ChangeCollector(deps.quietMs, rebuild);
  const watchers: Watcher[] = [];
  const onChange = (file: string) => {
    if (!isNoise(file)) collector.add(file);
  };
  for (const dir of [dataDir, reportsDir]) watchers.push(deps.watch(dir, onChange));
  say(`Bevakar (watching): ${[dataDir, reportsDir].map((d) => path.relative(io.cwd, d) || ".").join(", ")}`);

  let stopped: Promise<void> | undefined;
  return {
    port: server.port,
    url: server.url,
    nextBuild: () => new Promise((resolve) => waiters.push(resolve)),
    stop() {
      stopped ??= (async () => {
        for (const w of watchers) w.close();
        await collector.close();
        await server.close();
      })();
      return stopped;
    },
  };
}

interface PreviewArgs {
  names: string[];
  data: string;
  period?: string;
  public: boolean;
  history?: string;
  port: number;
  help: boolean;
}

export function parsePreviewArgs(args: string[]): PreviewArgs {
  const { positionals, flags } = parseArgs(args, { "--data": "value", "--period": "value", "--public": "boolean", "--history": "value", "--port": "value", "--help": "boolean" }, { "-h": "--help" });
  const period = flags.get("--period") as string | undefined;
  if (period !== undefined && !isPeriod(period)) throw new UsageError(`--period ska vara ÅÅÅÅ-MM, inte ${JSON.stringify(period)} (must be YYYY-MM)`);
  const portText = flags.get("--port") as string | undefined;
  const port = portText === undefined ? 0 : Number(portText);
  if (portText !== undefined && (!/^\d{1,5}$/.test(portText) || port > 65535)) throw new UsageError(`--port ska vara ett portnummer 0–65535, inte ${JSON.stringify(portText)} (must be a port number)`);
  const history = flags.get("--history") as string | undefined;
  if (history !== undefined && !flags.has("--public")) throw new UsageError("--history gäller bara --public (only with --public)");
  return {
    names: positionals.map((n) => n.replace(/\.ts$/, "")),
    data: (flags.get("--data") as string | undefined) ?? "data/sample",
    period,
    public: flags.has("--public"),
    ...(history === undefined ? {} : { history }),
    port,
    help: flags.has("--help"),
  };
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** The `preview` command: runs until Ctrl-C, then stops cleanly and returns 0. */
export async function runPreview(args: string[], io: Io, deps: PreviewDeps = processPreviewDeps(io)): Promise<number> {
  const fail = (line: string) => io.stderr(`${redact(line)}\n`);
  let opts: PreviewArgs;
  try {
    opts = parsePreviewArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    fail(`utfall preview: ${err.message}`);
    fail(PREVIEW_USAGE.trimEnd());
    return 2;
  }
  if (opts.help) {
    io.stdout(PREVIEW_USAGE);
    return 0;
  }
  const reportsDir = path.resolve(io.cwd, "reports");
  const available = await findReports(reportsDir);
  if (available.size === 0) {
    fail(`utfall preview: hittar inga rapportskript i ${path.relative(io.cwd, reportsDir) || "."}/ (*.ts) (no report scripts)`);
    return 2;
  }
  const unknown = opts.names.filter((n) => !available.has(n));
  if (unknown.length > 0) {
    fail(`utfall preview: okänd rapport ${unknown.join(", ")} (unknown report); finns: ${[...available.keys()].join(", ")}`);
    return 2;
  }
  if (!(await isDir(path.resolve(io.cwd, opts.data)))) {
    fail(`utfall preview: datamappen ${opts.data} finns inte (the data folder does not exist)`);
    return 2;
  }
  const names = opts.names.length > 0 ? [...new Set(opts.names)] : [...available.keys()];
  const reports = new Map(names.map((n) => [n, available.get(n)!]));

  let stopRequested: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const off = deps.onInterrupt(() => stopRequested());
  let preview: Preview;
  try {
    preview = await startPreview({ reports, data: opts.data, period: opts.period, public: opts.public, port: opts.port, ...(opts.history === undefined ? {} : { history: opts.history }) }, io, deps);
  } catch (err) {
    off();
    const code = (err as { code?: string }).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      fail(`utfall preview: porten ${opts.port} går inte att använda (${code}); välj en annan med --port, eller utelämna --port för en ledig (the port cannot be used)`);
      return 2;
    }
    throw err;
  }
  io.stdout("Avsluta med Ctrl-C (stop with Ctrl-C).\n");
  await interrupted;
  off();
  io.stdout("Avslutar förhandsvisningen … (stopping the preview)\n");
  await preview.stop();
  io.stdout("Förhandsvisningen är stoppad (the preview has stopped).\n");
  return 0;
}
