/** Reading the file a command is pointed at, with the errors a user can act on. */
import { open, readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./args.ts";

/** Bytes of `file` (relative to `cwd`); a missing or unreadable file is a UsageError. */
export async function readInput(cwd: string, file: string): Promise<Uint8Array> {
  const full = path.resolve(cwd, file);
  try {
    const b = await readFile(full);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw inputError(e, file);
  }
}

/**
 * The absolute path of `file` once it is known to be a file that can be read (for loaders that
 * read it themselves, in windows), with its first four bytes (what a workbook starts with); the
 * same UsageErrors as `readInput` otherwise.
 */
export async function checkInput(cwd: string, file: string): Promise<{ path: string; head: Uint8Array }> {
  const full = path.resolve(cwd, file);
  try {
    const h = await open(full, "r");
    try {
      if ((await h.stat()).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      const head = new Uint8Array(4);
      const { bytesRead } = await h.read(head, 0, 4, 0);
      return { path: full, head: head.subarray(0, bytesRead) };
    } finally {
      await h.close();
    }
  } catch (e) {
    throw inputError(e, file);
  }
}

function inputError(e: unknown, file: string): UsageError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new UsageError(`filen finns inte: ${file} (no such file)`);
  if (code === "EISDIR") return new UsageError(`${file} är en mapp, inte en fil (is a directory)`);
  if (code === "EACCES" || code === "EPERM") return new UsageError(`får inte läsa ${file} (permission denied)`);
  if (code === "ELOOP") return new UsageError(`${file} är en symbolisk länk i en slinga (symbolic link loop)`);
  if (code === "ENOTDIR") return new UsageError(`${file}: en del av sökvägen är inte en mapp (a part of the path is not a directory)`);
  return new UsageError(`kan inte läsa ${file} (cannot read the file): ${code ?? (e instanceof Error ? e.message : String(e))}`);
}

/** Fixed-width text table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

export const LINE_BREAK_NAME = { "\r\n": "CRLF", "\n": "LF", "\r": "CR" } as const;
export const SKIP_NAME = { title: "titel", footer: "sidfot", blank: "tom" } as const;
