/**
 * What a CLI command may touch of the outside world: two writers, the environment and the
 * working directory. `main` gets one from the process; tests pass `memoryIo()` and read the text.
 * Both mask anything shaped like a personal identity number in what is written (issue 7): no
 * log line, error or example ever prints one, whatever command wrote it.
 *
 * A JSON document (`--json`) is printed with `writeJson`, not `stdout`: every string in it —
 * values and object keys, at any depth — is masked, but numbers stay numbers. Masking the
 * document's text as a whole would turn a number of 10 or 12 digits (a size of 1 408 701 107
 * bytes) into `[personnummer dolt]`, which is neither true nor JSON.
 */
import { redact, redactedJson } from "../read/redact.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Print one JSON document on stdout: `redactedJson(value)` and a line break, not masked again
   * as text. Optional so that an Io written by hand still fits; `writeJson` then writes the same
   * text through `stdout` (which may mask a long number, see above). Commands call `writeJson`.
   */
  json?: (value: unknown) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The text `Io.json` writes for `value`: the redacted document, indented by two, and `\n`. */
export function jsonDocument(value: unknown): string {
  return redactedJson(value, 2) + "\n";
}

/** Print one JSON document on stdout (see `Io.json`). */
export function writeJson(io: Io, value: unknown): void {
  if (io.json !== undefined) io.json(value);
  else io.stdout(jsonDocument(value));
}

/** The real process: stdout, stderr, `process.env`, `process.cwd()`. */
export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(redact(text)),
    stderr: (text) => void process.stderr.write(redact(text)),
    json: (value) => void process.stdout.write(jsonDocument(value)),
    env: process.env,
    cwd: process.cwd(),
  };
}

export interface MemoryIo extends Io {
  json: (value: unknown) => void;
  /** Everything written to stdout so far (text and JSON documents, in order). */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/** An Io that collects output in memory (for tests and for embedding). */
export function memoryIo(init: { env?: Record<string, string | undefined>; cwd?: string } = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (text) => void out.push(redact(text)),
    stderr: (text) => void err.push(redact(text)),
    json: (value) => void out.push(jsonDocument(value)),
    env: init.env ?? {},
    cwd: init.cwd ?? process.cwd(),
    out: () => out.join(""),
    err: () => err.join(""),
  };
}
