/**
 * The report folders of an output folder, as later runs find them: every folder (not a hidden
 * one: the version folders and temporary siblings of report/write.ts) that holds a figures.json,
 * with what that file says at its head. Read by the index page (render/index-page.ts) and by the
 * check of what a public build would stand beside (cli/public-folder.ts).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** What figures.json says of its report, as far as the readers here need it. */
export interface FiguresHead {
  buildTime?: string;
  report?: { name?: string; title?: string };
  parameters?: { period?: string | null; public?: boolean; unit?: string | null };
}

export interface ReportFolder {
  /** The folder's name. */
  name: string;
  folder: string;
  /** The head of its figures.json; undefined when the file is there but is no JSON. */
  head: FiguresHead | undefined;
}

/** The report folders in `dir`, by name; none when `dir` does not exist. */
export async function reportFolders(dir: string): Promise<ReportFolder[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: ReportFolder[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(".")) continue;
    const folder = path.join(dir, name);
    let text: string;
    try {
      text = await readFile(path.join(folder, "figures.json"), "utf8");
    } catch {
      continue; // not a report folder (index.html, "publik", a folder of something else)
    }
    let head: FiguresHead | undefined;
    try {
      head = (JSON.parse(text) as FiguresHead | null) ?? {};
    } catch {
      head = undefined;
    }
    out.push({ name, folder, head });
  }
  return out;
}
