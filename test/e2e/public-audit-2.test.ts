// Public builds of every sample report for 2023-07 … 2023-12 (the other half, in its own file so
// both cores build at once).
import { definePublicAuditSuite } from "./public-audit-suite.ts";

definePublicAuditSuite(["2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"]);
