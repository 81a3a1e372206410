// The benchmark job in utfall, as an analyst's script would run it on the built package:
// load the participants export (validation, pseudonymisation), then programme outcomes for 2023.
//   node bench/peers/utfall.mjs <file>
// Prints the canonical 36-row result (see bench/peers/README.md) on stdout.
// Imports the loader and metrics entry points only ("utfall/sources", "utfall/metrics"), which do
// not pull in the renderer.
import { loadParticipants } from "utfall/sources";
import { programmeOutcomes } from "utfall/metrics";

const file = process.argv[2];
if (!file) throw new Error("usage: node bench/peers/utfall.mjs <file>");

const { table, report } = await loadParticipants(file, { referenceYear: 2024 });
if (!report.ok) throw new Error(`load not ok: ${report.rowsQuarantined} rows quarantined`);
const out = programmeOutcomes(table, { from: "2023-01-01", to: "2023-12-31", refDate: "2023-12-31", by: ["programme"] });

const GENDERS = ["K", "M", "X", "T"];
const rows = out.objects().sort((a, b) =>
  a.programme < b.programme ? -1 : a.programme > b.programme ? 1 : GENDERS.indexOf(a.gender) - GENDERS.indexOf(b.gender));
const lines = ["programme;gender;participants;ended;endedA;endedB;endedC;endedD;endedE;workOrStudies;share"];
for (const r of rows) {
  const share = r.shareWorkOrStudies === null ? "" : r.shareWorkOrStudies.toFixed(6);
  lines.push([r.programme, r.gender, r.participants, r.ended, r.endedA, r.endedB, r.endedC, r.endedD, r.endedE, r.workOrStudies, share].join(";"));
}
process.stdout.write(lines.join("\n") + "\n");
