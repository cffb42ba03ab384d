/** Every township a visitor may read, with its editions: the check page's township picker (all at once, grouped there). */
import type { Context } from "hono";
import type { EditionRow, TownshipRow } from "../store/types.ts";
import { canReadEdition } from "../workflow/access.ts";
import { principalOf } from "./auth/context.ts";
import type { WebContext } from "./context.ts";
import { browseHref, defaultBrowse } from "./urls.ts";

export interface TownshipEntry extends TownshipRow {
  /** How links name it: 乡镇名, or 县名/乡镇名 when the visitor sees the name in several counties. */
  ref: string;
  url: string;
  apiUrl: string;
  editions: (EditionRow & { url: string })[];
}

/** Townships with the editions the visitor may read (drafts only for those who may), newest first. */
export async function pickerTownships(web: WebContext, c: Context): Promise<TownshipEntry[]> {
  const principal = principalOf(c);
  const [rows, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  // Grouped once: filtering all editions per township is quadratic (1.5 s at 10 000 townships).
  const byTownship = new Map<number, EditionRow[]>();
  for (const e of editions) {
    if (!canReadEdition(principal, e)) continue;
    const list = byTownship.get(e.townshipId);
    if (list) list.push(e);
    else byTownship.set(e.townshipId, [e]);
  }
  const shown = rows.filter((t) => byTownship.has(t.id));
  // A name the visitor sees in several counties is linked as 县名/乡镇名, so every link names one township.
  const seen = new Map<string, number>();
  for (const t of shown) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  return shown.map((t) => {
    const ref = (seen.get(t.name) ?? 0) > 1 ? `${t.county}/${t.name}` : t.name;
    return {
      ...t,
      ref,
      url: browseHref(ref, defaultBrowse()),
      apiUrl: browseHref(ref, defaultBrowse(), "json"),
      editions: (byTownship.get(t.id) ?? [])
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((e) => ({ ...e, url: browseHref(ref, { ...defaultBrowse(), edition: e.date }) })),
    };
  });
}
