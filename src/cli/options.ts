/** Command-line option parsing shared by every subcommand: node's parseArgs, errors as UsageError. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./command.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options every command that touches the database takes. */
export const DB_OPTIONS = {
  db: { type: "string" },
  "database-url": { type: "string" },
} as const satisfies Options;

/** The store location the DB_OPTIONS name: --db (SQLite file) or --database-url (PostgreSQL); see openStore. */
export function storeLocation(values: { db?: string; "database-url"?: string }): {
  path?: string;
  databaseUrl?: string;
} {
  return { path: values.db, databaseUrl: values["database-url"] };
}

/** Parses argv strictly; unknown options and missing values become a UsageError with node's message. */
export function parseOptions<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
