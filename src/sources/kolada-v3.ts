/**
 * Kolada's API v3: reading saved responses and fetching them.
 *
 * A response page is `{"values":[{"kpi","municipality","period","values":[{"gender","value",
 * "status","count","isdeleted"}]}],"next_url"}`. One file may hold:
 * - one page as Kolada sent it;
 * - several pages as a JSON array of pages;
 * - what `utfall kolada hämta` saves: `{"source":"Kolada API v3","retrieved",…,"pages":[{"url",
 *   "retrieved","sha256","response":<page>}]}` (every page of every request, with provenance).
 * A folder of page files is not read: save the pages into one file (an array) instead.
 *
 * Reading: rows marked `isdeleted` are dropped; `value: null` is kept as missing; a value without
 * `gender` (KPIs published for the total only) is `T`; `count` > 1 marks a municipality group whose
 * value is an unweighted average of its members (`unweightedAverage`).
 */
import { createHash } from "node:crypto";
import { TextTableWriter } from "../read/text-table.ts";
import { excelNumber } from "../read/xlsx.ts";
import type { JsonRows } from "../schema/formats.ts";

export const KOLADA_V3_BASE = "https://api.kolada.se/v3";
/** Kolada accepts at most this many ids in one path segment. */
export const MAX_IDS_PER_SEGMENT = 25;

export interface KoladaV3Value {
  gender?: string | null;
  value: number | null;
  status?: string | null;
  count?: number | null;
  isdeleted?: boolean | null;
}
export interface KoladaV3Row {
  kpi: string;
  municipality: string;
  period: number | string;
  values: KoladaV3Value[];
}
export interface KoladaV3Page {
  values: KoladaV3Row[];
  next_url?: string | null;
  count?: number;
}
export interface SavedPage {
  url: string;
  retrieved: string;
  sha256: string;
  response: KoladaV3Page;
}
export interface KoladaSave {
  source: "Kolada API v3";
  retrieved: string;
  request: KoladaRequest;
  pages: SavedPage[];
}
export interface KoladaRequest {
  kpi: string[];
  municipality: string[];
  year: number[];
}

/** The headers the text rows are written with (the kolada schema's reference headers). */
const HEADER = ["kpi", "municipality_id", "period", "gender", "value", "count", "unweighted_average", "kolada_status"];

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The pages in a saved file, each with the JSON path it sits at. */
function pagesOf(json: unknown, name: string): { path: string; page: Record<string, unknown> }[] {
  const bad = (what: string): never => {
    throw new Error(`${name}: inget Kolada v3-svar (not a Kolada v3 response): ${what}`);
  };
  if (Array.isArray(json)) return json.map((p, i) => (isObj(p) && Array.isArray(p.values) ? { path: `[${i}].`, page: p } : bad(`element ${i} has no "values" list`)));
  if (isObj(json) && Array.isArray(json.pages)) {
    return json.pages.map((p, i) => (isObj(p) && isObj(p.response) && Array.isArray(p.response.values) ? { path: `pages[${i}].response.`, page: p.response } : bad(`pages[${i}] has no response with "values"`)));
  }
  if (isObj(json) && Array.isArray(json.values)) return [{ path: "", page: json }];
  return bad(`expected {"values": […]}, a list of such pages, or {"pages": […]}`);
}

/** A saved v3 response as text rows for the kolada schema (registered as its JSON reader). */
export function readKoladaV3(json: unknown, name: string): JsonRows {
  const rows = new TextTableWriter();
  const paths: string[] = [""]; // index = ordinal of the value in the file (deleted ones too)
  rows.row(HEADER, 0);
  for (const { path, page } of pagesOf(json, name)) {
    const values = page.values as unknown[];
    for (let i = 0; i < values.length; i++) {
      const r = isObj(values[i]) ? (values[i] as Record<string, unknown>) : {};
      const inner = Array.isArray(r.values) ? r.values : [];
      for (let j = 0; j < inner.length; j++) {
        const ordinal = paths.push(`${path}values[${i}].values[${j}]`) - 1;
        const v = isObj(inner[j]) ? (inner[j] as Record<string, unknown>) : {};
        if (v.isdeleted === true) continue;
        const value = typeof v.value === "number" ? excelNumber(v.value, ".") : v.value === null || v.value === undefined ? "" : String(v.value);
        const count = typeof v.count === "number" ? v.count : null;
        const gender = typeof v.gender === "string" && v.gender !== "" ? v.gender : "T";
        rows.row([text(r.kpi), text(r.municipality), text(r.period), gender, value, count === null ? "" : String(count), count === null ? "" : count > 1 ? "ja" : "nej", text(v.status)], ordinal);
      }
    }
  }
  const places = rows.lineSource.map((o) => (o > 0 ? { line: o, path: paths[o] } : null));
  return { text: rows.text(), places };
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

/** Split a list into runs of at most `n`. */
function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * The first URL of each request: every combination of ≤ 25 KPIs × ≤ 25 municipalities × ≤ 25
 * years, as `<base>/data/kpi/<ids>/municipality/<ids>/year/<years>` (municipality or year left
 * out when not asked for).
 */
export function koladaUrls(req: KoladaRequest, base = KOLADA_V3_BASE): string[] {
  const urls: string[] = [];
  const root = base.replace(/\/+$/, "");
  const segments = <T>(xs: readonly T[]): T[][] => (xs.length === 0 ? [[]] : chunks(xs, MAX_IDS_PER_SEGMENT));
  for (const k of chunks(req.kpi, MAX_IDS_PER_SEGMENT)) {
    for (const m of segments(req.municipality)) {
      for (const y of segments(req.year)) {
        const parts = [`kpi/${k.map(encodeURIComponent).join(",")}`];
        if (m.length > 0) parts.push(`municipality/${m.map(encodeURIComponent).join(",")}`);
        if (y.length > 0) parts.push(`year/${y.join(",")}`);
        urls.push(`${root}/data/${parts.join("/")}`);
      }
    }
  }
  return urls;
}

/** What a fetch needs from the outside world (tests pass recorded responses). */
export interface FetchDeps {
  fetch: (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  /** The clock, read once per page. */
  now: () => Date;
}

export class KoladaFetchError extends Error {
  override name = "KoladaFetchError";
}

/** Most pages followed for one request (a guard against a server that never stops). */
const MAX_PAGES = 1000;

/** Fetch every page of every request, following `next_url` on the same host. */
export async function fetchKolada(req: KoladaRequest, deps: FetchDeps, base = KOLADA_V3_BASE): Promise<KoladaSave> {
  const origin = new URL(base).origin;
  const pages: SavedPage[] = [];
  const retrieved = deps.now().toISOString();
  for (const first of koladaUrls(req, base)) {
    const seen = new Set<string>();
    let url: string | null = first;
    while (url !== null) {
      if (seen.has(url) || seen.size >= MAX_PAGES) throw new KoladaFetchError(`Kolada: next_url upprepar sig eller tar aldrig slut (next_url repeats or never ends) vid ${url}`);
      seen.add(url);
      let res: Awaited<ReturnType<FetchDeps["fetch"]>>;
      try {
        res = await deps.fetch(url);
      } catch (e) {
        throw new KoladaFetchError(`Kolada kunde inte nås (could not reach Kolada): ${url}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const at = deps.now().toISOString();
      const body = await res.text();
      if (!res.ok) throw new KoladaFetchError(`Kolada svarade ${res.status} (answered ${res.status}) för ${url}`);
      let page: unknown;
      try {
        page = JSON.parse(body);
      } catch {
        throw new KoladaFetchError(`Kolada svarade inte med JSON (no JSON in the answer) för ${url}`);
      }
      if (!isObj(page) || !Array.isArray(page.values)) throw new KoladaFetchError(`Kolada svarade utan "values" (answer without "values") för ${url}`);
      pages.push({ url, retrieved: at, sha256: createHash("sha256").update(body).digest("hex"), response: page as unknown as KoladaV3Page });
      const next = page.next_url;
      if (typeof next === "string" && next !== "") {
        const resolved: URL = new URL(next, url);
        if (resolved.origin !== origin) throw new KoladaFetchError(`Kolada: next_url pekar till en annan värd (points to another host): ${resolved.origin}`);
        url = resolved.href;
      } else {
        url = null;
      }
    }
  }
  return { source: "Kolada API v3", retrieved, request: req, pages };
}
