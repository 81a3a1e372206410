/**
 * `r.load`: reads an export from the report's data folder through the schema loader and records
 * its provenance (file name, SHA-256, rows read / accepted / quarantined) for the footer and
 * figures.json.
 */
import path from "node:path";
import type { Schema } from "../schema/types.ts";
import { loadFile, type Loaded, type LoadOptions } from "../schema/load.ts";
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
 * Defaults for reports: `lenient` (rows with errors are quarantined, counted in the footer and
 * figures.json, and logged) — pass `{ mode: "strict" }` to fail the build on any bad cell; the
 * file is named by its name in the data folder (no absolute paths in messages).
 */
export function makeLoader(ctx: LoaderContext): Loader {
  const { dataDir, inputs, log } = ctx;
  const load: LoadFn = async (schema, fileName, opts) => {
    const name = fileName ?? schema.fileName;
    checkFileName(name);
    const loaded = await loadFile(schema, path.join(dataDir, name), {
      mode: "lenient",
      name,
      referenceYear: ctx.referenceYear,
      keySource: { env: { ...ctx.env } },
      ...opts,
    });
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
