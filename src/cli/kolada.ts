/**
 * `utfall kolada hämta --kpi U40455 --kommun 1980,0180 --år 2022 [--ut kolada.json]`
 * (English: `kolada fetch --kpi … --municipality … --year … [--out …]`).
 *
 * Downloads from Kolada's API v3, follows `next_url`, asks for at most 25 ids per path segment,
 * and saves every page as Kolada sent it with its URL, retrieval time and SHA-256 (see
 * sources/kolada-v3.ts). The file loads as the kolada kind (`utfall validate kolada.json --kind kolada`,
 * `r.load.kolada("kolada.json")`). The network and the clock are injected (`KoladaDeps`).
 */
import path from "node:path";
import { fetchKolada, KOLADA_V3_BASE, KoladaFetchError, type FetchDeps, type KoladaRequest } from "../sources/kolada-v3.ts";
import { parseArgs, UsageError } from "./args.ts";
import { writeJson, type Io } from "./io.ts";
import { redact } from "../read/redact.ts";
import { writeFileAtomically } from "../render/atomic-file.ts";
import { KOLADA_USAGE } from "./usage.ts";

export interface KoladaDeps extends FetchDeps {
  /** Base URL of the API (default https://api.kolada.se/v3). */
  base?: string;
}

const defaultDeps = (): KoladaDeps => ({
  fetch: (url) => globalThis.fetch(url, { headers: { accept: "application/json" } }),
  now: () => new Date(),
});

const SUBCOMMANDS = new Set(["hämta", "fetch"]);

function list(value: string | true | undefined, flag: string, pattern: RegExp, what: string): string[] {
  if (value === undefined || value === true) return [];
  const items = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const it of items) if (!pattern.test(it)) throw new UsageError(`${flag}: ${JSON.stringify(it)} är inget ${what} (not a valid ${what})`);
  return [...new Set(items)];
}

function years(value: string | true | undefined): number[] {
  const out: number[] = [];
  for (const item of list(value, "--år", /^\d{4}(-\d{4})?$/, "år eller intervall ÅÅÅÅ-ÅÅÅÅ")) {
    const [a, b] = item.split("-").map(Number);
    const to = b ?? a;
    if (to < a) throw new UsageError(`--år: ${item} går baklänges (runs backwards)`);
    for (let y = a; y <= to; y++) if (!out.includes(y)) out.push(y);
  }
  return out;
}

export async function runKolada(args: string[], io: Io, deps: KoladaDeps = defaultDeps()): Promise<number> {
  const { positionals, flags } = parseArgs(
    args,
    { "--help": "boolean", "--json": "boolean", "--kpi": "value", "--kommun": "value", "--år": "value", "--ut": "value" },
    { "-h": "--help", "--municipality": "--kommun", "--year": "--år", "--out": "--ut" },
  );
  if (flags.has("--help") || positionals.length === 0) {
    (flags.has("--help") ? io.stdout : io.stderr)(KOLADA_USAGE);
    return flags.has("--help") ? 0 : 2;
  }
  if (!SUBCOMMANDS.has(positionals[0])) throw new UsageError(`okänt underkommando ${positionals[0]} (unknown subcommand); finns: hämta (fetch)`);
  if (positionals.length > 1) throw new UsageError(`oväntat argument ${positionals[1]} (unexpected argument)`);
  const req: KoladaRequest = {
    kpi: list(flags.get("--kpi"), "--kpi", /^[A-Za-z][A-Za-z0-9_]{1,19}$/, "nyckeltals-id"),
    municipality: list(flags.get("--kommun"), "--kommun", /^[A-Za-z0-9]{1,20}$/, "kommun-id"),
    year: years(flags.get("--år")),
  };
  if (req.kpi.length === 0) throw new UsageError("ange --kpi (missing --kpi), t.ex. --kpi U40455");
  const out = path.resolve(io.cwd, (flags.get("--ut") as string | undefined) ?? "kolada.json");

  let save;
  try {
    save = await fetchKolada(req, deps, deps.base ?? KOLADA_V3_BASE);
  } catch (e) {
    if (!(e instanceof KoladaFetchError)) throw e;
    io.stderr(`utfall kolada: ${redact(e.message)}\n`);
    return 1;
  }
  await writeFileAtomically(out, JSON.stringify(save, null, 2) + "\n");
  const rows = save.pages.reduce((a, p) => a + p.response.values.reduce((b, r) => b + (Array.isArray(r.values) ? r.values.length : 0), 0), 0);
  const requests = new Set(save.pages.map((p) => p.url.split("?")[0])).size;
  const summary = { file: path.relative(io.cwd, out) || out, pages: save.pages.length, requests, values: rows, retrieved: save.retrieved, urls: save.pages.map((p) => p.url) };
  if (flags.has("--json")) writeJson(io, summary);
  else io.stdout(`Hämtade ${rows} värden på ${save.pages.length} sidor från Kolada (fetched ${rows} values on ${save.pages.length} pages) → ${summary.file}\n`);
  return 0;
}
