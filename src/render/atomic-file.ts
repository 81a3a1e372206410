/**
 * A file written whole or not at all: into a temporary file beside it (a dot name with the
 * process and random bytes, so two writers never share one), flushed, then renamed over it.
 * Used for the index pages (index-page.ts), a Kolada download (cli/kolada.ts) and what the public
 * builds keep in the records' folder (cli/publications.ts, cli/told.ts); a report's folder has its
 * own atomic swap (report/write.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Write `text` to `file` (its folder made if missing) through a temporary file and a rename. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  try {
    await writeFile(tmp, text, { flush: true });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
