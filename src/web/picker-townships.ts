/** Every township a visitor may read, with its editions: the check page's township picker (all at once, grouped there). */
import type { Context } from "hono";
import { principalOf } from "./auth/context.ts";
import type { WebContext } from "./context.ts";
import { readableByTownship, type TownshipEntry, townshipEntry } from "./township-list.ts";

/** Townships with the editions the visitor may read (drafts only for those who may), newest first. */
export async function pickerTownships(web: WebContext, c: Context): Promise<TownshipEntry[]> {
  const [rows, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  const byTownship = readableByTownship(editions, principalOf(c));
  const shown = rows.filter((t) => byTownship.has(t.id));
  const seen = new Map<string, number>();
  for (const t of shown) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  return shown.map((t) => townshipEntry(t, seen, byTownship));
}
