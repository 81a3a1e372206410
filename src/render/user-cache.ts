/**
 * The per-user cache folders in the temporary folder (`<tmp>/utfall-<uid>/<name>/`): the
 * renderer's (`vega`, `fonts`) and the CLI's compiled report scripts (`ts`, src/cli/script-bundle.ts). Created 0700, not used at
 * all unless it and its parent are directories owned by this user that neither group nor others
 * can write to. What is in them is trusted as this process's own work (a vega runtime spec holds
 * expressions vega compiles to code), so no one else may be able to put anything there.
 *
 * Entries are written to a temporary file and renamed into place; after the process's first write
 * into a folder, its entries neither read nor written for 30 days are removed. A folder that cannot be made or written is no cache:
 * nothing fails for it.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const DAY = 24 * 60 * 60 * 1000;

/** The default folder of a cache: `<tmp>/utfall-<uid>/<name>`. */
export function defaultCacheDir(name: string): string {
  const uid = typeof process.getuid === "function" ? process.getuid() : os.userInfo().username;
  return path.join(os.tmpdir(), `utfall-${uid}`, name);
}

/**
 * `dir` (created 0700 if missing) when it is this user's alone — it and its parent directories,
 * owned by this user, not writable by group or others — else null.
 */
export function privateDir(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const uid = typeof process.getuid === "function" ? process.getuid() : null;
    for (const d of [path.dirname(dir), dir]) {
      const st = lstatSync(d);
      if (!st.isDirectory() || (uid !== null && st.uid !== uid) || (st.mode & 0o022) !== 0) return null;
    }
    return dir;
  } catch {
    return null;
  }
}

/** Folders this process has already expired (see `expire`). */
const expired = new Set<string>();

/**
 * After the process's first write into a folder: entries neither read nor written for 30 days
 * go. Once per process and folder, since it looks at every entry: a folder of a few thousand
 * entries took ~5 ms a pass here, paid by every chart compiled afresh.
 */
function expire(dir: string): void {
  if (expired.has(dir)) return;
  expired.add(dir);
  try {
    const old = Date.now() - 30 * DAY;
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      const st = statSync(p);
      if (st.atimeMs < old && st.mtimeMs < old) unlinkSync(p);
    }
  } catch {
    // best effort
  }
}

/** Writes `file` in `dir` through a temporary file and a rename (mode 0600); false if it could not. */
export function writeCacheFile(dir: string, file: string, text: string): boolean {
  const tmp = path.join(dir, `${file}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, path.join(dir, file));
    expire(dir);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // not there
    }
    return false;
  }
}
