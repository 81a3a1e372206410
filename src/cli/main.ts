/**
 * The `utfall` command line: `build`, `list`, `inspect`, `validate`, `help`.
 *
 * `main(argv, io)` never calls process.exit and writes only through `io`, so tests run it in
 * process with captured output. Exit codes: 0 done, 1 a data or build problem, 2 a usage error.
 * Runnable as a script (`tsx src/cli/main.ts build`, which `npm start` does) and through
 * `bin/utfall.js`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, UsageError } from "./args.ts";
import { INSPECT_FLAGS, LIST_FLAGS, VALIDATE_FLAGS, type FlagSpec } from "./flags.ts";
import { printErrorDocument, wantsJson } from "./error-json.ts";
import { processIo, type Io } from "./io.ts";
import { redact } from "../read/redact.ts";
import { BUILD_FALLBACK_USAGE, INSPECT_USAGE, KOLADA_USAGE, LIST_USAGE, MAIN_USAGE, VALIDATE_USAGE } from "./usage.ts";

export type { Io } from "./io.ts";

type Command = (args: string[], io: Io) => Promise<number>;

const USAGE: Record<string, string> = { list: LIST_USAGE, inspect: INSPECT_USAGE, validate: VALIDATE_USAGE, build: BUILD_FALLBACK_USAGE, kolada: KOLADA_USAGE };

/** `utfall build …` is implemented in build.ts (loaded on demand: it pulls in the renderer). */
async function runBuildCommand(args: string[], io: Io): Promise<number> {
  let mod: { runBuild?: unknown };
  try {
    mod = (await import("./build.ts")) as { runBuild?: unknown };
  } catch (e) {
    io.stderr(`utfall build: kunde inte ladda src/cli/build.ts (could not load the build command): ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (typeof mod.runBuild !== "function") {
    io.stderr("utfall build: src/cli/build.ts exporterar ingen runBuild(args, io) (does not export runBuild)\n");
    return 1;
  }
  return (mod.runBuild as Command)(args, io);
}

/**
 * The command's help, printed as the command prints it, when its arguments parse and ask for it;
 * else null (the command itself runs, and reports any usage error). For list, inspect and
 * validate, whose modules import the loaders.
 */
function helpOf(args: string[], io: Io, spec: FlagSpec, usage: string): number | null {
  try {
    if (!parseArgs(args, spec.flags, spec.aliases).flags.has("--help")) return null;
  } catch {
    return null;
  }
  io.stdout(usage);
  return 0;
}

// Each command is imported when it runs, so `--help` loads no loader, schema or renderer.
const COMMANDS: Record<string, Command> = {
  build: runBuildCommand,
  list: async (args, io) => helpOf(args, io, LIST_FLAGS, LIST_USAGE) ?? (await import("./list.ts")).runList(args, io),
  inspect: async (args, io) => helpOf(args, io, INSPECT_FLAGS, INSPECT_USAGE) ?? (await import("./inspect.ts")).runInspect(args, io),
  validate: async (args, io) => helpOf(args, io, VALIDATE_FLAGS, VALIDATE_USAGE) ?? (await import("./validate.ts")).runValidate(args, io),
  kolada: async (args, io) => (await import("./kolada.ts")).runKolada(args, io),
  preview: async (args, io) => (await import("./preview.ts")).runPreview(args, io),
  new: async (args, io) => (await import("./new.ts")).runNew(args, io),
};

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(MAIN_USAGE);
    return 2;
  }
  if (first === "--help" || first === "-h") {
    io.stdout(MAIN_USAGE);
    return 0;
  }
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout(MAIN_USAGE);
      return 0;
    }
    if (!(topic in COMMANDS)) {
      io.stderr(`utfall: okänt kommando ${topic} (unknown command)\n\n${MAIN_USAGE}`);
      return 2;
    }
    return COMMANDS[topic](["--help"], io);
  }
  const command = COMMANDS[first];
  if (command === undefined) {
    io.stderr(`utfall: ${first.startsWith("-") ? `okänd flagga ${first} (unknown flag)` : `okänt kommando ${first} (unknown command)`}\n\n${MAIN_USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    // Every error path: a message on stderr, and with --json one error document on stdout.
    const json = wantsJson(rest);
    if (e instanceof UsageError) {
      io.stderr(`utfall ${first}: ${redact(e.message)}\n\n${USAGE[first] ?? MAIN_USAGE}`);
      if (json) printErrorDocument(io, 2, redact(e.message));
      return 2;
    }
    const message = `oväntat fel (unexpected error): ${redact(e instanceof Error ? e.message : String(e))}`;
    io.stderr(`utfall ${first}: ${message}\n`);
    if (json) printErrorDocument(io, 1, message);
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`utfall: ${redact(e instanceof Error ? e.message : String(e))}\n`);
      process.exitCode = 1;
    },
  );
}
