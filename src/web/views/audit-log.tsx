/** @jsxImportSource hono/jsx */
/**
 * The audit log page: the chain's state, filters with pickers (person, action, object, dates), each entry
 * as a sentence (准入申请已批准) with the fields it changed, and links to the CSV of exactly what is shown.
 * Cards on a phone (style.css table.cards).
 */

import type { AuditEntry, AuditVerdict } from "../../workflow/audit.ts";
import { ACTION_GROUPS, AUDIT_ACTIONS, type AuditAction, actionLabel } from "../../workflow/audit-actions.ts";
import { type AuditNames, actorText, fieldChanges, SUBJECT_KINDS, subjectText } from "../audit-text.ts";
import { Notice, when } from "./workflow-ui.tsx";

/** The filters as the page's form gives them (all optional; "" = any). */
export interface AuditFilterForm {
  actor: string;
  action: string;
  kind: string;
  name: string;
  from: string;
  to: string;
}

export interface AuditLogProps {
  entries: AuditEntry[];
  verdict: AuditVerdict;
  filter: AuditFilterForm;
  actors: string[];
  /** The query string of the filters (no leading "?"), for export and paging links. */
  query: string;
  /** The link to older entries, when there are more. */
  older: string | null;
  /** A problem with the filters, shown above the results. */
  problem?: string;
  /** Names of what the entries record by id (counties). */
  names?: AuditNames;
}

function ChainState({ verdict }: { verdict: AuditVerdict }) {
  return verdict.ok ? (
    <Notice kind="ok">
      记录完整：共 {verdict.entries} 条，未发现删改（末条校验值 <code>{verdict.head.slice(0, 16)}…</code>）
    </Notice>
  ) : (
    <Notice kind="error">
      记录链在第 {verdict.broken!.id} 条记录处断裂：{verdict.broken!.reason}
    </Notice>
  );
}

function FilterForm({ filter, actors }: { filter: AuditFilterForm; actors: string[] }) {
  const groups = Object.entries(ACTION_GROUPS);
  const codes = Object.keys(AUDIT_ACTIONS) as AuditAction[];
  return (
    <form method="get" action="/admin/audit" class="filters">
      <label>
        操作人
        <select name="actor">
          <option value="">全部</option>
          {actors.map((a) => (
            <option value={a} selected={filter.actor === a}>
              {actorText(a)}
            </option>
          ))}
        </select>
      </label>
      <label>
        操作
        <select name="action">
          <option value="">全部</option>
          {groups.map(([group, label]) => (
            <optgroup label={label}>
              {codes
                .filter((code) => code.startsWith(`${group}.`))
                .map((code) => (
                  <option value={code} selected={filter.action === code}>
                    {AUDIT_ACTIONS[code]}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        对象
        <select name="kind">
          <option value="">全部</option>
          {Object.entries(SUBJECT_KINDS).map(([kind, label]) => (
            <option value={kind} selected={filter.kind === kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        对象名称或编号
        <input name="name" value={filter.name} maxlength={100} placeholder="如 策勒乡、张三、12" />
      </label>
      <label>
        从
        <input type="date" name="from" value={filter.from} />
      </label>
      <label>
        至
        <input type="date" name="to" value={filter.to} />
      </label>
      <button type="submit">筛选</button> <a href="/admin/audit">清除筛选</a>
    </form>
  );
}

function Changes({ entry, names }: { entry: AuditEntry; names: AuditNames | undefined }) {
  const changes = fieldChanges(entry, names);
  if (changes.length === 0) return <span class="empty">—</span>;
  return (
    <ul class="changes">
      {changes.map((c) => (
        <li>
          <span class="field">{c.label}</span>：
          {c.before !== null && c.after !== null ? (
            <>
              <del>{c.before}</del> → <ins>{c.after}</ins>
            </>
          ) : c.after !== null ? (
            c.after
          ) : (
            <del>{c.before}</del>
          )}
        </li>
      ))}
    </ul>
  );
}

function Subject({ subject }: { subject: string }) {
  const s = subjectText(subject);
  return (
    <>
      {s.kind} {s.href ? <a href={s.href}>{s.name}</a> : s.name}
    </>
  );
}

/** The page body (wrapped by workflowPage). */
export function AuditLog(props: AuditLogProps) {
  const suffix = props.query ? `&${props.query}` : "";
  return (
    <>
      <h1>审计日志</h1>
      <ChainState verdict={props.verdict} />
      <FilterForm filter={props.filter} actors={props.actors} />
      {props.problem ? <Notice kind="error">{props.problem}</Notice> : null}
      <p class="summary">
        {props.query ? "按筛选条件" : "全部记录"}：本页 {props.entries.length} 条 ·{" "}
        <a href={`/admin/audit/export?format=csv${suffix}`}>导出 CSV</a> ·{" "}
        <a href={`/admin/audit/export?format=jsonl${suffix}`}>导出原始记录（JSONL，含校验值）</a>
      </p>
      {props.entries.length === 0 ? (
        <p class="empty">没有符合条件的记录。</p>
      ) : (
        <table class="grid cards audit">
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">变更内容</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td data-label="序号" class="num">
                  {e.id}
                </td>
                <td data-label="时间">{when(e.at)}</td>
                <td data-label="操作人">{actorText(e.actor)}</td>
                <td data-label="操作">
                  <strong>{actionLabel(e.action)}</strong>
                </td>
                <td data-label="对象">
                  <Subject subject={e.subject} />
                </td>
                <td data-label="变更内容">
                  <Changes entry={e} names={props.names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.older ? (
        <p>
          <a href={props.older}>更早的记录</a>
        </p>
      ) : null}
    </>
  );
}
