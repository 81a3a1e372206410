// Child process for write-kill.test.ts: writes report version argv[3] to argv[2], printing each
// step of the swap on stdout; at the step named argv[4] (if any) it stops and waits to be killed.
import { writeReportAtomically } from "../../src/report/write.ts";
import { versionFiles } from "./write-fixture.ts";

const [out, version, stopAt = ""] = process.argv.slice(2);
await writeReportAtomically(out, versionFiles(version), {
  onStep: async (step, detail) => {
    const label = detail === undefined ? step : `${step}:${detail}`;
    process.stdout.write(`${label}\n`);
    if (label === stopAt) await new Promise(() => setInterval(() => undefined, 60_000));
  },
});
process.stdout.write("done\n");
