/**
 * `lvzhi check "TEXT" | --file NOTICE | --batch CASES.jsonl [--township NAME] [--json] [--db PATH]`:
 * the task check on the command line — one task, a whole notice split into tasks, or a JSONL batch.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { Precedent } from "../../domain/precedent.ts";
import { type CheckResult, EVIDENCE_FIELD_LABELS, VERDICT_LABELS } from "../../domain/verdict.ts";
import {
  checkText,
  checkWithPrecedents,
  indexFor,
  MAX_TASK_CHARS,
  type TaskCheck,
} from "../../match/index.ts";
import type { ItemIndex } from "../../match/item-index.ts";
import { type Command, type CommandIO, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";
import { runCountyCheck } from "./check-county.ts";
import { loadCheckEdition } from "./check-edition.ts";
import { checkFile } from "./check-file.ts";

/** Human-readable lines for one result. */
export function formatResult(result: CheckResult): string {
  const review = result.needs_review ? "；待人工确认" : "";
  const lines = [
    `结论：${VERDICT_LABELS[result.verdict]}（置信度 ${result.confidence.toFixed(2)}${review}）`,
  ];
  if (result.item)
    lines.push(`事项：${LIST_LABELS[result.item.list]}第${result.item.number}项　${result.item.name}`);
  if (result.leadDepartments?.length) lines.push(`牵头部门：${result.leadDepartments.join("、")}`);
  if (result.townshipSteps?.length) {
    lines.push("乡镇配合职责：", ...result.townshipSteps.map((s, i) => `  ${i + 1}. ${s}`));
  }
  if (result.takeover) {
    lines.push(`承接部门：${result.takeover.departments.join("、") || "无"}`);
    if (result.takeover.workMethod.length) lines.push(`工作方式：${result.takeover.workMethod.join("；")}`);
  }
  lines.push(`理由：${result.reason}`);
  if (result.evidence.length) {
    lines.push(
      `依据：${result.evidence.map((e) => `${e.task}${e.task === e.item ? "" : `→${e.item}`}（${EVIDENCE_FIELD_LABELS[e.field]}）`).join("，")}`,
    );
  }
  if (result.alternatives.length) {
    lines.push(
      `其他可能：${result.alternatives.map((a) => `${LIST_LABELS[a.list]}第${a.number}项 ${a.name.slice(0, 30)}（${a.score.toFixed(2)}）`).join("；")}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** One batch line: its id and result, or the line number and what was wrong with it. */
function batchLine(
  index: ItemIndex,
  precedents: readonly Precedent[],
  line: string,
  lineNo: number,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { line: lineNo, error: `第 ${lineNo} 行不是 JSON：应为 {"id":"…","text":"…"}` };
  }
  const record = parsed as { id?: unknown; text?: unknown };
  if (typeof parsed !== "object" || parsed === null || typeof record.text !== "string") {
    return { line: lineNo, id: record?.id ?? null, error: `第 ${lineNo} 行缺少字符串字段 text` };
  }
  return { id: record.id ?? null, ...checkWithPrecedents(index, record.text, precedents) };
}

async function runBatch(
  index: ItemIndex,
  precedents: readonly Precedent[],
  file: string,
  json: boolean,
  io: CommandIO,
): Promise<number> {
  const text = await readFile(file, "utf8");
  let lineNo = 0;
  for (const line of text.split(/\r?\n/)) {
    lineNo++;
    if (!line.trim()) continue;
    const out = batchLine(index, precedents, line, lineNo);
    if (json) io.out(`${JSON.stringify(out)}\n`);
    else if ("error" in out) io.out(`[${lineNo}] ${out.error}\n`);
    else io.out(`[${String(out.id ?? lineNo)}] ${formatResult(out as unknown as CheckResult)}\n`);
  }
  return 0;
}

function printTasks(tasks: TaskCheck[], note: string | undefined, json: boolean, io: CommandIO): void {
  if (json) {
    io.out(`${JSON.stringify(note ? { tasks, notice: note } : { tasks }, null, 2)}\n`);
    return;
  }
  if (note) io.out(`提示：${note}\n`);
  if (!tasks.length) io.out("未识别出任务。\n");
  tasks.forEach((t, i) => {
    io.out(`\n任务 ${i + 1}（第 ${t.start}–${t.end} 字）：${t.text}\n${formatResult(t)}`);
  });
}

export const checkCommand: Command = {
  name: "check",
  summary: "任务核验：判断一项任务属于基本、配合、收回事项还是清单外事项（可核验整份通知或批量）",
  usage: [
    'lvzhi check "任务文本" [--township 乡镇] [--json] [--db PATH]',
    "lvzhi check --file 通知.txt|.docx|.pdf|.doc|.wps [--township 乡镇] [--json]",
    "lvzhi check --file 任务表.xlsx|.csv [--column C] [--out 核验结果.xlsx]   每行一项任务；--out 写出加上核验列的原表",
    'lvzhi check --batch CASES.jsonl [--json]   每行 {"id":"…","text":"…"}，按行输出结果',
    "  --township  数据库中只有一个乡镇时可省略；数据库为空时使用随附的策勒乡清单",
    "  --county    对该县每个乡镇的清单分别核验（不能与 --township、--batch 同用）",
  ].join("\n"),
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      township: { type: "string" },
      county: { type: "string" },
      json: { type: "boolean" },
      file: { type: "string" },
      batch: { type: "string" },
      column: { type: "string" },
      out: { type: "string" },
    });
    const modes = [positionals.length > 0, values.file !== undefined, values.batch !== undefined].filter(
      Boolean,
    );
    if (modes.length !== 1)
      throw new UsageError("请给出一段任务文本，或 --file 通知文件，或 --batch 批量文件（三者选一）");
    if (positionals.length > 1) throw new UsageError("任务文本请用引号括起来作为一个参数");
    const json = values.json ?? false;
    if (values.county !== undefined) {
      if (values.township !== undefined || values.batch !== undefined)
        throw new UsageError("--county 不能与 --township 或 --batch 同用");
      const location = storeLocation(values);
      return runCountyCheck(
        { location, county: values.county, text: positionals[0], file: values.file, json },
        io,
      );
    }

    const edition = await loadCheckEdition(storeLocation(values), values.township);
    if ("error" in edition) {
      io.err(`${edition.error}\n`);
      return 1;
    }
    const index = indexFor(edition.key, edition.draft);
    const precedents = edition.precedents ?? [];

    if (values.batch !== undefined) {
      try {
        return await runBatch(index, precedents, values.batch, json, io);
      } catch (error) {
        io.err(`${values.batch}: 无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
        return 1;
      }
    }
    if (values.file !== undefined) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(values.file);
      } catch (error) {
        io.err(`${values.file}: 无法读取（${(error as NodeJS.ErrnoException).code ?? String(error)}）\n`);
        return 1;
      }
      const read = await checkFile(
        bytes,
        basename(values.file),
        { column: values.column, out: values.out, json },
        { index, draft: edition.draft, precedents },
        formatResult,
        io,
      );
      if (read.kind === "done") return read.code;
      const text = read.text;
      const checked = checkText(index, text, precedents);
      printTasks(checked.tasks, checked.notice, json, io);
      return 0;
    }
    const text = positionals[0] ?? "";
    if (!text.trim()) throw new UsageError("任务文本为空");
    const result = checkWithPrecedents(index, text, precedents);
    const note =
      text.length > MAX_TASK_CHARS
        ? `任务文本超过 ${MAX_TASK_CHARS} 字，只核验了前 ${MAX_TASK_CHARS} 字；整份通知请用 --file`
        : undefined;
    if (json)
      io.out(
        `${JSON.stringify({ township: edition.township, ...result, ...(note ? { notice: note } : {}) }, null, 2)}\n`,
      );
    else io.out(`${note ? `提示：${note}\n` : ""}${edition.township}：${formatResult(result)}`);
    return 0;
  },
};
