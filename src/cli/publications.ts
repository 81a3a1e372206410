/**
 * The records of what public builds published (disclosure/history.ts), kept in
 * `<out>/publiceringar/<report>/<period>/<version>.json` (or the folder `--history` names): read before a public build, so its reports are
 * protected against the earlier periods' too, and written as each public report is, before it
 * replaces its previous version. The folder holds the true values behind hidden counts: it is as
 * private as the internal reports, is never inside `<out>/publik/`, and must be kept for as long as
 * the publications stay on the website. Used by `utfall build` (cli/build.ts).
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { parseRecord, recordFile, type PublicationRecord } from "../disclosure/history.ts";
import { stableStringify } from "../render/json.ts";
import { assertNoIdentityNumbers } from "../guard/scan-outputs.ts";
import { writeFileAtomically } from "../render/atomic-file.ts";

/**
 * Every record in `dir` (`<out>/publiceringar/`, or `--history`), in file order: the versions of
 * each report's publications, `<report>/<period>/<version>.json`. A damaged one is an error naming
 * its file (under `shown`, the folder as the user gave it).
 */
export async function readPublications(dir: string, shown: string): Promise<PublicationRecord[]> {
  const out: PublicationRecord[] = [];
  const folders = async (at: string): Promise<string[]> => {
    try {
      return (await readdir(at, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
    } catch {
      return [];
    }
  };
  for (const report of await folders(dir)) {
    for (const period of await folders(path.join(dir, report))) {
      const files = (await readdir(path.join(dir, report, period))).filter((f) => f.endsWith(".json") && !f.startsWith(".")).sort();
      for (const f of files) out.push(parseRecord(await readFile(path.join(dir, report, period, f), "utf8"), path.join(shown, report, period, f)));
    }
  }
  return out;
}

/**
 * Write a report's record beside the earlier versions of its period (a rename: never half a
 * file). The version is a digest of the content, so the same publication built again is one file.
 */
export async function writePublication(dir: string, record: PublicationRecord): Promise<void> {
  const text = stableStringify(record);
  const version = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const name = recordFile(record.report, record.period, version);
  // A record is an output like any other: no identity number in it (a table's keys, its labels).
  assertNoIdentityNumbers(new Map([[name, new TextEncoder().encode(text)]]));
  await writeFileAtomically(path.join(dir, name), text);
}

/**
 * Holds the records' folder for one public build, from reading the records to writing the last:
 * two builds at once would each be protected without the other's publications. A lock left by a
 * process that no longer runs is taken over. Returns the release.
 */
export async function lockPublications(dir: string, pid = process.pid): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const lock = path.join(dir, ".lock");
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lock, `${pid}\n`, { flag: "wx" });
      return () => rm(lock, { force: true });
    } catch (err) {
      if ((err as { code?: string }).code !== "EEXIST" || attempt > 0) throw err;
      const holder = Number((await readFile(lock, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && running(holder)) {
        throw new PublicationsLocked(dir, holder);
      }
      await rm(lock, { force: true });
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}

/** Another public build holds the records' folder. */
export class PublicationsLocked extends Error {
  override name = "PublicationsLocked";
  constructor(readonly dir: string, readonly pid: number) {
    super(`ett annat publikt bygge (process ${pid}) använder publiceringsposterna just nu (another public build holds the records); vänta tills det är klart och bygg igen`);
  }
}
