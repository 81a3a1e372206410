/**
 * Requested places (Västerås 002 §73, last question): the desired number of internship and
 * work-training places and welfare jobs across the city's administrations, against the places the
 * programme catalogue has.
 *
 * Assumed input (the export kind is defined elsewhere; these are the fields this metric reads):
 * a table with one row per administration, kind of place and year —
 * `administration` (text), `placeKind` (`praktik`, `arbetstraning` or `valfardsjobb`; Swedish
 * spellings such as `Arbetsträning` and `Välfärdsjobb` are accepted, any other value is kept as
 * its own kind), `year` (number) and `requested` (number of places; missing counts as 0). Rows of
 * the same administration, kind and year are summed.
 *
 * Places available come from the catalogue (`code`, `places`, `validFrom`, `validTo`): the rows
 * valid at `refDate` (default the last day of the year), each counted for its kind. A catalogue
 * row's kind is its `placeKind` column when the catalogue has one, else `kindOf[code]`; rows of
 * no kind are left out. The catalogue has no administration, so the gap is per kind (all
 * administrations together).
 */
import type { ColumnTable, DateLike } from "./util.ts";
import { compareKeys, numCol, ratio, strCol, toMs, toTable } from "./util.ts";
import { hasColumn } from "./columns.ts";

export type PlaceKind = "praktik" | "arbetstraning" | "valfardsjobb";
export const PLACE_KINDS: readonly PlaceKind[] = ["praktik", "arbetstraning", "valfardsjobb"];

/** Swedish names of the kinds, for tables and charts. */
export const PLACE_KIND_NAMES: Readonly<Record<PlaceKind, string>> = {
  praktik: "Praktikplatser",
  arbetstraning: "Arbetsträningsplatser",
  valfardsjobb: "Välfärdsjobb",
};

/** A kind of place from its code or Swedish name (`Arbetsträning` → `arbetstraning`); other values trimmed. */
export function placeKindOf(value: string): string {
  const v = value.trim().toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\s_-]+/g, "");
  if (v === "praktik" || v === "praktikplats" || v === "praktikplatser") return "praktik";
  if (v === "arbetstraning" || v === "arbetstraningsplats" || v === "arbetstraningsplatser") return "arbetstraning";
  if (v === "valfardsjobb" || v === "valfardsjobben") return "valfardsjobb";
  return value.trim();
}

export interface RequestedPlacesOptions {
  year: number;
  /** Catalogue rows valid at this date count as available (default: 31 December of `year`). */
  refDate?: DateLike;
  /** Kind of place of each programme code, when the catalogue has no `placeKind` column. */
  kindOf?: Readonly<Record<string, PlaceKind>>;
}

export interface RequestedPlaces {
  /** `administration`, `placeKind`, `requested`: one row per administration and kind, sorted. */
  byAdministration: ColumnTable;
  /**
   * `placeKind`, `requested` (all administrations), `available` (catalogue places valid at
   * `refDate`; null for a kind the catalogue cannot have), `gap` = requested − available (positive:
   * more places are wanted than there are; null when available is null), `coverage` = available /
   * requested (null when nothing is requested). The three kinds in order, then other kinds.
   */
  byKind: ColumnTable;
}

/**
 * Requested places per administration and kind for one year, and the gap to the catalogue.
 * @param requests the requested places (see the module doc for the assumed columns).
 * @param programmes the programme catalogue.
 * @example requestedPlaces(onskemal, insatser, { year: 2023, kindOf: { PRAKTIK: "praktik", VERKSTAN: "arbetstraning", VALFARDSJOBB: "valfardsjobb" } })
 */
export function requestedPlaces(requests: ColumnTable, programmes: ColumnTable, opts: RequestedPlacesOptions): RequestedPlaces {
  if (!Number.isInteger(opts.year)) throw new RangeError("requestedPlaces: year must be an integer");
  const ref = opts.refDate === undefined ? Date.UTC(opts.year, 11, 31) : toMs(opts.refDate);
  const admin = strCol(requests, "administration");
  const kind = strCol(requests, "placeKind");
  const year = numCol(requests, "year");
  const requested = numCol(requests, "requested");
  const perAdmin = new Map<string, { administration: string | null; placeKind: string; requested: number }>();
  const perKind = new Map<string, number>();
  for (let i = 0; i < admin.length; i++) {
    if (year[i] !== opts.year || kind[i] === null) continue;
    const k = placeKindOf(kind[i] as string);
    const n = Number.isFinite(requested[i]) ? requested[i] : 0;
    const key = JSON.stringify([admin[i], k]);
    const rec = perAdmin.get(key) ?? { administration: admin[i], placeKind: k, requested: 0 };
    rec.requested += n;
    perAdmin.set(key, rec);
    perKind.set(k, (perKind.get(k) ?? 0) + n);
  }
  const available = new Map<string, number>();
  const code = strCol(programmes, "code");
  const places = numCol(programmes, "places");
  const vf = numCol(programmes, "validFrom");
  const vt = numCol(programmes, "validTo");
  const ownKind = hasColumn(programmes, "placeKind") ? strCol(programmes, "placeKind") : null;
  for (let i = 0; i < code.length; i++) {
    if (code[i] === null || vf[i] > ref || vt[i] < ref) continue;
    const raw = ownKind ? ownKind[i] : (opts.kindOf?.[code[i] as string] ?? null);
    if (raw === null) continue;
    const k = placeKindOf(raw);
    available.set(k, (available.get(k) ?? 0) + (Number.isFinite(places[i]) ? places[i] : 0));
  }
  const order = (k: string) => {
    const i = (PLACE_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? PLACE_KINDS.length : i;
  };
  const kinds = [...new Set<string>([...PLACE_KINDS, ...perKind.keys(), ...available.keys()])].sort((a, b) => order(a) - order(b) || compareKeys([a], [b]));
  const byKind = kinds.map((k) => {
    const req = perKind.get(k) ?? 0;
    const known = (PLACE_KINDS as readonly string[]).includes(k) || available.has(k);
    const av = known ? (available.get(k) ?? 0) : null;
    return { placeKind: k, requested: req, available: av, gap: av === null ? null : req - av, coverage: av === null ? null : ratio(av, req) };
  });
  const byAdministration = [...perAdmin.values()].sort((a, b) => compareKeys([a.administration, order(a.placeKind), a.placeKind], [b.administration, order(b.placeKind), b.placeKind]));
  return {
    byAdministration: toTable(byAdministration, ["administration", "placeKind", "requested"]),
    byKind: toTable(byKind, ["placeKind", "requested", "available", "gap", "coverage"]),
  };
}
