/** A small argument parser: positionals, `--flag`, `--flag value`, `--flag=value`, `--` ends flags. */

/**
 * `YYYY-MM`, the form of `--period`. The same test as `isPeriod` in src/report/report.ts (a test
 * keeps them equal); repeated here so that checking the arguments loads no report code.
 */
export function isPeriod(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export class UsageError extends Error {
  override name = "UsageError";
}

export type FlagKind = "boolean" | "value";

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * Parse `args` against the allowed flags (long names with `--`; short aliases map to them).
 * Throws UsageError for an unknown flag, a missing value, or a value given to a boolean flag.
 */
export function parseArgs(args: readonly string[], allowed: Readonly<Record<string, FlagKind>>, aliases: Readonly<Record<string, string>> = {}): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name = eq > 0 && arg.startsWith("--") ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : undefined;
    name = aliases[name] ?? name;
    const kind = allowed[name];
    if (kind === undefined) throw new UsageError(`okänd flagga ${name} (unknown flag)`);
    if (kind === "boolean") {
      if (inline !== undefined) throw new UsageError(`${name} tar inget värde (takes no value)`);
      flags.set(name, true);
    } else {
      const value = inline ?? args[++i];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) {
        throw new UsageError(`${name} behöver ett värde (needs a value)`);
      }
      if (flags.has(name)) throw new UsageError(`${name} anges två gånger (given twice)`);
      flags.set(name, value);
    }
  }
  return { positionals, flags };
}
