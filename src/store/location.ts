/** Where the embedded database lives when nobody says otherwise. */
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (two levels above this file: src/store/ → ./). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The default database file: var/lvzhi.db under the project root. */
export const DEFAULT_DATABASE = resolve(PROJECT_ROOT, "var", "lvzhi.db");

/**
 * The SQLite path to open: the given one, else $LVZHI_DB, else the default. Relative paths are taken from
 * the working directory; the parent folder is created. ":memory:" is passed through.
 */
export function databasePath(given?: string): string {
  const chosen = given || process.env.LVZHI_DB || DEFAULT_DATABASE;
  if (chosen === ":memory:") return chosen;
  const path = isAbsolute(chosen) ? chosen : resolve(process.cwd(), chosen);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
