/** Command-line option parsing shared by every subcommand: node's parseArgs, errors as UsageError. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./command.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options every command that touches the database takes. */
export const DB_OPTIONS = {
  db: { type: "string" },
  "database-url": { type: "string" },
} as const satisfies Options;

/** Parses argv strictly; unknown options and missing values become a UsageError with node's message. */
export function parseOptions<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
