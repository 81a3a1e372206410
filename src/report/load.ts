/**
 * `r.load`: reads an export from the report's data folder through the schema loader and records
 * its provenance (file name, SHA-256, rows read / accepted / quarantined) for the footer and
 * figures.json.
 */
import path from "node:path";
import type { Schema } from "../schema/types.ts";
import { LoadError, loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
import { kinds } from "../sources/index.ts";
import type { InputRecord } from "./types.ts";

export type { Loaded };
type LoadFileOptions = LoadOptions;

type Kinds = typeof kinds;
export type KindName = keyof Kinds & string;

export type LoadFn = <S extends Schema>(schema: S, fileName?: string, opts?: LoadFileOptions) => Promise<Loaded<S>>;
export type Loader = LoadFn & {
  readonly [K in KindName]: (fileName?: string, opts?: LoadFileOptions) => Promise<Loaded<Kinds[K] & Schema>>;
};

function checkFileName(fileName: string): void {
  // Inputs come from the data folder only; a path outside it would make the provenance lie.
  if (fileName === "" || path.isAbsolute(fileName) || fileName.split(/[\\/]/).includes("..")) {
    throw new Error(`r.load: ${JSON.stringify(fileName)} must be a file name inside the data folder`);
  }
}

export interface LoaderContext {
  dataDir: string;
  /** Provenance records are appended here. */
  inputs: InputRecord[];
  log: (line: string) => void;
  /** Environment for the pseudonym key (UTFALL_PSEUDONYM_KEY / UTFALL_KEY_FILE). */
  env: Readonly<Record<string, string | undefined>>;
  /** Century of YYMMDD-NNNN numbers is chosen against this year (the build year, not the clock). */
  referenceYear: number;
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
  const load: LoadFn = async (schema, fileName, opts) => {
    const name = fileName ?? schema.fileName;
    checkFileName(name);
    const mode = opts?.mode ?? "strict";
    let loaded: Loaded<typeof schema>;
    try {
      loaded = await loadFile(schema, path.join(dataDir, name), {
        name,
        referenceYear: ctx.referenceYear,
        keySource: { env: { ...ctx.env } },
        ...opts,
        mode,
      });
    } catch (err) {
      const fatal = err instanceof LoadError && ["mapping", "missing-column", "no-header"].some((k) => (err.report.errorsByKind[k] ?? 0) > 0);
      if (err instanceof LoadError && mode === "strict" && !fatal && err.report.rowsQuarantined > 0) {
        // Tell the report author how to opt in, in the report's own terms.
        err.message += `\n  (r.load läser strikt: rätta filen, eller skriv r.load.${schema.kind}(${JSON.stringify(name)}, { mode: "lenient" }) för att lägga felaktiga rader i karantän och redovisa dem i rapporten)`;
      }
      throw err;
    }
    const rep = loaded.report;
    const already = inputs.find((i) => i.name === name.split(path.sep).join("/") && i.sha256 === rep.sha256 && i.kind === schema.kind);
    if (!already) inputs.push({
      name: name.split(path.sep).join("/"),
      kind: schema.kind,
      sha256: rep.sha256,
      rowsRead: rep.rowsRead,
      rowsAccepted: rep.rowsAccepted,
      rowsQuarantined: rep.rowsQuarantined,
    });
    log(
      `  läst ${name}: ${rep.rowsAccepted} av ${rep.rowsRead} rader godkända` +
        (rep.rowsQuarantined > 0 ? `, ${rep.rowsQuarantined} i karantän` : ""),
    );
    return loaded as Loaded<typeof schema>;
  };
  const byKind: Record<string, (fileName?: string, opts?: LoadFileOptions) => Promise<unknown>> = {};
  for (const [kind, schema] of Object.entries(kinds as Record<string, Schema>)) {
    byKind[kind] = (fileName, opts) => load(schema, fileName, opts);
  }
  return Object.assign(load, byKind) as unknown as Loader;
}
