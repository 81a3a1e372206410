/**
 * Atomic output: the whole folder is written to a temporary sibling, then renamed into place.
 * A build that fails (or a crash while writing) never leaves half a report where the last good
 * one was; an existing report is replaced only once the new one is complete.
 */
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export async function writeReportAtomically(outDir: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    for (const [rel, data] of files) {
      const file = path.resolve(tmp, rel);
      if (!file.startsWith(tmp + path.sep)) throw new Error(`Output path ${JSON.stringify(rel)} escapes the output folder`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    }
    if (await exists(target)) {
      const old = `${tmp}-old`;
      await rename(target, old);
      try {
        await rename(tmp, target);
      } catch (err) {
        await rename(old, target); // put the previous report back
        throw err;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, target);
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
