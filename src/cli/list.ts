/** `utfall list`: the export kinds of the registry and the report scripts in reports/. */
import path from "node:path";
import { findReports } from "./reports.ts";
import { kinds } from "../sources/index.ts";
import type { Schema } from "../schema/types.ts";
import { parseArgs } from "./args.ts";
import { writeJson, type Io } from "./io.ts";
import { LIST_USAGE } from "./usage.ts";
import { LIST_FLAGS } from "./flags.ts";

export interface ListedKind {
  kind: string;
  fileName: string;
  title: string;
  columns: { field: string; header: string; type: string; required: boolean; personal: boolean }[];
}

export interface ListResult {
  kinds: ListedKind[];
  reports: { name: string; path: string }[];
}

/** Report scripts, with paths relative to the working directory. */
async function reportScripts(cwd: string): Promise<{ name: string; path: string }[]> {
  const found = await findReports(path.resolve(cwd, "reports"));
  return [...found.keys()].map((name) => ({ name, path: path.join("reports", `${name}.ts`) }));
}

export function listKinds(): ListedKind[] {
  return Object.entries(kinds).map(([kind, schema]) => {
    const s = schema as Schema;
    return {
      kind,
      fileName: s.fileName,
      title: s.title,
      columns: Object.entries(s.columns).map(([field, c]) => ({
        field,
        header: c.header,
        type: c.type,
        required: c.required === true,
        personal: c.personal === true,
      })),
    };
  });
}

export async function runList(args: string[], io: Io): Promise<number> {
  const { positionals, flags } = parseArgs(args, LIST_FLAGS.flags, LIST_FLAGS.aliases);
  if (flags.has("--help")) {
    io.stdout(LIST_USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    io.stderr(`utfall list: oväntat argument ${positionals[0]} (unexpected argument)\n${LIST_USAGE}`);
    return 2;
  }
  const result: ListResult = { kinds: listKinds(), reports: await reportScripts(io.cwd) };
  if (flags.has("--json")) {
    writeJson(io, result);
    return 0;
  }
  const w1 = Math.max(...result.kinds.map((k) => k.kind.length));
  const w2 = Math.max(...result.kinds.map((k) => k.fileName.length));
  const lines = ["Exporttyper (export kinds, --kind):"];
  for (const k of result.kinds) {
    lines.push(`  ${k.kind.padEnd(w1)}  ${k.fileName.padEnd(w2)}  ${k.title} (${k.columns.length} kolumner)`);
  }
  lines.push("", "Rapportskript (report scripts, reports/*.ts):");
  if (result.reports.length === 0) lines.push("  (inga – none)");
  for (const r of result.reports) lines.push(`  ${r.name}  ${r.path}`);
  io.stdout(lines.join("\n") + "\n");
  return 0;
}
