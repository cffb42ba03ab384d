/**
 * The migrations, listed statically so they load the same under tsx, a bundler or a compiled build
 * (no directory globbing). Add each new migration here; Kysely runs them in name order.
 */
import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001_initial.ts";

export const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
};

/** A Kysely MigrationProvider over the static list above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
