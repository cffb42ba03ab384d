/**
 * `lvzhi precedent import FILE.jsonl | export [--out FILE] | list`: the county's precedents (decisions
 * remembered). Lines are {"text","verdict","list","number"}; an import is checked whole first — a bad line
 * is refused with file:line and nothing is stored. Items are resolved against the township's current
 * edition (--township, or the only one); list marks precedents set aside because a later edition removed or
 * moved their item.
 */
import { readFile, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { LIST_LABELS } from "../../domain/edition.ts";
import { REFUSAL_EXIT, Refusal } from "../../domain/refusal.ts";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import { editionItems, precedentApplies } from "../../match/index.ts";
import { openStore, type SqlDutyStore, type StoredEdition } from "../../store/index.ts";
import {
  countyOfEdition,
  type NewPrecedent,
  precedentsOfCounty,
  type StoredPrecedent,
} from "../../store/precedents.ts";
import { workflowDb } from "../../store/workflow-schema.ts";
import { DecidedAnswer, resolveItem, storePrecedents } from "../../workflow/precedents.ts";
import { type Command, type CommandIO, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";

const USAGE = [
  "lvzhi precedent import FILE.jsonl [--township 乡镇] [--db PATH]",
  "lvzhi precedent export [--out FILE] [--township 乡镇] [--db PATH]",
  "lvzhi precedent list [--json] [--township 乡镇] [--db PATH]",
  '  每行 {"text":"任务原文","verdict":"basic|cooperative|reclaimed|unlisted","list":"…"|null,"number":N|null}',
  "  先例按县保存；事项按该乡镇当前清单核对，清单调整后对不上的先例列为“搁置待复核”，不再采用",
].join("\n");

/** The township's current edition: the named one, or the only one in the database. */
async function currentEdition(store: SqlDutyStore, township: string | undefined): Promise<StoredEdition> {
  const townships = await store.listTownships();
  if (townships.length === 0)
    throw new Refusal("not-found", "数据库中还没有乡镇清单：请先用 lvzhi import 导入");
  if (!township && townships.length > 1)
    throw new Refusal("invalid", `数据库中有 ${townships.length} 个乡镇，请用 --township 指定`);
  const name = township ?? `${townships[0]!.county}/${townships[0]!.name}`;
  const edition = await store.getEdition(name);
  if (!edition) throw new Refusal("not-found", `没有找到乡镇“${name}”的清单`);
  return edition;
}

/** Every line of an import file as a precedent, or every problem as "file:line: message". */
function parseImport(
  file: string,
  text: string,
  edition: StoredEdition,
  countyId: number,
  decidedBy: string,
): { rows: NewPrecedent[]; problems: string[] } {
  const rows: NewPrecedent[] = [];
  const problems: string[] = [];
  const decidedAt = new Date().toISOString();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(`${where}: 不是 JSON：应为 {"text","verdict","list","number"}`);
      return;
    }
    const parsed = DecidedAnswer.safeParse(raw);
    if (!parsed.success) {
      problems.push(
        `${where}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "行"}：${x.message}`).join("；")}`,
      );
      return;
    }
    try {
      const item = resolveItem(edition.draft, parsed.data);
      const { text, verdict } = parsed.data;
      rows.push({ countyId, text, verdict, item, source: "import", decidedBy, decidedAt });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      problems.push(`${where}: ${error.message}`);
    }
  });
  return { rows, problems };
}

function exportLine(p: StoredPrecedent): string {
  return JSON.stringify({
    text: p.text,
    verdict: p.verdict,
    list: p.item?.list ?? null,
    number: p.item?.number ?? null,
  });
}

function listLine(p: StoredPrecedent, applies: boolean): string {
  const answer = p.item
    ? `${LIST_LABELS[p.item.list]}第${p.item.number}项“${p.item.name}”`
    : VERDICT_LABELS[p.verdict];
  const status = applies ? "采用" : "搁置待复核（事项已被后续清单删除或调整）";
  return `#${p.id} ${p.decidedAt.slice(0, 10)} ${p.decidedBy}：${answer}【${status}】\n    ${p.text}\n`;
}

async function run(
  sub: string,
  values: Record<string, string | boolean | undefined>,
  file: string | undefined,
  io: CommandIO,
) {
  const store = await openStore(storeLocation(values));
  try {
    const edition = await currentEdition(store, values.township as string | undefined);
    const countyId = (await countyOfEdition(store.db, edition.id))!;
    if (sub === "import") {
      const text = await readFile(file!, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new Refusal("not-found", `${file}: 无法读取（${error.code ?? String(error)}）`);
      });
      const actor = `cli:${userInfo().username}`;
      const { rows, problems } = parseImport(file!, text, edition, countyId, actor);
      if (problems.length) {
        io.err(`${problems.join("\n")}\n未导入任何先例（共 ${problems.length} 行有误）。\n`);
        return REFUSAL_EXIT.invalid;
      }
      await storePrecedents(workflowDb(store.db), actor, rows);
      io.out(`已导入 ${rows.length} 条先例（${edition.county}）。\n`);
      return 0;
    }
    const precedents = await precedentsOfCounty(store.db, countyId);
    if (sub === "export") {
      const body = precedents.map((p) => `${exportLine(p)}\n`).join("");
      if (typeof values.out === "string") {
        await writeFile(values.out, body);
        io.out(`已导出 ${precedents.length} 条先例到 ${values.out}\n`);
      } else io.out(body);
      return 0;
    }
    const items = editionItems(edition.draft);
    const rows = precedents.map((p) => ({ ...p, setAside: !precedentApplies(items, p) }));
    if (values.json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      const aside = rows.filter((r) => r.setAside).length;
      io.out(
        `${edition.county}：先例 ${rows.length} 条，其中搁置待复核 ${aside} 条（按${edition.township} ${edition.date} 版清单核对）\n`,
      );
      for (const r of rows) io.out(listLine(r, !r.setAside));
    }
    return 0;
  } finally {
    await store.close();
  }
}

export const precedentCommand: Command = {
  name: "precedent",
  summary: "先例：导入、导出、查看本县已认定的任务结论（核验时优先采用）",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      township: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
    });
    const [sub, file, ...extra] = positionals;
    if (sub !== "import" && sub !== "export" && sub !== "list")
      throw new UsageError("需要子命令 import、export 或 list");
    if (sub === "import" && !file) throw new UsageError("import 需要 FILE.jsonl");
    if ((sub !== "import" && file) || extra.length)
      throw new UsageError(`多余的参数：${[file, ...extra].filter(Boolean).join(" ")}`);
    try {
      return await run(sub, values, file, io);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      io.err(`${error.message}\n`);
      return REFUSAL_EXIT[error.code];
    }
  },
};
