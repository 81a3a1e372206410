import type { CellId } from "../disclosure/model.ts";
import type { Protection } from "../disclosure/protect.ts";
import type { Chart, TableSpec } from "../charts/types.ts";
import type { Figure } from "./figures.ts";
import type { InputCache } from "./load.ts";

/** What a report script declares about itself (`report({ title, ... }, body)`). */
export interface ReportMeta {
  /**
   * The report's title, or a function of the reporting period (e.g. `interimReportTitle`: the
   * same script per April is "Delårsrapport 1", per August "Delårsrapport 2").
   */
  title: string | ((period: string | null) => string);
  /** Reporting period "YYYY-MM" (the last month included). `--period` overrides it. */
  period?: string;
  /** Organisation the report is about, e.g. "Arbetsmarknadsnämnden". */
  unit?: string;
  /** A line under the title. */
  subtitle?: string;
  /**
   * Public builds suppress person counts 1 … threshold − 1 (default 5). `--threshold N` on the
   * build overrides it.
   */
  threshold?: number;
}

/** A piece of running text: literal strings and interpolated values, in order. */
export type TextPart = { kind: "literal"; text: string } | { kind: "string"; text: string } | { kind: "figure"; figure: Figure };

export type Cell =
  | { kind: "heading"; text: string; level: 2 | 3 }
  | { kind: "text"; parts: TextPart[]; variant: "text" | "note" }
  | { kind: "keyFigures"; items: KeyFigure[]; caption?: string }
  | { kind: "chart"; chart: Chart }
  | { kind: "table"; table: TableSpec };

export interface KeyFigure {
  label: string;
  value: Figure;
  /** A short line under the value, e.g. "jämfört med 2022". */
  note?: string;
}

/** Provenance of one input file, as recorded by `r.load`. */
export interface InputRecord {
  /** File name inside the data folder (never an absolute path). */
  name: string;
  kind: string;
  sha256: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  /** The time the input covers (first/last month or date of its coverage columns); null when its kind declares none or no row has one. */
  coverage: import("../sources/coverage.ts").CoverageRange | null;
}

/** Parameters of one build, resolved (what figures.json and the footer show). */
export interface ReportParameters {
  /** Report name = script file name without `.ts`, also the output folder name. */
  name: string;
  title: string;
  period: string | null;
  unit: string | null;
  /** Data folder as given (relative to the working directory when inside it). */
  dataDir: string;
  /** Small-count suppression on. */
  public: boolean;
  /** Counts 1 … threshold − 1 are suppressed in a public build. */
  threshold: number;
  /** ISO 8601, UTC. */
  buildTime: string;
  libraryVersion: string;
}

/** Side effects a build may use; tests pass silent, fixed ones. */
export interface Effects {
  /** Progress and warnings (one line each, no trailing newline). */
  log(line: string): void;
  /** The clock; used only when neither `buildTime` nor SOURCE_DATE_EPOCH is given. */
  now(): Date;
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths. */
  cwd: string;
  /** Parsed input files shared by the reports of one run (each file read once); default none. */
  files?: InputCache;
}

/** How a report is built (the CLI fills this from its arguments). */
export interface BuildOptions {
  name: string;
  dataDir: string;
  period?: string;
  public?: boolean;
  /** Overrides the report's threshold (default 5). */
  threshold?: number;
  /** Build time; default SOURCE_DATE_EPOCH (seconds), else the clock. */
  buildTime?: Date | number | string;
  /** Default: version in package.json. */
  libraryVersion?: string;
  /**
   * A public build of several reports (`utfall build --public`): the protection solved for them
   * together (disclosure/joint.ts) and the cells this report showed when it was registered.
   */
  joint?: { protection: Protection; shown: ReadonlySet<CellId> };
}
