/**
 * `r.load`: reads an export from the report's data folder through the schema loader and records
 * its provenance (file name, SHA-256, rows read / accepted / quarantined, the time it covers)
 * for the footer and figures.json.
 *
 * Each file is read once per build: the result is cached by file, kind and options, so a report
 * body run twice (a public build's registering pass and its rendering pass) neither re-reads a
 * file nor records it twice.
 *
 * What a report cannot be built on fails here, in words the user can act on (`InputError`): a
 * missing or unreadable export (named with its kind), an export with no data rows, and a report
 * period that lies outside the time an export covers, entirely or in part (a period that runs past
 * the export's last month would otherwise show "no one started, no one ended" for months the
 * export knows nothing about).
 */
import path from "node:path";
import type { Schema } from "../schema/types.ts";
import { LoadError, loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { coverageOfKind, kinds, type KindName as SourceKind } from "../sources/index.ts";
import { coverageRange, rangeOverlaps, rowsWithin, withExtraction, yearInterval, yearToDateInterval, type CoverageRange, type CoverageSpec } from "../sources/coverage.ts";
import { InputError, ReportError } from "./input-errors.ts";
import type { InputRecord } from "./types.ts";

export type { Loaded };
type LoadFileOptions = LoadOptions;

type Kinds = typeof kinds;
export type KindName = keyof Kinds & string;

/** What the time columns of a loaded input say about the report's period. */
export interface InputCoverage extends CoverageRange {
  /** Rows that fall in the report's period, January to the period month; null without a period. */
  rowsInPeriod: number | null;
  /** Rows that fall in the period's calendar year; null without a period. */
  rowsInYear: number | null;
}

/** A loaded input: the table and load report, and the time it covers (null when its kind declares none). */
export type LoadedInput<S extends Schema> = Loaded<S> & { coverage: InputCoverage | null };

export type LoadFn = <S extends Schema>(schema: S, fileName?: string, opts?: LoadFileOptions) => Promise<LoadedInput<S>>;
export type Loader = LoadFn & {
  readonly [K in KindName]: (fileName?: string, opts?: LoadFileOptions) => Promise<LoadedInput<Kinds[K] & Schema>>;
};

/** Loads of one build, by file, kind and options (share it between passes of the same build). */
export type LoadCache = Map<string, Promise<LoadedInput<Schema>>>;

/**
 * Parsed files shared by the reports of one run (`utfall build` of every report): each file is
 * read and parsed once, while every report still logs, checks and records it as its own input.
 * Keyed by the absolute file, kind, options and reference year; a failed read is not kept.
 */
export type InputCache = Map<string, Promise<Loaded<Schema>>>;

function checkFileName(fileName: string): void {
  // Inputs come from the data folder only; a path outside it would make the provenance lie.
  if (fileName === "" || path.isAbsolute(fileName) || fileName.split(/[\\/]/).includes("..")) {
    throw new ReportError(`r.load: ${JSON.stringify(fileName)} ska vara ett filnamn i datamappen (must be a file name inside the data folder)`);
  }
}

export interface LoaderContext {
  dataDir: string;
  /** Provenance records are appended here (once per file, also when it is loaded again). */
  inputs: InputRecord[];
  log: (line: string) => void;
  /** Environment for the pseudonym key (UTFALL_PSEUDONYM_KEY / UTFALL_KEY_FILE). */
  env: Readonly<Record<string, string | undefined>>;
  /** Century of YYMMDD-NNNN numbers is chosen against this year (the build year, not the clock). */
  referenceYear: number;
  /** The report period "YYYY-MM"; inputs are checked against it. Null or absent: no check. */
  period?: string | null;
  /** The build's date "YYYY-MM-DD": an export cannot have been taken after it. Absent: no check. */
  buildDate?: string;
  /** Pass the same cache to every run of the body in one build; default a fresh one. */
  cache?: LoadCache;
  /** Parsed files shared with the other reports of the same run; default none. */
  files?: InputCache;
}

const describeKind = (schema: Schema) => `${schema.title} (${schema.kind})`;

function readFailure(err: unknown, schema: Schema, name: string): InputError | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string" || err instanceof LoadError) return null;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return new InputError(
      "missing",
      name,
      `${name} saknas i datamappen (file not found): rapporten läser exporten ${describeKind(schema)} från en fil med det namnet. ` +
        `Lägg exporten där, eller ange rätt mapp med --data.`,
    );
  }
  return new InputError("unreadable", name, `${name} i datamappen kan inte läsas (cannot be read: ${code}). Kontrollera att det är en fil och att den får läsas.`);
}

/** The kind's coverage columns, when the schema is a known kind and has them. */
function coverageSpec(schema: Schema): CoverageSpec | null {
  const spec = Object.hasOwn(coverageOfKind, schema.kind) ? coverageOfKind[schema.kind as SourceKind] : null;
  if (spec === null) return null;
  const fields = [spec.from, ...(spec.to === undefined ? [] : [spec.to])];
  return fields.every((f) => Object.hasOwn(schema.columns, f)) ? spec : null;
}

function inputCoverage(spec: CoverageSpec | null, loaded: Loaded<Schema>, period: string | null): InputCoverage | null {
  if (spec === null) return null;
  const columns = loaded.columns as unknown as Record<string, ArrayLike<unknown>>;
  const rows = loaded.table.numRows();
  const range = coverageRange(spec, columns, rows);
  if (range === null) return null;
  return {
    ...withExtraction(spec, range, loaded.report.extractedOn),
    rowsInPeriod: period === null ? null : rowsWithin(spec, columns, rows, yearToDateInterval(period)),
    rowsInYear: period === null ? null : rowsWithin(spec, columns, rows, yearInterval(period)),
  };
}

/**
 * The last month an input covers (`YYYY-MM`): the month of its last month or date, December of its
 * last year. A date range counts for its whole last month (an export taken on 28 April covers
 * April), a year for its whole year (places requested for 2024 cover every month of 2024). `last`
 * is the extraction date when that extends the range (`CoverageRange.extractedOn`).
 */
function lastCoveredMonth(unit: CoverageSpec["unit"], last: string): string {
  return unit === "year" ? `${last}-12` : last.slice(0, 7);
}

/**
 * The period check, for inputs whose kind asks for it: the report's period (January to the period
 * month) must lie within the input's range. A period entirely outside it fails, and so does one
 * that runs past the input's last month: the months after it would show zeros (no one started,
 * no one ended) for a time the export says nothing about.
 */
function checkPeriod(spec: CoverageSpec | null, coverage: InputCoverage | null, name: string, period: string | null): void {
  if (spec === null || !spec.checkPeriod || period === null || coverage === null) return;
  const from = `${period.slice(0, 4)}-01`;
  const shown = `perioden ${period}${period === from ? "" : ` (${from} – ${period})`}`;
  const what = `Ange en period som exporten täcker med --period, eller en datamapp med nyare exporter med --data.`;
  // Covered through the extraction date when it extends the range (a quiet export: no start or end after its last date).
  const taken = coverage.extractedOn;
  const last = taken ?? coverage.last;
  const covers = taken === undefined
    ? `${name} täcker ${coverage.first} – ${coverage.last}`
    : `${name} täcker ${coverage.first} – ${taken} (uttag ${taken}, senaste datum i raderna ${coverage.last}; extraction date, last date in the rows)`;
  if (!rangeOverlaps({ ...coverage, last }, spec.unit, yearToDateInterval(period))) {
    throw new InputError("out-of-range", name, `${covers}; ${shown} ligger utanför (period outside the input's range). ${what}`);
  }
  const lastMonth = lastCoveredMonth(spec.unit, last);
  if (period <= lastMonth) return;
  const after = taken === undefined
    ? `som saknar uppgifter efter ${coverage.last} (period runs past the end of the input's range)`
    : `som saknar uppgifter efter uttaget ${taken} (period runs past the input's extraction date)`;
  throw new InputError(
    "out-of-range",
    name,
    `${covers}; ${shown} går längre än exporten, ${after}. ` +
      `Ange en period som exporten täcker med --period, senast ${lastMonth}, eller en datamapp med nyare exporter med --data.`,
  );
}

/**
 * An extraction date that would widen the period check must not lie after the build: a title line
 * typed or generated wrong (`uttag 2042-01-05`) would let a report show zeros for months the
 * export knows nothing about.
 */
function checkExtraction(coverage: InputCoverage | null, name: string, buildDate: string | undefined): void {
  const taken = coverage?.extractedOn;
  if (taken === undefined || buildDate === undefined || taken <= buildDate) return;
  throw new InputError(
    "out-of-range",
    name,
    `${name}: titelraden anger uttag ${taken}, efter byggdatumet ${buildDate} (the title line's extraction date is after the build date): ` +
      `rätta titelraden, eller ta bort den så räknas perioden från datumen i raderna (senast ${coverage!.last}).`,
  );
}

/** The range as figures.json records it (`inputs[].coverage`): the extraction date only when it extends the range. */
function recordedRange(c: InputCoverage): CoverageRange {
  const range: CoverageRange = { columns: c.columns, first: c.first, last: c.last };
  if (c.extractedOn !== undefined) range.extractedOn = c.extractedOn;
  return range;
}

/**
 * Defaults for reports: `strict`. A committee report must not silently drop rows, so one bad
 * cell fails the build with a message naming the file (by its name in the data folder, never an
 * absolute path), the line and the column — never the value of a personal column.
 * `{ mode: "lenient" }` is the explicit opt-in to quarantine bad rows instead: they are left out,
 * logged, and counted in the report's footer and in figures.json (`inputs[].rowsQuarantined`).
 */
export function makeLoader(ctx: LoaderContext): Loader {
  const { dataDir, inputs, log } = ctx;
  const period = ctx.period ?? null;
  const cache: LoadCache = ctx.cache ?? new Map();

  const read = async <S extends Schema>(schema: S, name: string, opts: LoadFileOptions | undefined): Promise<LoadedInput<S>> => {
    const mode = opts?.mode ?? "strict";
    let loaded: Loaded<S>;
    const parse = () =>
      loadFile(schema, path.join(dataDir, name), {
        name,
        referenceYear: ctx.referenceYear,
        keySource: { env: { ...ctx.env } },
        ...opts,
        mode,
      });
    try {
      if (ctx.files) {
        const key = JSON.stringify([path.resolve(dataDir, name), schema.kind, opts ?? {}, mode, ctx.referenceYear]);
        let pending = ctx.files.get(key) as Promise<Loaded<S>> | undefined;
        if (pending === undefined) {
          pending = parse();
          ctx.files.set(key, pending as Promise<Loaded<Schema>>);
          pending.catch(() => ctx.files!.delete(key));
        }
        loaded = await pending;
      } else loaded = await parse();
    } catch (err) {
      const failure = readFailure(err, schema, name);
      if (failure) throw failure;
      const fatal = err instanceof LoadError && ["mapping", "missing-column", "no-header"].some((k) => (err.report.errorsByKind[k] ?? 0) > 0);
      if (err instanceof LoadError && mode === "strict" && !fatal && err.report.rowsQuarantined > 0) {
        // Tell the report author how to opt in, in the report's own terms.
        throw err.withNote(`\n  (r.load läser strikt: rätta filen, eller skriv r.load.${schema.kind}(${JSON.stringify(name)}, { mode: "lenient" }) för att lägga felaktiga rader i karantän och redovisa dem i rapporten)`);
      }
      throw err;
    }
    const rep = loaded.report;
    log(
      `  läst ${name}: ${rep.rowsAccepted} av ${rep.rowsRead} rader godkända` +
        (rep.rowsQuarantined > 0 ? `, ${rep.rowsQuarantined} i karantän` : ""),
    );
    if (rep.rowsAccepted === 0) {
      // A header-only export (or one whose every row was quarantined) would give a report of zeros.
      throw new InputError(
        "empty",
        name,
        rep.rowsRead === 0
          ? `${name} innehåller inga datarader, bara rubrikraden (the export has no data rows): exporten ${describeKind(schema)} behövs för rapporten. Kontrollera uttaget.`
          : `${name}: alla ${rep.rowsRead} rader lades i karantän, inga rader återstår (all rows quarantined): rätta exporten ${describeKind(schema)}.`,
      );
    }
    const spec = coverageSpec(schema);
    const coverage = inputCoverage(spec, loaded as unknown as Loaded<Schema>, period);
    checkExtraction(coverage, name, ctx.buildDate);
    if (coverage?.extractedOn !== undefined) log(`  ${name} täcker tiden till uttaget ${coverage.extractedOn} (titelraden); senaste datum i raderna ${coverage.last}`);
    checkPeriod(spec, coverage, name, period);
    // A new object: the parsed file may be shared with other reports of the run.
    return { ...loaded, coverage };
  };

  const load: LoadFn = async (schema, fileName, opts) => {
    const name = fileName ?? schema.fileName;
    checkFileName(name);
    const shown = name.split(path.sep).join("/");
    const key = JSON.stringify([schema.kind, shown, opts ?? {}]);
    let pending = cache.get(key) as Promise<LoadedInput<typeof schema>> | undefined;
    if (pending === undefined) {
      pending = read(schema, name, opts);
      cache.set(key, pending as Promise<LoadedInput<Schema>>);
    }
    const loaded = await pending;
    const rep = loaded.report;
    const already = inputs.find((i) => i.name === shown && i.sha256 === rep.sha256 && i.kind === schema.kind);
    if (!already) {
      const record: InputRecord & { coverage: CoverageRange | null } = {
        name: shown,
        kind: schema.kind,
        sha256: rep.sha256,
        rowsRead: rep.rowsRead,
        rowsAccepted: rep.rowsAccepted,
        rowsQuarantined: rep.rowsQuarantined,
        coverage: loaded.coverage === null ? null : recordedRange(loaded.coverage),
      };
      inputs.push(record);
    }
    return loaded;
  };
  const byKind: Record<string, (fileName?: string, opts?: LoadFileOptions) => Promise<unknown>> = {};
  for (const [kind, schema] of Object.entries(kinds as Record<string, Schema>)) {
    byKind[kind] = (fileName, opts) => load(schema, fileName, opts);
  }
  return Object.assign(load, byKind) as unknown as Loader;
}
