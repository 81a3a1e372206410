// `utfall build` computes a report while the previous one is still being written, and holds the
// later report's lines back: the output is line for line, in the same order across standard
// output and standard error, what building one report after the other prints — also when a
// report fails while it is computed or while it is written.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { ROOT, TEST_ENV } from "../report/helpers.ts";

const api = JSON.stringify(path.join(ROOT, "src/report/index.ts"));

const script = (title: string, body: string) => `import { report, number } from ${api};
export default report({ title: ${JSON.stringify(title)}, period: "2023-04" }, async (r) => {
${body}
});
`;

/** Both streams into one list, in the order they were written. */
function merged(cwd: string): Io & { lines: string[] } {
  const lines: string[] = [];
  const put = (tag: string) => (s: string) => void lines.push(...s.replace(/\n$/, "").split("\n").map((l) => `${tag} ${l}`));
  return { lines, stdout: put("out"), stderr: put("err"), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd };
}

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-order-"));
  await mkdir(path.join(cwd, "reports"));
  await mkdir(path.join(cwd, "data"));
  await writeFile(path.join(cwd, "data", "tom.txt"), "");
  // a: a figure and many files to write; b: fails while it is computed; c: its folder cannot be written; d: fine.
  const charts = Array.from({ length: 6 }, (_, i) => `r.keyFigures([{ label: "Tal ${i}", value: number(${i}, "tal-${i}") }]);`).join("\n");
  await writeFile(path.join(cwd, "reports", "a.ts"), script("Rapport A", `r.heading("A");\n${charts}`));
  await writeFile(path.join(cwd, "reports", "b.ts"), script("Rapport B", `r.heading("B");\nthrow new Error("B går inte att räkna");`));
  await writeFile(path.join(cwd, "reports", "c.ts"), script("Rapport C", `r.heading("C");`));
  await writeFile(path.join(cwd, "reports", "d.ts"), script("Rapport D", `r.heading("D");`));
  await mkdir(path.join(cwd, "ut"));
  await writeFile(path.join(cwd, "ut", "c"), "en fil där rapportmappen skulle ligga\n");
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

it("prints every report's lines in order, whichever step failed", async () => {
  const io = merged(cwd);
  const code = await runBuild(["--data", "data", "--out", "ut"], io);
  expect(code).toBe(1);
  const lines = io.lines.map((l) => l.replace(/\n {2}Tips.*$/s, ""));
  expect(lines[0]).toBe("out Bygger a …");
  expect(lines[1]).toMatch(/^out Klar: a → ut\/a\/ \(0 diagram, 0 tabeller\)$/);
  expect(lines[2]).toBe("out Bygger b …");
  expect(lines[3]).toMatch(/^err Fel: b byggdes inte: oväntat fel när rapporten beräknades och ritades \(while computing and drawing the report\): Error: B går inte att räkna/);
  const tips = lines.indexOf("out Bygger c …");
  expect(tips).toBeGreaterThan(3);
  expect(lines.slice(4, tips).every((l) => l.startsWith("err   "))).toBe(true); // the rest of b's message: its hint
  expect(lines[tips + 1]).toMatch(/^err Fel: c byggdes inte: c i utdatamappen är en fil/);
  const d = lines.indexOf("out Bygger d …");
  expect(d).toBeGreaterThan(tips + 1);
  expect(lines[d + 1]).toMatch(/^out Klar: d → ut\/d\/ /);
  expect(lines[d + 2]).toMatch(/^out Index: ut\/index.html \(2 rapporter\)$/);
  expect(lines[d + 3]).toBe("err 2 av 4 rapporter misslyckades; tidigare utdata för dem är orörd.");
  expect(lines.length).toBe(d + 4);
  expect(await readFile(path.join(cwd, "ut", "c"), "utf8")).toBe("en fil där rapportmappen skulle ligga\n");
});
