/**
 * The flags of the commands whose help main.ts answers without importing them (list, inspect,
 * validate: they pull in the loaders). One definition, used by the command and by main.ts.
 */
import type { FlagKind } from "./args.ts";

export interface FlagSpec {
  flags: Readonly<Record<string, FlagKind>>;
  aliases: Readonly<Record<string, string>>;
}

export const LIST_FLAGS: FlagSpec = { flags: { "--json": "boolean", "--help": "boolean" }, aliases: { "-h": "--help" } };

export const INSPECT_FLAGS: FlagSpec = { flags: { "--json": "boolean", "--help": "boolean", "--sheet": "value" }, aliases: { "-h": "--help" } };

export const VALIDATE_FLAGS: FlagSpec = {
  flags: { "--json": "boolean", "--strict": "boolean", "--help": "boolean", "--kind": "value", "--mapping": "value", "--sheet": "value" },
  aliases: { "-h": "--help", "-k": "--kind" },
};
