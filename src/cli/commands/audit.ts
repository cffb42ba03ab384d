/** `lvzhi audit verify|list|export`: check the hash chain of the audit log, read it, export it. */
import { writeFile } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import { openStore } from "../../store/index.ts";
import { workflowDb } from "../../store/workflow-schema.ts";
import { type AuditEntry, allAudit, listAudit, verifyAudit } from "../../workflow/audit.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";

const USAGE =
  "lvzhi audit verify [--json] [--db PATH]\n" +
  "lvzhi audit list [--limit N] [--actor NAME] [--action ACTION] [--subject PREFIX] [--json] [--db PATH]\n" +
  "lvzhi audit export --out FILE [--format jsonl|csv] [--db PATH]\n" +
  "  verify  逐条核对哈希链；链断裂时指出第一条出错的记录并以 1 退出\n" +
  "  export  导出全部记录（含哈希，可据此独立核对）";

const HEADER = ["id", "at", "actor", "action", "subject", "before", "after", "prev_hash", "hash"] as const;

/** Entries as JSON lines or CSV, oldest first. */
export function formatAudit(entries: AuditEntry[], format: "jsonl" | "csv"): string {
  const ordered = [...entries].sort((a, b) => a.id - b.id);
  if (format === "jsonl")
    return ordered.map((e) => JSON.stringify(e)).join("\n") + (ordered.length ? "\n" : "");
  return stringify([[...HEADER], ...ordered.map((e) => HEADER.map((h) => e[h] ?? ""))], { bom: true });
}

export const auditCommand: Command = {
  name: "audit",
  summary: "审计日志：核对哈希链、查看、导出",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      json: { type: "boolean" },
      limit: { type: "string" },
      actor: { type: "string" },
      action: { type: "string" },
      subject: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
    });
    const [sub, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`多余的参数：${extra.join(" ")}`);
    if (sub !== "verify" && sub !== "list" && sub !== "export")
      throw new UsageError("需要子命令 verify、list 或 export");
    const format = values.format ?? "jsonl";
    if (format !== "jsonl" && format !== "csv") throw new UsageError(`--format 应为 jsonl 或 csv：${format}`);
    if (sub === "export" && !values.out) throw new UsageError("export 需要 --out FILE");
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit 应为正整数：${values.limit}`);

    const store = await openStore(storeLocation(values));
    try {
      const db = workflowDb(store.db);
      if (sub === "verify") {
        const v = await verifyAudit(db);
        if (values.json) io.out(`${JSON.stringify(v)}\n`);
        else if (v.ok) io.out(`审计链完好：共 ${v.entries} 条记录，末条哈希 ${v.head}\n`);
        else
          io.out(
            `审计链在第 ${v.broken!.id} 条记录处断裂：${v.broken!.reason}（此前 ${v.entries} 条完好）\n`,
          );
        return v.ok ? 0 : 1;
      }
      if (sub === "list") {
        const entries = await listAudit(db, {
          limit,
          actor: values.actor,
          action: values.action,
          subject: values.subject,
        });
        if (values.json) io.out(`${JSON.stringify(entries)}\n`);
        else
          for (const e of entries)
            io.out(
              `${e.id}\t${e.at}\t${e.actor}\t${e.action}\t${e.subject}${e.after ? `\t${e.after}` : ""}\n`,
            );
        return 0;
      }
      const all = await allAudit(db);
      await writeFile(values.out!, formatAudit(all, format));
      io.out(`已导出 ${all.length} 条审计记录到 ${values.out}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
