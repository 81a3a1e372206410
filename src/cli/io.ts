/**
 * What a CLI command may touch of the outside world: two writers, the environment and the
 * working directory. `main` gets one from the process; tests pass `memoryIo()` and read the text.
 * Both mask anything shaped like a personal identity number in what is written (issue 7): no
 * log line, error or example ever prints one, whatever command wrote it.
 */
import { redact } from "../read/redact.ts";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The real process: stdout, stderr, `process.env`, `process.cwd()`. */
export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(redact(text)),
    stderr: (text) => void process.stderr.write(redact(text)),
    env: process.env,
    cwd: process.cwd(),
  };
}

export interface MemoryIo extends Io {
  /** Everything written to stdout so far. */
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
    env: init.env ?? {},
    cwd: init.cwd ?? process.cwd(),
    out: () => out.join(""),
    err: () => err.join(""),
  };
}
