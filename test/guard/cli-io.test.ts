import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { memoryIo, processIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { containsIdentityNumberShape } from "../../src/guard/identity-numbers.ts";
import { valid12, writtenForms } from "./fixture.ts";

const d12 = valid12("19850412", "123");
const forms = writtenForms(d12).map(([, w]) => w);

describe("CLI output never carries an identity number", () => {
  it("memoryIo and processIo mask every written form, and keep the rest of the line", () => {
    const io = memoryIo();
    for (const w of forms) io.stdout(`ring ${w} tack\n`);
    io.stderr(`fel på rad 3: ${forms[4]}\n`);
    expect(io.out()).toBe("ring [personnummer dolt] tack\n".repeat(forms.length));
    expect(io.err()).toBe("fel på rad 3: [personnummer dolt]\n");

    const written: string[] = [];
    const spyOut = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const spyErr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const p = processIo();
      p.stdout(`a ${forms[11]}\n`);
      p.stderr(`b ${forms[13]}\n`);
    } finally {
      spyOut.mockRestore();
      spyErr.mockRestore();
    }
    expect(written).toEqual(["a [personnummer dolt]\n", "b [personnummer dolt]\n"]);
  });

  describe("commands", () => {
    let tmp: string;
    beforeAll(async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), "utfall-cli-pnr-"));
      // Identity column in typographic forms, free text with numbers, a number in a date column.
      const rows = forms.map((w, k) => `${w};JOBBSP;2023-01-16;${k % 2 === 0 ? `ring ${forms[(k + 3) % forms.length]}` : "flytt"}`);
      rows.push(`${forms[0]};IPS;${forms[5]};flytt`);
      await writeFile(path.join(tmp, "deltagare.csv"), ["Personnummer;Insats;Startdatum;Avslutsorsak detalj", ...rows, ""].join("\n"));
    });
    afterAll(async () => {
      await rm(tmp, { recursive: true, force: true });
    });

    for (const args of [["inspect"], ["inspect", "--json"], ["validate", "--kind", "participants"], ["validate", "--kind", "participants", "--json"], ["validate", "--kind", "participants", "--strict"]]) {
      it(`utfall ${args.join(" ")}: nothing shaped like an identity number on stdout or stderr`, async () => {
        const io = memoryIo({ cwd: tmp, env: { UTFALL_PSEUDONYM_KEY: "utfall-test-key-not-secret" } });
        const [command, ...flags] = args;
        const code = await main([command, "deltagare.csv", ...flags], io);
        expect(code).toBe(command === "inspect" ? 0 : 1);
        const all = io.out() + io.err();
        expect(all.length).toBeGreaterThan(100);
        expect(containsIdentityNumberShape(all)).toBe(false);
        expect(all.replace(/[^0-9]/g, "").includes(d12.slice(2))).toBe(false);
        if (command === "validate") expect(all).toMatch(/deltagare\.csv:\d+: (?:column|kolumn) \\?"Avslutsorsak detalj/); // JSON message or Swedish-first human line
      });
    }
  });
});
