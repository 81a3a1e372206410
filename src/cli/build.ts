/**
 * `utfall build [report...] [--data dir] [--out dir] [--period YYYY-MM] [--public]`
 *
 * Finds report scripts in `reports/*.ts` (each default-exports `report(...)`), builds all of them
 * or the named ones from the data folder (default `data/sample`) into `<out>/<report-name>/`
 * (default `out/`); a `--public` build into `<out>/publik/<report-name>/`, so it never replaces
 * the internal report. Each report is written atomically (src/report/write.ts). Exit codes: 0 all
 * built, 1 a build failed (its previous output, if any, is left untouched), 2 usage error.
 * A failed build prints why: input problems as the loader words them, anything unexpected
 * wrapped with the report, the step and a hint (src/cli/build-errors.ts).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import v8 from "node:v8";
import { redact } from "../read/redact.ts";
import { isPeriod, parseArgs, UsageError } from "./args.ts";
import type { BuildStep } from "./build-errors.ts";
import type { Io } from "./io.ts";
import type { InputCache } from "../report/load.ts";
import { findReports } from "./reports.ts";
import { PUBLICATIONS_FOLDER, PublishGate, unprotectedNeighbours } from "./public-folder.ts";
import type { PublicationRecord } from "../disclosure/history.ts";
import { DisclosureError } from "../disclosure/model.ts";
import type { Joint } from "./joint-protection.ts";
import type { ReportDefinition } from "../report/report.ts";

/**
 * V8 optimises a function once it has run for a while (its "interrupt budget"). A build is short:
 * with V8's default budget its background threads spent ~0,3–0,4 s CPU of a sample build (2,3 s in
 * all) optimising functions that were done before the optimised code paid off, on a machine whose
 * two cores the build fills. Four times the budget leaves that work to the functions that run
 * longest (eight times cost the main thread more). Set once a build goes ahead, before the
 * renderer and the loaders are imported, unless Node was given a budget of its own; it changes how
 * fast code runs, never what it computes.
 */
const INTERRUPT_BUDGET = 4 * 67_584;
function tuneV8ForBuild(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("--interrupt-budget") || a.includes("--interrupt_budget"));
  if (given) return;
  try {
    v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  } catch {
    // a V8 without the flag: its default
  }
}

// The arguments are checked with nothing but this module loaded; the renderer (vega, vega-lite,
// resvg, the fonts, SheetJS), the loaders and the report model are imported only once a build
// goes ahead, so `utfall build --help` and every usage error answer at once.
async function buildModules() {
  const [build, index, pdf, report, write, errors, typescript] = await Promise.all([
    import("../report/build.ts"),
    import("../render/index-page.ts"),
    import("../render/pdf.ts"),
    import("../report/report.ts"),
    import("../report/write.ts"),
    import("./build-errors.ts"),
    import("./typescript.ts"),
  ]);
  const [joint, publications, told] = await Promise.all([import("./joint-protection.ts"), import("./publications.ts"), import("./told.ts")]);
  return {
    withTold: told.withTold,
    readPublications: publications.readPublications,
    lockPublications: publications.lockPublications,
    writePublication: publications.writePublication,
    buildReportStaged: build.buildReportStaged,
    protectTogether: joint.protectTogether,
    resolveBuildTime: build.resolveBuildTime,
    writeIndexPage: index.writeIndexPage,
    pdfForBuild: pdf.pdfForBuild,
    isReportDefinition: report.isReportDefinition,
    writeReportAtomically: write.writeReportAtomically,
    describeBuildError: errors.describeBuildError,
    ReportScriptError: errors.ReportScriptError,
    PublishingConflict: errors.PublishingConflict,
    importScript: typescript.importScript,
  };
}


export const BUILD_USAGE = `Användning: utfall build [rapport ...] [--data mapp] [--out mapp] [--period ÅÅÅÅ-MM] [--public [--history mapp]] [--pdf]

Bygger rapporterna i reports/*.ts (alla, eller de namngivna) till <out>/<rapport>/ och skriver
<out>/index.html med alla rapporter i mappen. En rapport kan också vara en sökväg till ett skript
utanför reports/ (utfall build mapp/min-rapport.ts); rapportens namn är filens namn.
  --data mapp      mapp med exportfiler (standard: data/sample)
  --out mapp       utdatamapp (standard: out)
  --period ÅÅÅÅ-MM rapportperiod (sista månaden som ingår)
  --public         publik version, till <out>/publik/<rapport>/: antal under 5 personer döljs
  --threshold N    med --public: dölj antal 1 … N − 1 (standard 5 eller rapportens egen)
  --history mapp   med --public: mappen med vad tidigare publika byggen publicerat, som bygget
                   skyddas mot (standard <out>/publiceringar; privat, publiceras aldrig)
  --pdf            skriv också <rapport>.pdf i rapportmappen (kräver Chromium; also print a PDF)
`;

interface BuildArgs {
  names: string[];
  /** The positionals as given: report names, or paths of scripts outside reports/. */
  scripts: string[];
  data: string;
  out: string;
  period?: string;
  public: boolean;
  /** Counts 1 … threshold − 1 are suppressed in a public build (default: the report's, else 5). */
  threshold?: number;
  pdf: boolean;
  help: boolean;
  /** With --public: where the records of what public builds published are kept (default `<out>/publiceringar`). */
  history?: string;
}

export function parseBuildArgs(args: string[]): BuildArgs {
  const { positionals, flags } = parseArgs(args, { "--data": "value", "--out": "value", "--period": "value", "--public": "boolean", "--threshold": "value", "--history": "value", "--pdf": "boolean", "--help": "boolean" }, { "-h": "--help" });
  const period = flags.get("--period") as string | undefined;
  if (period !== undefined && !isPeriod(period)) throw new UsageError(`--period ska vara ÅÅÅÅ-MM, inte ${JSON.stringify(period)}`);
  const thresholdText = flags.get("--threshold") as string | undefined;
  if (thresholdText !== undefined && !/^\d+$/.test(thresholdText)) throw new UsageError(`--threshold ska vara ett heltal ≥ 2, inte ${JSON.stringify(thresholdText)} (an integer ≥ 2)`);
  const threshold = thresholdText === undefined ? undefined : Number(thresholdText);
  if (threshold !== undefined && threshold < 2) throw new UsageError(`--threshold ska vara ett heltal ≥ 2 (an integer ≥ 2)`);
  const history = flags.get("--history") as string | undefined;
  if (history !== undefined && !flags.has("--public")) throw new UsageError("--history gäller bara publika byggen (only with --public)");
  return {
    names: positionals.map((n) => n.replace(/\.ts$/, "")),
    scripts: positionals,
    data: (flags.get("--data") as string | undefined) ?? "data/sample",
    out: (flags.get("--out") as string | undefined) ?? "out",
    period,
    public: flags.has("--public"),
    ...(threshold === undefined ? {} : { threshold }),
    pdf: flags.has("--pdf"),
    help: flags.has("--help"),
    ...(history === undefined ? {} : { history }),
  };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** A positional that names a script file rather than a report in reports/: it has a folder or a script extension. */
const looksLikePath = (s: string) => /[\\/]/.test(s) || /\.(?:[cm]?ts|[cm]?js)$/.test(s);

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One report's output lines: printed at once when the report's turn has come (`release`), else
 * held in order (standard output and standard error alike) until then.
 */
class HeldLines {
  private held: [(line: string) => void, string][] | null = [];
  constructor(
    private readonly out: (line: string) => void,
    private readonly err: (line: string) => void,
  ) {}
  say(line: string): void {
    this.emit(this.out, line);
  }
  fail(line: string): void {
    this.emit(this.err, line);
  }
  private emit(to: (line: string) => void, line: string): void {
    if (this.held === null) to(line);
    else this.held.push([to, line]);
  }
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const [to, line] of held) to(line);
  }
}

/** Public builds go to their own folder, so an internal report is never replaced by a public one. */
export const PUBLIC_FOLDER = "publik";

export async function runBuild(args: string[], io: Io): Promise<number> {
  const out = io.stdout;
  const errw = io.stderr;
  // Every line goes through the identity-number filter: a strict load's error quotes the bad
  // cell, and a personnummer typed into a non-personal column must not reach a terminal or CI log.
  const say = (line: string) => out(`${redact(line)}\n`);
  const fail = (line: string) => errw(`${redact(line)}\n`);
  const { cwd, env } = io;

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
  // Where the output goes, and the private records of what public builds published (never in
  // the public folder, which is what gets published).
  const outDir = path.resolve(cwd, opts.out);
  const site = path.join(outDir, PUBLIC_FOLDER);
  const historyDir = path.resolve(cwd, opts.history ?? path.join(opts.out, PUBLICATIONS_FOLDER));
  const historyShown = path.relative(cwd, historyDir) || historyDir;
  if (opts.public && (historyDir === site || historyDir.startsWith(site + path.sep))) {
    fail(`utfall build: --history ${opts.history} ligger i ${path.relative(cwd, site) || site}/, som publiceras; publiceringsposterna är privata (the records are private: keep them outside the public folder)`);
    return 2;
  }

  const reportsDir = path.resolve(cwd, "reports");
  const available = await findReports(reportsDir);
  // Scripts given by path (outside reports/ or not): the report's name is the file's name.
  const byPath = new Map<string, string>();
  for (const raw of opts.scripts) {
    if (!looksLikePath(raw)) continue;
    const file = path.resolve(cwd, raw);
    if (await isFile(file)) byPath.set(path.basename(file).replace(/\.[cm]?[jt]s$/, ""), file);
    else if (/[\\/]/.test(raw)) {
      fail(`utfall build: rapportskriptet ${raw} finns inte (script not found)`);
      return 2;
    }
  }
  const scriptOf = (name: string) => byPath.get(name) ?? available.get(name);
  const requested = opts.scripts.map((raw) => {
    const file = looksLikePath(raw) ? path.resolve(cwd, raw) : null;
    const hit = [...byPath.entries()].find(([, f]) => f === file);
    return hit ? hit[0] : raw.replace(/\.ts$/, "");
  });
  if (available.size === 0 && byPath.size === 0) {
    fail(`utfall build: hittar inga rapportskript i ${path.relative(cwd, reportsDir) || "."}/ (*.ts)`);
    return 2;
  }
  const unknown = requested.filter((n) => scriptOf(n) === undefined);
  if (unknown.length > 0) {
    fail(`utfall build: okänd rapport ${unknown.join(", ")}; finns: ${[...available.keys()].join(", ") || "–"}`);
    return 2;
  }
  const dataDir = path.resolve(cwd, opts.data);
  if (!(await isDir(dataDir))) {
    fail(`utfall build: datamappen ${opts.data} finns inte`);
    return 2;
  }
  const names = requested.length > 0 ? [...new Set(requested)] : [...available.keys()];
  if (names.includes(PUBLIC_FOLDER)) {
    fail(`utfall build: rapportnamnet ${PUBLIC_FOLDER} är reserverat för mappen med publika versioner (the name is reserved); byt namn på reports/${PUBLIC_FOLDER}.ts`);
    return 2;
  }
  if (names.includes(PUBLICATIONS_FOLDER)) {
    fail(`utfall build: rapportnamnet ${PUBLICATIONS_FOLDER} är reserverat för mappen med publiceringsposter (the name is reserved); byt namn på reports/${PUBLICATIONS_FOLDER}.ts`);
    return 2;
  }

  tuneV8ForBuild();
  let modules: Awaited<ReturnType<typeof buildModules>>;
  try {
    modules = await buildModules();
  } catch (e) {
    fail(`utfall build: kunde inte ladda byggkommandot (could not load the build command): ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const { buildReportStaged, resolveBuildTime, writeIndexPage, pdfForBuild, isReportDefinition, writeReportAtomically, describeBuildError, ReportScriptError, PublishingConflict, importScript } = modules;
  const files: InputCache = new Map();

  // One public build at a time holds the records of what was published, from reading them to
  // writing the last (two at once would each miss the other's).
  let release: (() => Promise<void>) | undefined;
  if (opts.public) {
    try {
      release = await modules.lockPublications(historyDir);
    } catch (e) {
      fail(`Fel: ${e instanceof Error ? e.message : String(e)}; inga rapporter byggdes (no report was built)`);
      return 1;
    }
  }
  try {
    // The public reports of one build are published side by side, and beside what earlier public
    // builds published: they are protected together (cli/joint-protection.ts). A report's
    // definition for it (undefined for a script that is none):
    const definitionOf = async (name: string): Promise<ReportDefinition | undefined> => {
      const mod = (await importScript(scriptOf(name)!)) as { default?: unknown };
      return isReportDefinition(mod.default) ? mod.default : undefined;
    };
    let joint: Map<string, Joint>;
    let together: Set<string>;
    let earlier: PublicationRecord[] = [];
    try {
      if (opts.public) earlier = await modules.readPublications(historyDir, historyShown);
      let warnings: string[];
      let notes: string[];
      if (opts.public && (names.length > 1 || earlier.length > 0)) {
        // With what the earlier publications told of their hidden counts, as earlier builds found it.
        ({ joint, together, warnings, notes } = await modules.withTold(historyDir, earlier, (told) =>
          modules.protectTogether(names, definitionOf, { data: opts.data, period: opts.period, threshold: opts.threshold }, { env, cwd, files }, earlier, told)));
      } else {
        [joint, together, warnings, notes] = [new Map(), new Set(names), [], []];
      }
      for (const w of warnings) fail(`Varning: ${w}`);
      for (const n of notes) say(n);
    } catch (e) {
      const past = earlier.length > 0 ? ` och mot ${earlier.length} tidigare publiceringar i ${historyShown}/ (and against earlier publications)` : "";
      fail(`Fel: röjandekontrollen av rapporterna tillsammans${past} kunde inte lösas (the joint disclosure control failed): ${e instanceof Error ? e.message : String(e)}; inga rapporter byggdes (no report was built)`);
      return 1;
    }

    let failed = 0;
    let pdfUnavailable: string | undefined;
    // Report i + 1 is computed while report i is still being written (the write is mostly waiting
    // for the disk: every file is synced). Its lines are held back until report i has printed its
    // last line, so the output is the same, line for line and in the same order, as one report
    // after the other. With --pdf the reports go one after the other (the PDF is printed within each
    // write, before its swap, and one that is unavailable stops the rest).
    let previousDone: Promise<void> = Promise.resolve();
    let unexpected: { error: unknown } | undefined;
    // Public reports protected together are published together or not at all: each waits, built,
    // until every one of them is (`allBuilt`), and they are then written one after the other. One
    // that fails would otherwise leave its previous version beside the others' new ones.
    const gate = opts.public && together.size > 1 ? new PublishGate() : null;
    // The reports of this run parse each input file once (each still logs and records it): `files`.
    for (const name of names) {
      const script = scriptOf(name)!;
      const target = opts.public ? path.resolve(cwd, opts.out, PUBLIC_FOLDER, name) : path.resolve(cwd, opts.out, name);
      const lines = new HeldLines(say, fail);
      const live = previousDone.then(() => lines.release()).catch((e: unknown) => void (unexpected ??= { error: e }));
      lines.say(`Bygger ${name} …`);
      let step: BuildStep = "script";
      const failedWith = (err: unknown) => {
        gate?.fail();
        failed++;
        const period = opts.period ?? null;
        lines.fail(`Fel: ${name} byggdes inte: ${describeBuildError(err, { report: name, step, script, cwd, data: opts.data, out: opts.out, period })}`);
      };
      let written: Promise<void> = Promise.resolve();
      try {
        const mod = (await importScript(script)) as { default?: unknown };
        if (!isReportDefinition(mod.default)) {
          throw new ReportScriptError(`${path.relative(cwd, script)} ska ha \`export default report({...}, async (r) => {...})\` (the script must default-export a report)`);
        }
        step = "build";
        // This thread's part of the report; its PNGs and the scan of its outputs finish while the
        // next report runs (the PNGs are made off this thread).
        const staged = await buildReportStaged(
          mod.default,
          { name, dataDir: opts.data, period: opts.period, public: opts.public, threshold: joint.get(name)?.threshold ?? opts.threshold, joint: joint.get(name) },
          { log: (line) => lines.say(line), now: () => new Date(), env, cwd, files },
        );
        const turn = gate?.turn(staged.finished);
        written = (async () => {
          try {
            const built = await staged.finished;
            // Built, but not registered for the joint protection (its first run failed there):
            // it was protected without the others and the earlier publications.
            if (opts.public && (joint.size > 0 || earlier.length > 0) && !joint.has(name)) {
              throw new DisclosureError(`${name} kunde inte skyddas tillsammans med de andra rapporterna och de tidigare publiceringarna (could not be protected jointly); den publiceras inte`);
            }
            if (turn !== undefined) {
              const go = await turn.start;
              if (!go) {
                failed++;
                lines.fail(`Fel: ${name} skrevs inte: en annan av de publika rapporterna som skyddades tillsammans med den misslyckades, och de publiceras tillsammans eller inte alls (reports protected together are published together or not at all); tidigare utdata är orörd`);
                return;
              }
            }
            step = "write";
            if (opts.public) {
              const period = built.parameters.period;
              const others = await unprotectedNeighbours(path.dirname(target), together, period);
              if (others.length > 0) throw new PublishingConflict(name, others, period, `${opts.out.replace(/[\\/]+$/, "")}/${PUBLIC_FOLDER}/`);
            }
            // With --pdf the PDF is printed from the staged folder and written into it before the
            // swap: the report and its PDF replace the previous version together, and a PDF that
            // fails leaves the previous version (its PDF included) as it was.
            let pdfFile: string | undefined;
            const derive =
              opts.pdf && pdfUnavailable === undefined
                ? async (staged: string): Promise<ReadonlyMap<string, Uint8Array>> => {
                    const pdf = await pdfForBuild(staged, name, built.parameters.title, new Date(built.figures.buildTime), env);
                    if ("unavailable" in pdf) {
                      pdfUnavailable = pdf.unavailable;
                      return new Map();
                    }
                    pdfFile = pdf.file;
                    return new Map([[pdf.file, pdf.pdf]]);
                  }
                : undefined;
            // What it publishes is recorded first: a record of a report that then failed to be
            // written only makes later builds protect more.
            if (built.publication !== undefined) await modules.writePublication(historyDir, built.publication);
            await writeReportAtomically(target, built.files, derive === undefined ? {} : { derive });
            const shown = path.relative(cwd, target) || target;
            lines.say(`Klar: ${name} → ${shown}/ (${built.figures.charts.length} diagram, ${built.figures.tables.length} tabeller)`);
            if (pdfFile !== undefined) {
              const file = path.join(target, pdfFile);
              lines.say(`PDF: ${path.relative(cwd, file) || file}`);
            }
          } catch (err) {
            failedWith(err);
          } finally {
            turn?.done();
          }
        })().catch((e: unknown) => void (unexpected ??= { error: e }));
      } catch (err) {
        failedWith(err);
      }
      // (Neither promise rejects: an error that escapes is kept and thrown below, after the rest.)
      previousDone = Promise.all([live, written]).then(() => undefined);
      if (opts.pdf && gate === null) await previousDone;
    }
    gate?.close();
    await previousDone;
    if (unexpected !== undefined) throw unexpected.error;
    // The index of every report in the output folder (this run's and earlier ones), once a report
    // of this run is written: a run that built nothing writes nothing.
    let indexFailed = false;
    if (failed < names.length) try {
      const generated = resolveBuildTime(undefined, { log: say, now: () => new Date(), env, cwd }).toISOString();
      const index = await writeIndexPage(outDir, generated, PUBLIC_FOLDER);
      say(`Index: ${path.relative(cwd, index.file) || index.file} (${index.entries.length} rapporter)`);
      const published = index.entries.filter((e) => e.public).length;
      if (published > 0) {
        say(`Att publicera: ${path.relative(cwd, site) || site}/ (${published} publika rapporter, index.html; what may be published)`);
      }
      // What the build was protected against, and where what it published is recorded: private.
      if (opts.public) say(`Publiceringsposter: ${historyShown}/ (${earlier.length} från tidigare byggen; privata, publiceras inte: records of what was published, keep them, never publish them)`);
    } catch (err) {
      indexFailed = true;
      fail(`Fel: ${path.join(opts.out, "index.html")} skrevs inte (the index page was not written): ${redact(err instanceof Error ? err.message : String(err))}`);
    }
    if (pdfUnavailable !== undefined) fail(`utfall build: ${pdfUnavailable}`);
    if (failed > 0) {
      fail(`${failed} av ${names.length} rapporter misslyckades; tidigare utdata för dem är orörd.`);
      return 1;
    }
    if (indexFailed) return 1;
    return pdfUnavailable === undefined ? 0 : 2;
  } finally {
    await release?.();
  }
}
