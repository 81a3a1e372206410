/**
 * Atomic output with no gap. The report path `<out>/<name>` is a symbolic link to a complete,
 * versioned sibling folder `<out>/.<name>@<pid>-<id>`. A build writes the new version into a
 * temporary sibling, renames it to its version name once every file is written (and synced),
 * makes a temporary link to it, and renames that link over `<out>/<name>` — one rename(2), so at
 * every instant the report path is the complete old report or the complete new one. Only then is
 * the previous version removed.
 *
 * A build killed at any point leaves at most hidden siblings (`.<name>.tmp-…`, `.<name>@…`,
 * `.<name>.link-…`, `.<name>.aside-…`), each carrying the writer's process id; the next build of
 * the same report removes those whose writer is no longer running, or restores the report from
 * them when the report path itself is missing (only possible when a killed build was moving an
 * old-style real folder aside, see `migrate` below). Folders are created with mode 0777 minus the
 * umask (usually 0755), files 0666 minus the umask.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, readdir, readlink, rename, rm, stat, symlink, unlink } from "node:fs/promises";
import path from "node:path";
import { ReportError } from "./input-errors.ts";

/** The steps of a write, in order; `onStep` is called after each. */
export type SwapStep =
  | "recovered" // leftovers of earlier, killed builds removed or restored
  | "folder-created" // the temporary folder exists (empty)
  | "file-written" // one file written and synced (detail: its relative path)
  | "files-complete" // every file written
  | "version-ready" // the temporary folder renamed to its version name
  | "link-created" // a temporary link to the new version exists
  | "legacy-moved-aside" // an old-style real report folder moved aside (first build after upgrading only)
  | "link-switched" // the report path now points at the new version
  | "old-removed"; // the previous version (and any moved-aside folder) removed

export interface WriteOptions {
  /**
   * Called after each step of the write and awaited. Fault-injection tests pause or kill the
   * writer here; production code passes nothing.
   */
  onStep?: (step: SwapStep, detail?: string) => void | Promise<void>;
  /** Process id recorded in the names of this write's temporary entries (default: this process). */
  pid?: number;
  /**
   * Files made from the written ones (`utfall build --pdf`: the PDF printed from the staged
   * index.html). Called with the temporary folder once every file of `files` is in it, before
   * anything is switched; what it returns (relative path → bytes, none of them a path of `files`)
   * is written there the same way. If it throws, the write stops and the previous report is
   * left as it was, as for any other failure before the switch.
   */
  derive?: (staged: string) => Promise<ReadonlyMap<string, Uint8Array>>;
}

/** In this process: the ids of writes still running (a same-pid leftover is live only if listed). */
const activeWrites = new Set<string>();

function isLive(pid: number, id: string): boolean {
  if (pid === process.pid) return activeWrites.has(id);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What a hidden sibling of the report path is, parsed from its name. */
type Leftover =
  | { kind: "tmp" | "version" | "link" | "aside"; name: string; pid: number; id: string }
  | { kind: "legacy-tmp" | "legacy-old"; name: string };

function parseLeftover(base: string, entry: string): Leftover | null {
  const b = escapeRegExp(base);
  let m = new RegExp(`^\\.${b}\\.(tmp|link|aside)-(\\d+)-([0-9a-f]+)$`).exec(entry);
  if (m) return { kind: m[1] as "tmp" | "link" | "aside", name: entry, pid: Number(m[2]), id: m[3] };
  m = new RegExp(`^\\.${b}@(\\d+)-([0-9a-f]+)$`).exec(entry);
  if (m) return { kind: "version", name: entry, pid: Number(m[1]), id: m[2] };
  // Written by utfall before the symbolic-link layout: mkdtemp folders `.<name>.tmp-XXXXXX[-old]`.
  m = new RegExp(`^\\.${b}\\.tmp-[A-Za-z0-9]{6}(-old)?$`).exec(entry);
  if (m) return { kind: m[1] ? "legacy-old" : "legacy-tmp", name: entry };
  return null;
}

async function lstatOrNull(p: string) {
  try {
    return await lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** The version folder the report link points at (its name), or null. */
async function currentVersion(target: string): Promise<string | null> {
  const st = await lstatOrNull(target);
  if (!st?.isSymbolicLink()) return null;
  return path.basename(await readlink(target));
}

async function syncDir(dir: string): Promise<void> {
  // Makes the renames in `dir` durable; not every platform can open a folder (Windows), which is fine.
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Remove or restore what killed builds of this report left beside it. Entries of a writer that
 * is still running are left alone. Returns the names removed or restored (for tests and logs).
 */
export async function recoverReportFolder(outDir: string): Promise<string[]> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const leftovers = entries.map((e) => parseLeftover(base, e)).filter((l): l is Leftover => l !== null);
  const dead = leftovers.filter((l) => !("pid" in l) || !isLive(l.pid, l.id));
  const done: string[] = [];

  // The report path can only be missing after a kill between moving an old-style folder aside
  // and switching the link: put the old folder back (it is complete).
  if ((await lstatOrNull(target)) === null) {
    const aside = dead.find((l) => l.kind === "aside" || l.kind === "legacy-old");
    if (aside) {
      await rename(path.join(parent, aside.name), target);
      done.push(aside.name);
    }
  }
  const current = await currentVersion(target);
  for (const l of dead) {
    if (done.includes(l.name) || l.name === current) continue;
    const p = path.join(parent, l.name);
    if (l.kind === "link") await unlink(p).catch(() => undefined);
    else await rm(p, { recursive: true, force: true });
    done.push(l.name);
  }
  return done;
}

/**
 * Write a report folder (relative path → bytes) to `outDir` atomically: readers of `outDir` see
 * the complete previous report until the complete new one replaces it in one rename.
 */
export async function writeReportAtomically(outDir: string, files: ReadonlyMap<string, Uint8Array>, options: WriteOptions = {}): Promise<void> {
  const step = options.onStep ?? (() => undefined);
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const pid = options.pid ?? process.pid;
  const id = randomBytes(6).toString("hex");
  const tmp = path.join(parent, `.${base}.tmp-${pid}-${id}`);
  const versionName = `.${base}@${pid}-${id}`;
  const version = path.join(parent, versionName);
  const linkTmp = path.join(parent, `.${base}.link-${pid}-${id}`);
  const aside = path.join(parent, `.${base}.aside-${pid}-${id}`);

  await mkdir(parent, { recursive: true });
  activeWrites.add(id);
  let switched = false;
  try {
    await recoverReportFolder(target);
    await step("recovered");
    const existing = await lstatOrNull(target);
    if (existing && !existing.isSymbolicLink() && !existing.isDirectory()) {
      throw new ReportError(`${base} i utdatamappen är en fil, inte en rapportmapp (is a file, not a report folder); flytta eller ta bort den`);
    }
    const previous = await currentVersion(target);

    await mkdir(tmp); // mode 0777 minus the umask
    await step("folder-created");
    // The folders made in tmp so far (a report's files lie in two or three: figures/, tables/).
    const folders = new Set([tmp]);
    const writeAll = async (batch: ReadonlyMap<string, Uint8Array>) => {
      for (const [rel, data] of batch) {
        const file = path.resolve(tmp, rel);
        if (!file.startsWith(tmp + path.sep)) throw new Error(`Output path ${JSON.stringify(rel)} escapes the output folder`);
        const folder = path.dirname(file);
        if (!folders.has(folder)) {
          await mkdir(folder, { recursive: true });
          folders.add(folder);
        }
        const fh = await open(file, "w");
        try {
          await fh.writeFile(data);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await step("file-written", rel);
      }
    };
    await writeAll(files);
    if (options.derive !== undefined) {
      const derived = await options.derive(tmp);
      for (const rel of derived.keys()) if (files.has(rel)) throw new Error(`Derived output ${JSON.stringify(rel)} would replace a file of the report`);
      await writeAll(derived);
    }
    await step("files-complete");
    await syncDir(tmp);
    await rename(tmp, version);
    await step("version-ready");
    // A relative link, so the output folder can be moved or copied as a whole.
    await symlink(versionName, linkTmp, "junction");
    await step("link-created");
    if (existing && !existing.isSymbolicLink()) {
      // First build over an old-style real folder: a folder cannot be replaced by a link in one
      // rename, so it is moved aside first; a kill in between is restored by the next build.
      await rename(target, aside);
      await step("legacy-moved-aside");
    }
    await rename(linkTmp, target);
    switched = true;
    await syncDir(parent);
    await step("link-switched");
    if (previous !== null && previous !== versionName && parseLeftover(base, previous)) {
      await rm(path.join(parent, previous), { recursive: true, force: true });
    }
    await rm(aside, { recursive: true, force: true });
    await step("old-removed");
  } catch (err) {
    if (!switched) {
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      await rm(version, { recursive: true, force: true }).catch(() => undefined);
      await unlink(linkTmp).catch(() => undefined);
      // A folder moved aside but not replaced goes back.
      if ((await lstatOrNull(target)) === null && (await lstatOrNull(aside)) !== null) await rename(aside, target);
    }
    throw err;
  } finally {
    activeWrites.delete(id);
  }
}

/** The folder a report path resolves to (for messages and tests): the link target or itself. */
export async function resolvedReportFolder(outDir: string): Promise<string> {
  const target = path.resolve(outDir);
  const v = await currentVersion(target);
  if (v === null) {
    await stat(target); // throws ENOENT when there is none
    return target;
  }
  return path.join(path.dirname(target), v);
}
