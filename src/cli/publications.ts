/**
 * The records of what public builds published (disclosure/history.ts), kept in
 * `<out>/publiceringar/<report>/<period>.json` (or the folder `--history` names): read before a public build, so its reports are
 * protected against the earlier periods' too, and written as each public report is, before it
 * replaces its previous version. The folder holds the true values behind hidden counts: it is as
 * private as the internal reports, is never inside `<out>/publik/`, and must be kept for as long as
 * the publications stay on the website. Used by `utfall build` (cli/build.ts).
 */
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseRecord, recordFile, type PublicationRecord } from "../disclosure/history.ts";
import { stableStringify } from "../render/json.ts";

/**
 * Every record in `dir` (`<out>/publiceringar/`, or `--history`), in file order; a damaged one is
 * an error naming its file (under `shown`, the folder as the user gave it).
 */
export async function readPublications(dir: string, shown: string): Promise<PublicationRecord[]> {
  let reports: string[];
  try {
    reports = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
  } catch {
    return [];
  }
  const out: PublicationRecord[] = [];
  for (const report of reports) {
    const files = (await readdir(path.join(dir, report))).filter((f) => f.endsWith(".json") && !f.startsWith(".")).sort();
    for (const f of files) {
      const file = path.join(dir, report, f);
      out.push(parseRecord(await readFile(file, "utf8"), path.join(shown, report, f)));
    }
  }
  return out;
}

/** Write a report's record, replacing the one of the same report and period at once (a rename). */
export async function writePublication(dir: string, record: PublicationRecord): Promise<void> {
  const file = path.join(dir, recordFile(record.report, record.period));
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
  await writeFile(tmp, stableStringify(record), { flush: true });
  await rename(tmp, file);
}
