/**
 * Export faults that used to lose rows or change values silently (issue 8, "Numbers",
 * "Subtotal and total rows", "Bytes"). Every fixture is built as bytes here; each case asserts
 * the status, the counts (rows read = accepted + quarantined) and the message.
 */
import { describe, expect, it } from "vitest";
import { validateBytes, type ValidateOutput } from "../../src/cli/validate.ts";
import { loadBytes, LoadError } from "../../src/schema/load.ts";
import { koladaSchema, ledgerSchema, staffingSchema } from "../../src/sources/index.ts";

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

function lenient(kind: string, text: string | Uint8Array, opts: { mapping?: Record<string, string> } = {}): ValidateOutput {
  return validateBytes(typeof text === "string" ? utf8(text) : text, `${kind}.csv`, kind, opts);
}
function strict(kind: string, text: string | Uint8Array): ValidateOutput {
  return validateBytes(typeof text === "string" ? utf8(text) : text, `${kind}.csv`, kind, { strict: true });
}
/** rows read = accepted + quarantined, with the counts given. */
function counts(o: ValidateOutput, read: number, accepted: number): void {
  expect(o.report.rowsRead).toBe(read);
  expect(o.report.rowsAccepted).toBe(accepted);
  expect(o.report.rowsQuarantined).toBe(read - accepted);
  expect(o.report.rowsRead).toBe(o.report.rowsAccepted + o.report.rowsQuarantined);
}

const TARGETS = "Mål;Mått;Målvärde;Från;Till;Insats\n";
const STAFFING = "Månad;Enhet;Arbetsspecialister;Aktiva brukare\n";
const LEDGER = "Period;Ansvar;Verksamhet;Konto;Budget;Utfall\n";

describe("numbers: a point is never read as anything", () => {
  it("a target value of 1.000 is quarantined (lenient) and fails the load (strict), never read as 1", () => {
    const text = `${TARGETS}150 jobb;anstallda;150;2023-01-01;2023-12-31;IPS\nFler i arbete;anstallda;1.000;2023-01-01;2023-12-31;\n`;
    const l = lenient("targets", text);
    expect(l.status).toBe("quarantined");
    expect(l.exitCode).toBe(1);
    counts(l, 2, 1);
    expect(l.report.quarantinedLines).toEqual([3]);
    expect(l.report.errors).toHaveLength(1);
    expect(l.report.errors[0]).toMatchObject({ line: 3, column: "Målvärde", field: "value", kind: "integer", value: "1.000" });
    expect(l.report.errors[0].message).toContain("punkt som tusentalsavgränsare? (point as thousands separator?)");
    const s = strict("targets", text);
    expect(s.status).toBe("failed");
    expect(s.exitCode).toBe(1);
    counts(s, 2, 1); // strict: the report still counts the good row; the load itself fails
    expect(s.failure).toMatch(/1 problem\(s\) in 1 of 2 rows \(strict mode/);
    expect(s.report.errors[0].message).toContain("punkt som tusentalsavgränsare?");
  });

  it("1.234 specialists and 1.2 specialists are refused, saying whether the point looks like thousands or decimals", () => {
    const text = `${STAFFING}2023-01;IPS;1.234;380\n2023-01;Jobbspåret;1.2;72\n2023-02;IPS;23;386\n`;
    const l = lenient("staffing", text);
    expect(l.status).toBe("quarantined");
    counts(l, 3, 1);
    expect(l.report.errors.map((e) => [e.line, e.field, e.value])).toEqual([[2, "specialists", "1.234"], [3, "specialists", "1.2"]]);
    expect(l.report.errors[0].message).toContain("punkt som tusentalsavgränsare? (point as thousands separator?)");
    expect(l.report.errors[1].message).toContain("punkt som decimaltecken? (point as decimal separator?)");
  });

  it("money with a point (1.000,50 and 2.500) is refused in a ledger", () => {
    const text = `${LEDGER}2023-01;4510;ekbist;4610;1.000,50;900\n2023-01;4510;ekbist;4611;2 500;2.500\n2023-01;4510;ekbist;4612;100;90\n`;
    const l = lenient("ledger", text);
    counts(l, 3, 1);
    expect(l.report.errors.map((e) => [e.line, e.field, e.kind])).toEqual([[2, "budget", "money"], [3, "outcome", "money"]]);
    for (const e of l.report.errors) expect(e.message).toContain("punkt som tusentalsavgränsare?");
  });

  it("a kind that declares point decimals (Kolada) reads 3.4, and a mapping can declare them for any kind", () => {
    const kolada = loadBytes(koladaSchema, utf8("kpi,municipality_id,municipality,period,gender,value\nN31824,0990,Norrvik,2021,T,3.4\nN31824,0990,Norrvik,2021,K,\"2,9\"\n"), { mode: "lenient" });
    expect(kolada.report.ok).toBe(true);
    expect(Array.from(kolada.table.array("value") as Float64Array)).toEqual([3.4, 2.9]);
    const text = `${STAFFING}2023-01;IPS;1.5;380\n2023-01;Jobbspåret;5.25;72\n`;
    const mapped = lenient("staffing", text, { mapping: { decimalSeparator: "." } });
    expect(mapped.status).toBe("ok");
    counts(mapped, 2, 2);
    const { table } = loadBytes(staffingSchema, utf8(text), { decimalSeparator: "." });
    expect(Array.from(table.array("specialists") as Float64Array)).toEqual([1.5, 5.25]);
    // Declared point decimals: a comma that could be thousands is refused in turn.
    const comma = lenient("staffing", `${STAFFING}2023-01;IPS;1,500;380\n`, { mapping: { decimalSeparator: "." } });
    counts(comma, 1, 0);
    expect(comma.report.errors[0].message).toContain("komma som tusentalsavgränsare? (comma as thousands separator?)");
  });
});

describe("subtotal and total rows are never summed", () => {
  const rows = ["2023-01;4510;ekbist;4610;1 000 000;900 000", "2023-01;4510;ekbist;4620;200 000;250 000"];

  it("Summa in the account column of a ledger row with period and unit filled in is quarantined, not summed", () => {
    const text = LEDGER + [...rows, "2023-01;4510;ekbist;Summa;1 200 000;1 150 000", "2023-02;4510;ekbist;4610;1 000 000;950 000"].join("\n") + "\n";
    const l = lenient("ledger", text);
    expect(l.status).toBe("quarantined");
    counts(l, 4, 3);
    expect(l.report.errors).toHaveLength(1);
    expect(l.report.errors[0]).toMatchObject({ line: 4, column: "Konto", field: "account", kind: "subtotal", value: "Summa" });
    expect(l.report.errors[0].message).toContain("delsumma eller totalrad? (subtotal or total row?)");
    // The budget of the accepted rows is the three real rows: 2,2 mnkr, not 3,4.
    const { table } = loadBytes(ledgerSchema, utf8(text), { mode: "lenient" });
    expect((table.array("budget") as Float64Array).reduce((a, b) => a + b, 0)).toBe(220_000_000);
    const s = strict("ledger", text);
    expect(s.status).toBe("failed");
    expect(s.failure).toMatch(/1 problem\(s\) in 1 of 4 rows/);
  });

  it.each([
    ["Totalt", "account"], ["TOTAL", "unit"], ["delsumma", "activity"], ["S:a", "account"], ["Summa 4510", "unit"],
    ["4510 Summa", "unit"], ["Totalsumma", "activity"], ["summa:", "account"],
  ])("%s in the %s column", (label, field) => {
    const cells = ["2023-01", "4510", "ekbist", "4630", "5 000", "4 000"];
    cells[{ unit: 1, activity: 2, account: 3 }[field]!] = label;
    const l = lenient("ledger", LEDGER + [...rows, cells.join(";")].join("\n") + "\n");
    counts(l, 3, 2);
    expect(l.report.errors[0]).toMatchObject({ line: 4, field, kind: "subtotal", value: label });
  });

  it("a subtotal label in a column the schema does not read still marks the row (Kontotext)", () => {
    const text = "Period;Ansvar;Konto;Kontotext;Budget;Utfall\n2023-01;4510;4610;Löner;100;90\n2023-01;4510;4610;Summa;100;90\n";
    const l = lenient("ledger", text);
    counts(l, 2, 1);
    expect(l.report.errors[0]).toMatchObject({ line: 3, column: "Kontotext", field: "", kind: "subtotal" });
  });

  it("free text that starts with a summary word is data, and so is Kolada's gender Totalt", () => {
    const targets = lenient("targets", `${TARGETS}Totalt i arbete;anstallda;150;2023-01-01;2023-12-31;IPS\nSumma av insatser;deltagare;400;2023-01-01;2023-12-31;\n`);
    expect(targets.status).toBe("ok");
    counts(targets, 2, 2);
    const kolada = lenient("kolada", "kpi,municipality_id,municipality,period,gender,value\nU40455,0180,Stockholm,2023,Totalt,38.2\n");
    expect(kolada.status).toBe("ok");
    counts(kolada, 1, 1);
  });
});

describe("footers: only lines that cannot be data", () => {
  it("a last row cut off after its first field is a field-count error, not a footer", () => {
    const text = `${LEDGER}${"2023-01;4510;ekbist;4610;100;90"}\n2023-01\n`;
    const l = lenient("ledger", text);
    expect(l.status).toBe("quarantined");
    counts(l, 2, 1);
    expect(l.report.skippedLines).toEqual([]);
    expect(l.report.errors[0]).toMatchObject({ line: 3, kind: "field-count", expected: "6 fields" });
    expect(strict("ledger", text).status).toBe("failed");
  });

  it("a complete last row is data whatever its first word (Totalt i arbete, *Ny)", () => {
    const targets = lenient("targets", `${TARGETS}150 jobb;anstallda;150;2023-01-01;2023-12-31;IPS\nTotalt i arbete;anstallda;12;2023-01-01;2023-12-31;IPS\n`);
    expect(targets.status).toBe("ok");
    counts(targets, 2, 2);
    expect(targets.report.skippedLines).toEqual([]);
    const programmes = lenient("programmes", "Kod;Namn;Platser\nIPS;IPS – individanpassat stöd;40\n*NY;Ny insats;10\n");
    expect(programmes.status).toBe("ok");
    counts(programmes, 2, 2);
  });

  it("a short line shaped like a footer after the last row is a footer, padded or not", () => {
    const l = lenient("ledger", `${LEDGER}2023-01;4510;ekbist;4610;100;90\nKälla: Raindance;;;;;\nAntal rader: 1\n`);
    expect(l.status).toBe("ok");
    counts(l, 1, 1);
    expect(l.report.skippedLines).toEqual([{ line: 3, kind: "footer" }, { line: 4, kind: "footer" }]);
  });
});

describe("bytes", () => {
  const ledgerLines = [LEDGER.trimEnd(), "2023-01;4510;ekbist;4610;1 000;900", "2023-01;4510;ekbist;4620;2 000,50;1 500", "2023-02;4520;försörjning;4610;3 000;3 100"];

  it("bare CR line ends are read like any other: every row, lineBreak \\r, no cell taken for a column", () => {
    const l = lenient("ledger", ledgerLines.join("\r") + "\r");
    expect(l.status).toBe("ok");
    counts(l, 3, 3);
    expect(l.report).toMatchObject({ lineBreak: "\r", headerLine: 1, physicalLines: 4, unknownColumns: [], unknownColumnCount: 0 });
    const { table } = loadBytes(ledgerSchema, utf8(ledgerLines.join("\r")));
    expect(Array.from(table.array("budget") as Float64Array)).toEqual([100_000, 200_050, 300_000]);
    expect(table.array("activity")).toEqual(["ekbist", "ekbist", "försörjning"]);
  });

  it.each(["utf-16le", "utf-16be"] as const)("%s with a byte order mark is decoded", (enc) => {
    const body = Buffer.from(ledgerLines.join("\r\n") + "\r\n", "utf16le");
    if (enc === "utf-16be") body.swap16();
    const bytes = new Uint8Array(Buffer.concat([Buffer.from(enc === "utf-16le" ? [0xff, 0xfe] : [0xfe, 0xff]), body]));
    const l = lenient("ledger", bytes);
    expect(l.status).toBe("ok");
    expect(l.report.encoding).toBe(enc);
    counts(l, 3, 3);
    const { table } = loadBytes(ledgerSchema, bytes);
    expect(table.array("activity")).toEqual(["ekbist", "ekbist", "försörjning"]);
  });

  it("invalid bytes after a UTF-8 byte order mark fail the load with the line and byte offset", () => {
    const head = Buffer.from("\ufeff" + ledgerLines.slice(0, 2).join("\n") + "\n", "utf8");
    const bad = Buffer.from("2023-01;4510;f", "utf8");
    const bytes = new Uint8Array(Buffer.concat([head, bad, Buffer.from([0xf6]), Buffer.from("rs;4610;1;2\n", "utf8")]));
    const offset = head.length + bad.length;
    const l = lenient("ledger", bytes);
    expect(l.status).toBe("failed");
    expect(l.exitCode).toBe(1);
    counts(l, 2, 0);
    expect(l.report.errors[0]).toMatchObject({ line: 3, kind: "encoding" });
    expect(l.failure).toBe(`ogiltig UTF-8 på rad 3, byte ${offset} (räknat från 0), fast filen börjar med UTF-8-markering (invalid UTF-8 at line 3, byte offset ${offset}, although the file starts with a UTF-8 byte order mark); spara filen som UTF-8 igen eller ta bort markeringen (save it as UTF-8 again, or remove the mark)`);
    expect(() => loadBytes(ledgerSchema, bytes)).toThrow(LoadError);
  });

  it("a NUL byte is refused with its line and byte offset", () => {
    const text = ledgerLines.join("\n") + "\n";
    const at = text.indexOf("4620") + 2;
    const bytes = utf8(text.slice(0, at) + "\0" + text.slice(at));
    const l = lenient("ledger", bytes);
    expect(l.status).toBe("failed");
    counts(l, 3, 0);
    expect(l.report.errors[0]).toMatchObject({ line: 3, kind: "encoding" });
    expect(l.failure).toContain(`NUL-tecken på rad 3, byte ${Buffer.byteLength(text.slice(0, at))} (räknat från 0) (NUL byte at line 3`);
    // UTF-16 without a byte order mark is full of NULs: refused, not read as Windows-1252.
    const noBom = new Uint8Array(Buffer.from(text, "utf16le"));
    const u = lenient("ledger", noBom);
    expect(u.status).toBe("failed");
    expect(u.failure).toContain("NUL-tecken på rad 1, byte 1 (räknat från 0)");
    expect(u.failure).toContain("UTF-16 utan byte order mark");
  });

  it("a header named twice is an error naming both columns", () => {
    const text = "Period;Ansvar;Verksamhet;Konto;Budget;Utfall;budget\n2023-01;4510;ekbist;4610;100;90;120\n2023-01;4510;ekbist;4620;100;90;120\n";
    const l = lenient("ledger", text);
    expect(l.status).toBe("failed");
    counts(l, 2, 0);
    expect(l.failure).toBe('kolumner finns två gånger (duplicate columns): "Budget" och "budget" (kolumn 5 och 7)');
    expect(l.report.errors[0]).toMatchObject({ line: 1, kind: "duplicate-column", field: "budget", column: "budget" });
    expect(l.report.errors[0].message).toContain('"Budget" (kolumn 5) och "budget" (kolumn 7)');
    expect(l.report.unknownColumns).toEqual([]);
  });

  it("unknown columns are a bounded list of names with a count", () => {
    const extra = Array.from({ length: 300 }, (_, i) => `Extra ${i + 1}`);
    const text = [[...LEDGER.trimEnd().split(";"), ...extra].join(";"), ["2023-01;4510;ekbist;4610;1;2", ...extra.map((_, i) => `cell-${i}`)].join(";")].join("\n") + "\n";
    const l = lenient("ledger", text);
    expect(l.status).toBe("ok");
    expect(l.report.unknownColumnCount).toBe(300);
    expect(l.report.unknownColumns).toEqual(extra.slice(0, 20));
  });
});

describe("a mapping's decimal separator", () => {
  it("anything but a point or a comma fails the load as a mapping problem, not an unexpected error", () => {
    const o = lenient("staffing", `${STAFFING}2023-01;IPS;1.5;380\n`, { mapping: { decimalSeparator: "punkt" } });
    expect(o.status).toBe("failed");
    counts(o, 1, 0);
    expect(o.report.errors[0]).toMatchObject({ kind: "mapping", line: 1 });
    expect(o.failure).toBe('mappningens "decimalSeparator" ska vara "." eller ",", inte "punkt" (the mapping\'s decimalSeparator must be "." or ",")');
  });
});
