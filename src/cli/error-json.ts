/**
 * The JSON document a command prints on stdout when it stops with an error and `--json` was
 * given: `{ "status": "error", "exitCode": 1 | 2, "error": "<the message>" }`. A script reading
 * `--json` output always gets one JSON document, whatever went wrong.
 */
import { writeJson, type Io } from "./io.ts";

export interface ErrorDocument {
  status: "error";
  exitCode: 1 | 2;
  /** The message also written to stderr (Swedish first, English gloss). */
  error: string;
}

/** True when `--json` is among the flags (before a `--` that ends them). */
export function wantsJson(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === "--") return false;
    if (a === "--json") return true;
  }
  return false;
}

/** Write the error document to stdout. */
export function printErrorDocument(io: Io, exitCode: 1 | 2, error: string): void {
  const doc: ErrorDocument = { status: "error", exitCode, error };
  writeJson(io, doc);
}
