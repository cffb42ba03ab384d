/**
 * The two baselines `bench check` compares the engine with, each a plain ranker over the same edition:
 *  (a) SQLite FTS5 with the trigram tokenizer, ranked by bm25() over all of an item's text;
 *  (b) plain BM25 over jieba tokens of item names only.
 * Each answers the top item's list, or `unlisted` when the top score is below a threshold that the
 * bench picks to suit it best.
 */
import Database from "better-sqlite3";
import { allSteps, type EditionDraft, type Item } from "../src/domain/edition.ts";
import { bm25Idf, bm25Term } from "../src/match/bm25.ts";
import { createSegmenter } from "../src/match/segment.ts";

export interface Ranked {
  item: Item;
  /** Higher is better. */
  score: number;
}

export interface Baseline {
  name: string;
  rank(text: string): Ranked[];
}

function allText(item: Item): string {
  const parts = [item.name, item.category];
  if (item.list === "cooperative") {
    parts.push(...item.leadDepartments, ...allSteps(item.departmentDuties), ...allSteps(item.townshipDuties));
  } else if (item.list === "reclaimed") {
    parts.push(...item.takeover.departments, ...item.takeover.workMethod, ...item.takeover.workStandard);
  }
  return parts.join(" ");
}

/** (a) FTS5 trigram over name and body; the query is the OR of the task's character trigrams. */
export function fts5Baseline(draft: EditionDraft): Baseline & { close(): void } {
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE items USING fts5(name, body, tokenize = 'trigram')");
  const insert = db.prepare("INSERT INTO items (rowid, name, body) VALUES (?, ?, ?)");
  draft.items.forEach((item, i) => {
    insert.run(i + 1, item.name, allText(item));
  });
  const select = db.prepare(
    "SELECT rowid AS id, bm25(items) AS score FROM items WHERE items MATCH ? ORDER BY score LIMIT 10",
  );
  return {
    name: "FTS5 trigram + bm25()",
    rank(text) {
      const grams = new Set<string>();
      const chars = [...text.replace(/[\s"]/g, "")];
      for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
      if (grams.size === 0) return [];
      const query = [...grams].map((g) => `"${g}"`).join(" OR ");
      const rows = select.all(query) as { id: number; score: number }[];
      return rows.map((r) => ({ item: draft.items[r.id - 1]!, score: -r.score }));
    },
    close: () => db.close(),
  };
}

/** (b) Okapi BM25 (k1 1.2, b 0.75) over jieba tokens of item names only. */
export function namesBm25Baseline(draft: EditionDraft): Baseline {
  const segmenter = createSegmenter(null);
  const docs = draft.items.map((item) => segmenter.cut(item.name));
  const df = new Map<string, number>();
  for (const doc of docs) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const avg = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
  const idf = (t: string) => bm25Idf(n, df.get(t) ?? 0);
  return {
    name: "BM25 over jieba tokens of names",
    rank(text) {
      const query = new Set(segmenter.cut(text));
      const out: Ranked[] = [];
      docs.forEach((doc, i) => {
        let score = 0;
        for (const t of query) {
          const tf = doc.filter((w) => w === t).length;
          if (tf) score += bm25Term(idf(t), tf, doc.length, avg, 1.2, 0.75);
        }
        if (score > 0) out.push({ item: draft.items[i]!, score });
      });
      return out.sort((a, b) => b.score - a.score).slice(0, 10);
    },
  };
}
