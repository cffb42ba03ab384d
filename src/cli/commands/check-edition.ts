/**
 * Which edition `lvzhi check` (and `bench check`) checks against: the named township's current edition,
 * the only township in the database, or — when the database holds none — the bundled 策勒乡 lists.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { EditionDraft } from "../../domain/edition.ts";
import type { Precedent } from "../../domain/precedent.ts";
import { readDocument } from "../../ingest/index.ts";
import { AmbiguousTownshipError, openStore } from "../../store/index.ts";
import { precedentsForEdition } from "../../store/precedents.ts";
import { BUNDLED_LISTS } from "./serve.ts";

export interface CheckEdition {
  /** Cache key of the edition's index: changes whenever the edition does. */
  key: string;
  township: string;
  draft: EditionDraft;
  /** The county's precedents (decisions remembered), consulted before the engine; none for the bundled lists. */
  precedents?: Precedent[];
}

/** Reads the bundled lists (no database involved). */
export async function bundledEdition(): Promise<CheckEdition> {
  const { draft } = await readDocument(await readFile(BUNDLED_LISTS), basename(BUNDLED_LISTS));
  return { key: `bundled:${basename(BUNDLED_LISTS)}`, township: draft.township, draft };
}

/** The edition to check against, or an error message in Chinese naming what to do. */
export async function loadCheckEdition(
  db: string | { path?: string; databaseUrl?: string } | undefined,
  township: string | undefined,
): Promise<CheckEdition | { error: string }> {
  const store = await openStore(typeof db === "object" ? db : { path: db });
  try {
    const townships = await store.listTownships();
    if (townships.length === 0) {
      if (township) return { error: `数据库中没有乡镇"${township}"：请先用 lvzhi import 导入它的清单` };
      return await bundledEdition();
    }
    let name = township;
    if (!name) {
      if (townships.length > 1) {
        const names = townships.map((t) => `${t.county}/${t.name}`).join("、");
        return { error: `数据库中有 ${townships.length} 个乡镇（${names}），请用 --township 指定` };
      }
      name = `${townships[0]!.county}/${townships[0]!.name}`;
    }
    const edition = await store.getEdition(name);
    if (!edition) {
      const names = townships.map((t) => t.name).join("、");
      return { error: `没有找到乡镇"${name}"的清单；已有：${names}` };
    }
    const precedents = await precedentsForEdition(store.db, edition.id);
    return { key: `edition:${edition.id}`, township: edition.township, draft: edition.draft, precedents };
  } catch (error) {
    if (error instanceof AmbiguousTownshipError) return { error: error.message };
    throw error;
  } finally {
    await store.close();
  }
}
