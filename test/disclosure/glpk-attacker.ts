/**
 * The test suite's own attacker, sharing no code with src/disclosure/attacker.ts: a different
 * solver (GLPK through glpk.js) and its own formulation from the published view.
 *
 * Every hidden cell is an integer variable; a hidden small count marked small lies in
 * 1 … t − 1; a free one (withheld: not said to be small or not) is any non-negative integer; any
 * other hidden cell is 0 or at least t, written as x = t·s + w with s binary, 0 ≤ w ≤ M·s (so
 * x = 0 when s = 0). Relations: Σ parts (=, ≥ or ≤) total, and each part ≤ total.
 */
import GLPK from "glpk.js/node";

export interface TestCell {
  id: string;
  value: number | null;
  /** Checked: a small count. Marked small to the attacker unless `free`. */
  primary: boolean;
  /** Hidden without saying whether it is small (a withheld breakdown): any non-negative integer. */
  free?: boolean;
}
export interface TestRelation {
  total: string;
  parts: readonly string[];
  kind: "eq" | "ge" | "le";
}

const glpkPromise = GLPK();

/** min and max of each hidden primary cell. */
export async function glpkIntervals(cells: readonly TestCell[], relations: readonly TestRelation[], t: number): Promise<Map<string, [number, number]>> {
  const glpk = await glpkPromise;
  const byId = new Map(cells.map((c) => [c.id, c]));
  const unknown = (id: string) => byId.get(id)!.value === null;
  const name = new Map(cells.map((c, i) => [c.id, `v${i}`]));
  const M = 10 * cells.reduce((s, c) => s + (c.value ?? 0), 0) + 100 * t;
  const subjectTo: { name: string; vars: { name: string; coef: number }[]; bnds: { type: number; lb: number; ub: number } }[] = [];
  const bounds: { name: string; type: number; lb: number; ub: number }[] = [];
  const generals: string[] = [];
  const binaries: string[] = [];
  const row = (terms: [number, string][], kind: "eq" | "ge" | "le") => {
    let rhs = 0;
    const vars: { name: string; coef: number }[] = [];
    for (const [coef, id] of terms) {
      if (unknown(id)) vars.push({ name: name.get(id)!, coef });
      else rhs -= coef * (byId.get(id)!.value as number);
    }
    if (vars.length === 0) return;
    const type = kind === "eq" ? glpk.GLP_FX : kind === "ge" ? glpk.GLP_LO : glpk.GLP_UP;
    subjectTo.push({ name: `r${subjectTo.length}`, vars, bnds: { type, lb: rhs, ub: rhs } });
  };
  for (const r of relations) {
    row([...r.parts.map((p) => [1, p] as [number, string]), [-1, r.total]], r.kind);
    for (const p of r.parts) row([[1, p], [-1, r.total]], "le");
  }
  for (const c of cells) {
    if (!unknown(c.id)) continue;
    const v = name.get(c.id)!;
    generals.push(v);
    if (c.value === null && c.free) bounds.push({ name: v, type: glpk.GLP_DB, lb: 0, ub: M });
    else if (c.value === null && c.primary) bounds.push({ name: v, type: glpk.GLP_DB, lb: 1, ub: t - 1 });
    else {
      // hidden, not small (secondary): 0 or at least t
      const s = `${v}s`;
      const w = `${v}w`;
      binaries.push(s);
      generals.push(w);
      bounds.push({ name: v, type: glpk.GLP_DB, lb: 0, ub: M });
      bounds.push({ name: w, type: glpk.GLP_DB, lb: 0, ub: M });
      subjectTo.push({ name: `d${subjectTo.length}`, vars: [{ name: v, coef: 1 }, { name: s, coef: -t }, { name: w, coef: -1 }], bnds: { type: glpk.GLP_FX, lb: 0, ub: 0 } });
      subjectTo.push({ name: `d${subjectTo.length}`, vars: [{ name: w, coef: 1 }, { name: s, coef: -M }], bnds: { type: glpk.GLP_UP, lb: 0, ub: 0 } });
    }
  }
  const out = new Map<string, [number, number]>();
  for (const c of cells) {
    if (!(c.value === null && c.primary)) continue;
    const solve = async (direction: number) => {
      const res = await glpk.solve(
        { name: "attack", objective: { direction, name: "obj", vars: [{ name: name.get(c.id)!, coef: 1 }] }, subjectTo, bounds, generals, binaries },
        { msglev: glpk.GLP_MSG_OFF, presol: true },
      );
      if (res.result.status !== glpk.GLP_OPT) throw new Error(`glpk: status ${res.result.status} for ${c.id}`);
      return Math.round(res.result.z);
    };
    out.set(c.id, [await solve(glpk.GLP_MIN), await solve(glpk.GLP_MAX)]);
  }
  return out;
}
