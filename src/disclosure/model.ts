/**
 * The disclosure model of one report: every person count the report publishes, as one cell,
 * and the relations an attacker knows between them.
 *
 * A cell is identified by what it counts, not by where it is shown: the same count drawn in a
 * chart, printed in a table and quoted in the text is one cell, so it is suppressed everywhere or
 * nowhere. Relations are linear facts about true values: a total is the sum of its parts (gender,
 * reasons, status parts, rows and a total row, sub-groups and their group), or, where persons
 * can be in several parts (unique persons per programme and in all programmes), the parts add up
 * to at least the total. Every part of a relation is also at most its total.
 *
 * The kind of each relation is read from the data, never assumed: an equality is recorded only
 * where the true values satisfy it, so the attacker modelled by the audit knows at least as much
 * as a real one.
 */

export type CellId = string;

export interface ModelCell {
  readonly id: CellId;
  /** The true value (a non-negative integer). */
  readonly value: number;
  /** A readable name for messages: table, keys and measure (never a value). */
  readonly label: string;
  /** A grand total: suppressed as secondary only when nothing else protects a cell. */
  readonly grandTotal: boolean;
}

/**
 * `total` and `parts` as cell ids: `eq` Σ parts = total, `ge` Σ parts ≥ total (overlapping
 * parts), `le` Σ parts ≤ total (parts that do not cover the whole). Each part ≤ total always.
 */
export interface Relation {
  readonly total: CellId;
  readonly parts: readonly CellId[];
  readonly kind: "eq" | "ge" | "le";
  /** What the relation is, e.g. "kön", "avslutsorsak", "rader och totalrad". */
  readonly why: string;
}

export class DisclosureError extends Error {
  override name = "DisclosureError";
}

/** The labels of the counts a message names: the first five, and "…" for more (never their values). */
export function namedCounts(labels: readonly string[]): string {
  return `${labels.slice(0, 5).join("; ")}${labels.length > 5 ? " …" : ""}`;
}

export class DisclosureModel {
  readonly cells = new Map<CellId, ModelCell>();
  readonly relations: Relation[] = [];
  private readonly relationKeys = new Set<string>();

  /** Register a cell; the same id registered twice must carry the same value. */
  addCell(id: CellId, value: number, label: string, grandTotal = false): void {
    if (!Number.isInteger(value) || value < 0) {
      throw new DisclosureError(`${label}: ett antal personer måste vara ett icke-negativt heltal (a person count must be a non-negative integer)`);
    }
    const had = this.cells.get(id);
    if (had) {
      if (had.value !== value) {
        throw new DisclosureError(
          `${label}: samma antal registreras två gånger med olika värden (the same count is registered twice with different values); ge tabellerna olika namn`,
        );
      }
      if (grandTotal && !had.grandTotal) this.cells.set(id, { ...had, grandTotal });
      return;
    }
    this.cells.set(id, { id, value, label, grandTotal });
  }

  /**
   * Record that `total` is made of `parts`. The kind (eq / ge / le) follows from the true values.
   * Parts or totals that are not registered cells are ignored (the relation is then incomplete
   * and is dropped, which only makes the attacker weaker when the missing cell is unpublished —
   * so callers register every cell they relate).
   */
  relate(total: CellId, parts: readonly CellId[], why: string): void {
    const t = this.cells.get(total);
    if (!t || parts.length === 0) return;
    const ps = [...new Set(parts)].filter((p) => p !== total);
    if (ps.length === 0 || ps.some((p) => !this.cells.has(p))) return;
    const key = `${total}=${[...ps].sort().join("+")}`;
    if (this.relationKeys.has(key)) return;
    this.relationKeys.add(key);
    const sum = ps.reduce((s, p) => s + this.cells.get(p)!.value, 0);
    for (const p of ps) {
      if (this.cells.get(p)!.value > t.value) {
        throw new DisclosureError(`${this.cells.get(p)!.label} är större än sin summa ${t.label} (a part exceeds its total)`);
      }
    }
    const kind = sum === t.value ? "eq" : sum > t.value ? "ge" : "le";
    this.relations.push({ total, parts: ps, kind, why });
  }
}
