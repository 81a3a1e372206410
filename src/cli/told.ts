/**
 * What each earlier publication told an attacker of its hidden counts, on its own (disclosure
 * history.ts `hiddenIntervals`: the least and the most each can be), kept beside the records in
 * `<publiceringar>/.berattat/<digest>.json`, one file per record, named by the SHA-256 of the
 * record's text. A record never changes, so neither does what it told: a public build of May
 * otherwise worked out again, for the 24 records of January to April, what the builds of
 * February to April had already found (95 s of solves of its 1 160 s, and more every month).
 *
 * The intervals are the attacker's, from what was published; the true values are in the records
 * themselves, so the folder is no more private than it was. A file is only used when it is whole
 * and fits its record: the format, every cell one the record hides (suppressed or shown nowhere),
 * every interval around the cell's true value. Anything else is left out and worked out again,
 * as is a record without a file. Files are written whole or not at all (atomic-file.ts).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { publishedView, type PublicationRecord } from "../disclosure/history.ts";
import type { HiddenIntervals } from "../disclosure/joint.ts";
import { stableStringify } from "../render/json.ts";
import { writeFileAtomically } from "../render/atomic-file.ts";

export const TOLD_FORMAT = "utfall-berattat/1";
/** The folder in the records' folder (a dot folder: `readPublications` reads no record from it). */
export const TOLD_FOLDER = ".berattat";

type Told = Map<string, { min: number; max: number | null }>;

/** The file of a record's intervals. */
function fileOf(dir: string, record: PublicationRecord): string {
  return path.join(dir, TOLD_FOLDER, `${createHash("sha256").update(stableStringify(record)).digest("hex")}.json`);
}

/** The intervals of a file's text, if it is whole and fits the record (see the module comment); else null. */
export function parseTold(text: string, record: PublicationRecord): Told | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const d = doc as { format?: unknown; cells?: unknown } | null;
  if (d === null || typeof d !== "object" || d.format !== TOLD_FORMAT || d.cells === null || typeof d.cells !== "object" || Array.isArray(d.cells)) return null;
  // The cells the attacker of `hiddenIntervals` sees hidden, with their true values.
  const hidden = new Map(publishedView(record).cells.flatMap((c, k) => (c.value === null ? [[c.id, record.cells[k].value] as const] : [])));
  const out: Told = new Map();
  for (const [id, v] of Object.entries(d.cells as Record<string, unknown>)) {
    const value = hidden.get(id);
    if (value === undefined || !Array.isArray(v) || v.length !== 2) return null;
    const [min, max] = v as unknown[];
    if (!Number.isSafeInteger(min) || (min as number) < 0 || (min as number) > value) return null;
    if (max !== null && (!Number.isSafeInteger(max) || (max as number) < value)) return null;
    out.set(id, { min: min as number, max: max as number | null });
  }
  return out;
}

/** What the records (`records[k]`, the history of a build) told, as far as earlier builds found it: by record index. */
export async function readTold(dir: string, records: readonly PublicationRecord[]): Promise<HiddenIntervals> {
  const told: HiddenIntervals = new Map();
  for (const [k, record] of records.entries()) {
    const text = await readFile(fileOf(dir, record), "utf8").catch(() => null);
    const cells = text === null ? null : parseTold(text, record);
    if (cells !== null && cells.size > 0) told.set(k, cells);
  }
  return told;
}

/** The text of a record's file. */
export function toldText(cells: Told): string {
  const ids = [...cells.keys()].sort();
  return stableStringify({ format: TOLD_FORMAT, cells: Object.fromEntries(ids.map((id) => [id, [cells.get(id)!.min, cells.get(id)!.max]])) });
}

/**
 * Keep what the build found of each record's hidden counts where it holds more cells than
 * `sizes` says the build read (`readTold`). Best effort: a file that cannot be written is worked
 * out again next time.
 */
export async function writeTold(dir: string, records: readonly PublicationRecord[], told: HiddenIntervals, sizes: ReadonlyMap<number, number>): Promise<void> {
  for (const [k, cells] of told) {
    if (cells.size === (sizes.get(k) ?? 0) || records[k] === undefined) continue;
    await writeFileAtomically(fileOf(dir, records[k]), toldText(cells)).catch(() => {});
  }
}

/**
 * `work` with what the records told as far as earlier builds found it (`readTold`), then what it
 * found kept for the next build (`writeTold`). Nothing is kept when `work` fails.
 */
export async function withTold<T>(dir: string, records: readonly PublicationRecord[], work: (told: HiddenIntervals) => Promise<T>): Promise<T> {
  const told = await readTold(dir, records);
  const sizes = new Map([...told].map(([k, cells]) => [k, cells.size]));
  const result = await work(told);
  await writeTold(dir, records, told, sizes);
  return result;
}
