/**
 * The audit log in people's words: what an entry's subject is (用户 张三, 策勒乡 2025-07-01 版清单,
 * 准入申请第 12 号) and what it changed, as a list of fields in Chinese with their values before and after,
 * unchanged fields left out. Pure: it reads a stored entry and returns text (and a link where a page exists).
 */
import { LIST_KINDS, LIST_LABELS, type ListKind } from "../domain/edition.ts";
import { VERDICT_LABELS, type Verdict } from "../domain/verdict.ts";
import type { AdmissionStatus, ProposalStatus, Role } from "../store/workflow-schema.ts";
import { ADMISSION_STATUS_LABELS } from "../workflow/admission.ts";
import { ROLE_LABELS } from "../workflow/principal.ts";
import { PROPOSAL_KIND_LABELS, PROPOSAL_STATUS_LABELS } from "../workflow/proposals.ts";
import { browseHref, defaultBrowse } from "./urls.ts";
import { STATUS_LABELS } from "./views/labels.ts";

/** Kinds of subject, as the log's filter offers them (the code before the colon). */
export const SUBJECT_KINDS: Record<string, string> = {
  user: "用户",
  edition: "清单",
  admission: "准入申请",
  proposal: "调整建议",
  precedent: "先例",
};

/**
 * Field names of before/after, in Chinese, in the order the log lists them (stored entries have their keys
 * sorted, see canonical.ts). A field missing here shows under its code (the label test finds it).
 */
export const FIELD_LABELS: Record<string, string> = {
  status: "状态",
  id: "编号",
  role: "角色",
  township: "乡镇",
  townships: "乡镇",
  department: "部门",
  policy: "密码策略",
  disabled: "停用",
  ended: "结束的会话数",
  round: "审核轮次",
  comment: "意见编号",
  item: "事项",
  body: "意见内容",
  answer: "答复",
  countyId: "县编号",
  text: "任务内容",
  task: "任务内容",
  verdict: "结论",
  decidedAt: "决定时间",
  decidedBy: "决定人",
  edition: "依据版本",
  editionId: "版本编号",
  from: "依据版本",
  date: "版本日期",
  editionDate: "写入的版本",
  ip: "来源地址",
  refusedWhileWaiting: "等待期间被拒的尝试",
  county: "县",
  title: "标题",
  sourceFile: "来源文件",
  counts: "事项数",
  reason: "理由",
  expiresAt: "准入有效期至",
  proposalId: "调整建议编号",
  proposal: "调整建议编号",
  kind: "调整类型",
  target: "调整对象",
  key: "限制类别",
  retryAfter: "需等待（秒）",
  why: "原因",
  value: "内容",
};

const FIELD_ORDER = Object.keys(FIELD_LABELS);

export interface SubjectText {
  /** 用户 / 清单 / 准入申请 … */
  kind: string;
  /** 张三 / 策勒乡 2025-07-01 版 / 第 12 号 */
  name: string;
  href: string | null;
}

/** What an entry's subject names. */
export function subjectText(subject: string): SubjectText {
  const at = subject.indexOf(":");
  const code = at > 0 ? subject.slice(0, at) : "";
  const rest = at > 0 ? subject.slice(at + 1) : subject;
  const kind = Object.hasOwn(SUBJECT_KINDS, code) ? SUBJECT_KINDS[code]! : "对象";
  if (code === "edition") {
    const slash = rest.lastIndexOf("/");
    const township = slash > 0 ? rest.slice(0, slash) : rest;
    const date = slash > 0 ? rest.slice(slash + 1) : "";
    return {
      kind,
      name: date ? `${township} ${date} 版` : township,
      href: date ? browseHref(township, { ...defaultBrowse(), edition: date }) : null,
    };
  }
  if (/^\d+$/.test(rest) && code !== "user") {
    return { kind, name: `第 ${rest} 号`, href: code === "admission" ? `/admission/${rest}` : null };
  }
  return { kind, name: rest, href: null };
}

/** Coded values of single fields, in words. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  policy: { dengbao: "等保（至少 8 位、3 类字符、90 天更换）", asvs: "长密码（至少 12 个字符）" },
  why: { password: "密码错误", "unknown-user": "无此用户", disabled: "用户已停用", totp: "动态口令错误" },
  key: { acct: "同一用户同一地址", addr: "同一地址", totp: "动态口令", reauth: "再次验证密码" },
};

function labelIn<K extends string>(labels: Record<K, string>, value: unknown): string | null {
  return typeof value === "string" && Object.hasOwn(labels, value) ? labels[value as K] : null;
}

/** An ISO instant as Beijing time, to the minute. */
function beijingTime(iso: string): string {
  const at = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${at.slice(0, 10)} ${at.slice(11, 16)}`;
}

/** A value of a field, in words. */
function valueText(field: string, value: unknown, subjectKind: string): string {
  if (value === null || value === undefined || value === "") return "（无）";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (field === "status") {
    const labels: Record<string, string> =
      subjectKind === "admission"
        ? ADMISSION_STATUS_LABELS
        : subjectKind === "proposal"
          ? PROPOSAL_STATUS_LABELS
          : STATUS_LABELS;
    return labelIn(labels as Record<AdmissionStatus | ProposalStatus, string>, value) ?? String(value);
  }
  if (Object.hasOwn(VALUE_LABELS, field)) {
    const label = labelIn(VALUE_LABELS[field]!, value);
    if (label) return label;
  }
  // An item named by its list and number (review comments: "cooperative:86").
  const itemRef = typeof value === "string" ? /^(basic|cooperative|reclaimed):(\d+)$/.exec(value) : null;
  if (itemRef) return `${LIST_LABELS[itemRef[1] as ListKind]} 第 ${itemRef[2]} 项`;
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return beijingTime(value);
  if (field === "role") return labelIn<Role>(ROLE_LABELS, value) ?? String(value);
  if (field === "verdict") return labelIn<Verdict>(VERDICT_LABELS, value) ?? String(value);
  if (field === "kind") return labelIn(PROPOSAL_KIND_LABELS, value) ?? String(value);
  if (field === "counts" && typeof value === "object") {
    const counts = value as Partial<Record<ListKind, { items?: number }>>;
    return LIST_KINDS.filter((l) => counts[l])
      .map((l) => `${LIST_LABELS[l]} ${counts[l]!.items ?? 0} 项`)
      .join("、");
  }
  if (Array.isArray(value)) return value.map((v) => valueText(field, v, subjectKind)).join("、");
  if (typeof value === "object") return objectText(value as Record<string, unknown>);
  return String(value);
}

/** An item or other nested value: its list, number and name when it has them, else its fields. */
function objectText(value: Record<string, unknown>): string {
  const list = labelIn(LIST_LABELS, value.list);
  // A new item has no number yet (0).
  const number = typeof value.number === "number" && value.number > 0 ? `第 ${value.number} 项` : "";
  const name = typeof value.name === "string" ? value.name : "";
  if (list || number || name) return [list, number, name].filter(Boolean).join(" ");
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export interface FieldChange {
  field: string;
  label: string;
  /** null when the field was not there before (a creation). */
  before: string | null;
  /** null when the field is not there after. */
  after: string | null;
}

function parsed(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { value: json };
  }
}

/** Names of what entries record by id: a county (`countyId`) is shown by its name, not 县编号 1. */
export interface AuditNames {
  counties?: ReadonlyMap<number, string>;
}

/** The fields an entry changed (or recorded), in Chinese, unchanged ones left out. */
export function fieldChanges(
  entry: {
    subject: string;
    before: string | null;
    after: string | null;
  },
  names: AuditNames = {},
): FieldChange[] {
  const before = parsed(entry.before);
  const after = parsed(entry.after);
  const kind = entry.subject.split(":", 1)[0]!;
  const order = (field: string) => {
    const at = FIELD_ORDER.indexOf(field);
    return at < 0 ? FIELD_ORDER.length : at;
  };
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(
    (a, b) => order(a) - order(b),
  );
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const had = Object.hasOwn(before, field);
    const has = Object.hasOwn(after, field);
    if (had && has && JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    const county = field === "countyId" ? countyNames(names, before[field], after[field]) : null;
    if (county) {
      changes.push({
        field,
        label: "县",
        before: had ? county.before : null,
        after: has ? county.after : null,
      });
      continue;
    }
    changes.push({
      field,
      label: Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field]! : field,
      before: had ? valueText(field, before[field], kind) : null,
      after: has ? valueText(field, after[field], kind) : null,
    });
  }
  return changes;
}

/** The county names of a countyId field's values, when every value given is a known county. */
function countyNames(
  names: AuditNames,
  before: unknown,
  after: unknown,
): { before: string; after: string } | null {
  const name = (v: unknown) => (typeof v === "number" ? names.counties?.get(v) : undefined);
  const b = before === undefined ? "" : name(before);
  const a = after === undefined ? "" : name(after);
  return b === undefined || a === undefined ? null : { before: b, after: a };
}

/** The changes as one line of text (for CSV): 状态：待审核 → 已准入；理由：…  */
export function changesText(changes: readonly FieldChange[]): string {
  return changes
    .map((c) =>
      c.before !== null && c.after !== null
        ? `${c.label}：${c.before} → ${c.after}`
        : `${c.label}：${c.after ?? `${c.before}（已删除）`}`,
    )
    .join("；");
}

/** Who an actor is, in words: a user's name, 匿名访客, 系统（首次启动）or 命令行（系统用户）. */
export function actorText(actor: string): string {
  if (actor === "anonymous") return "匿名访客";
  // `lvzhi serve` importing the bundled lists into an empty database.
  if (actor === "system") return "系统（首次启动）";
  if (actor.startsWith("cli:")) return `命令行（${actor.slice(4)}）`;
  return actor;
}
