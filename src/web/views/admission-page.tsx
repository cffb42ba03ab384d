/** @jsxImportSource hono/jsx */
/**
 * The admission (职责准入) pages: the request form (kept with its values after a refusal), the queue and
 * lists of requests, a request with each township's check, status and decision, the township's page, the
 * workbench reminders of temporary admissions ending soon, and the statistics.
 */
import type { Context } from "hono";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import type { AdmissionTownship } from "../../store/admissions.ts";
import {
  type AdmissionView,
  beijingDay,
  type DepartmentStats,
  OPEN_STATUSES,
  statusText,
} from "../../workflow/admission.ts";
import { itemName } from "../item-names.ts";
import { itemHref } from "../urls.ts";
import { ConvertForm, DecisionForms, DisputeForm, type RefusedForm } from "./admission-forms.tsx";
import { Form, Notice, when } from "./workflow-ui.tsx";

const enc = encodeURIComponent;

/** What the request form holds: empty at first, the sent values after a refusal. */
export interface RequestValues {
  task: string;
  reason: string;
  basis: string;
  townships: string[];
  days: string;
}

export const EMPTY_REQUEST: RequestValues = { task: "", reason: "", basis: "", townships: [], days: "30" };

/** A township's check in words; once decided, the decision replaces the check's "需先履行职责准入程序". */
function checkReason(t: AdmissionTownship): string {
  if (t.verdict !== "unlisted" || OPEN_STATUSES.includes(t.status)) return t.result.reason;
  if (t.status === "approved")
    return `属清单外事项，已履行职责准入程序，准入至 ${t.expiresAt ? beijingDay(t.expiresAt) : ""}。`;
  if (t.status === "rejected") return "属清单外事项，经职责准入审核不予准入。";
  if (t.status === "converted") return "属清单外事项，已转入清单动态调整。";
  return t.result.reason;
}

/** Where a reclaimed task can go instead: a proposal moving the item out of the reclaimed list. */
function moveHref(t: AdmissionTownship): string | null {
  const item = t.result.item;
  if (t.status !== "refused" || !item || item.list !== "reclaimed") return null;
  return `/adjust/new?township=${enc(t.township)}&kind=move&list=reclaimed&number=${item.number}&to=cooperative`;
}

function Evidence(props: { t: AdmissionTownship }) {
  const e = props.t.result.evidence;
  if (!e.length) return null;
  return (
    <div class="evidence">
      依据词语：
      {e.map((x) => (
        <span>
          <mark>{x.task}</mark>↔{x.item}{" "}
        </span>
      ))}
    </div>
  );
}

/** Each township of a request: the check, its evidence, its own status and decision, and what may be done. */
function Townships(props: {
  c: Context;
  a: AdmissionView;
  role: string | null;
  mine: boolean;
  refused?: RefusedForm | null;
}) {
  const { c, a, role } = props;
  return (
    <table class="grid stack">
      <thead>
        <tr>
          <th scope="col">乡镇</th>
          <th scope="col">核验结论</th>
          <th scope="col">对应事项</th>
          <th scope="col">依据</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {a.townships.map((t) => {
          const move = moveHref(t);
          return (
            <tr>
              <td data-label="乡镇">{t.township}</td>
              <td data-label="核验结论" class={`verdict-${t.verdict}`}>
                {VERDICT_LABELS[t.verdict]}
              </td>
              <td data-label="对应事项">
                {t.result.item ? (
                  <a href={itemHref(t.township, t.result.item.list, t.result.item.number)}>
                    {itemName(t.result.item)}
                  </a>
                ) : (
                  "—"
                )}
                {t.result.takeover ? (
                  <div>
                    承接部门：{t.result.takeover.none ? "无" : t.result.takeover.departments.join("、")}
                  </div>
                ) : null}
              </td>
              <td data-label="依据">
                {checkReason(t)}
                <Evidence t={t} />
              </td>
              <td data-label="状态">
                <strong>{statusText(t.status, t.expiresAt)}</strong>
                {t.decisionReason ? `（${t.decisionReason}）` : ""}
                {t.dispute ? <div>部门异议：{t.dispute}</div> : null}
                {move ? (
                  <p>
                    已收回事项不能准入。如确需乡镇承担，只能
                    <a href={move}>提出动态调整建议，将该事项移出收回清单</a>。
                  </p>
                ) : null}
                {role === "admin" && OPEN_STATUSES.includes(t.status) ? (
                  <DecisionForms c={c} a={a} township={t} refused={props.refused} />
                ) : null}
                {props.mine && t.status === "answered" ? (
                  <DisputeForm c={c} a={a} t={t} refused={props.refused} />
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Whether the page shows the form a refusal names (else its message stands at the top of the page). */
function showsForm(props: DetailProps, r: RefusedForm): boolean {
  const { a } = props;
  const open = a.townships.filter((t) => OPEN_STATUSES.includes(t.status));
  const t = a.townships.find((x) => x.townshipId === r.township);
  if (r.action === "dispute") return props.mine && t?.status === "answered";
  if (props.role !== "admin" || !["approve", "reject", "uphold"].includes(r.action)) return false;
  if (!t) return r.township === undefined && open.length > 1 && r.action !== "uphold";
  return OPEN_STATUSES.includes(t.status) && (r.action !== "uphold" || t.status === "disputed");
}

interface DetailProps {
  c: Context;
  a: AdmissionView;
  role: string | null;
  mine: boolean;
  /** A decision or dispute refused by the rules, shown again at its form. */
  refused?: RefusedForm | null;
}

export function DetailPage(props: DetailProps) {
  const { c, a, refused } = props;
  const open = a.townships.filter((t) => OPEN_STATUSES.includes(t.status));
  return (
    <>
      <h1>第 {a.id} 号职责准入申请</h1>
      {refused && !showsForm(props, refused) ? <Notice kind="error">{refused.message}</Notice> : null}
      <p>
        状态：<strong>{statusText(a.status, a.expiresAt)}</strong>（各乡镇分别决定，见下表）
      </p>
      <dl>
        <dt>部门</dt>
        <dd>
          {a.department}（{a.requester}，{when(a.createdAt)}）
        </dd>
        <dt>任务</dt>
        <dd>{a.task}</dd>
        <dt>理由</dt>
        <dd>{a.reason}</dd>
        <dt>依据</dt>
        <dd>{a.basis}</dd>
        <dt>持续天数</dt>
        <dd>{a.durationDays}</dd>
      </dl>
      <h2>各乡镇核验与决定</h2>
      <Townships c={c} a={a} role={props.role} mine={props.mine} refused={refused} />
      {props.role === "admin" && open.length > 1 ? (
        <>
          <h2>一并审核全部 {open.length} 个待审核乡镇</h2>
          <DecisionForms c={c} a={a} refused={refused} />
        </>
      ) : null}
      {props.role === "admin" && open.length ? <ConvertForm c={c} a={a} /> : null}
    </>
  );
}

/** Requests as cards: each township's status; a disputed one with the department's reason and the evidence. */
export function AdmissionList(props: { rows: AdmissionView[]; townshipId?: number }) {
  if (props.rows.length === 0) return <p class="empty">暂无。</p>;
  return (
    <>
      {props.rows.map((a) => {
        const shown = props.townshipId
          ? a.townships.filter((t) => t.townshipId === props.townshipId)
          : a.townships;
        return (
          <article class="proposal">
            <h3>
              <a href={`/admission/${a.id}`}>第 {a.id} 号</a> · {a.department} · {when(a.createdAt)}
            </h3>
            <p>任务：{a.task}</p>
            <ul class="plain">
              {shown.map((t) => (
                <li>
                  {t.township}：{VERDICT_LABELS[t.verdict]} ·{" "}
                  <strong>{statusText(t.status, t.expiresAt)}</strong>
                  {t.decisionReason ? `（${t.decisionReason}）` : ""}
                  {t.status === "disputed" ? (
                    <div>
                      部门异议：{t.dispute}；核验依据：{t.result.reason}
                      <Evidence t={t} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </article>
        );
      })}
    </>
  );
}

/** Temporary admissions ending within 7 days. */
export function Reminders(props: { due: { request: AdmissionView; township: string; expiresAt: string }[] }) {
  if (props.due.length === 0) return null;
  return (
    <section class="notice reminders" role="status">
      <h2>临时准入即将到期（7 天内）</h2>
      <ul>
        {props.due.map((d) => (
          <li>
            <a href={`/admission/${d.request.id}`}>第 {d.request.id} 号</a> {d.township}：{d.request.task}（
            {d.request.department}）至 {beijingDay(d.expiresAt)} 到期
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RequestForm(props: {
  c: Context;
  townships: string[];
  values: RequestValues;
  /** Opened from a 清单外 check result (申请准入). */
  fromCheck?: boolean;
  error?: string;
}) {
  const v = props.values;
  return (
    <Form c={props.c} action="/admission" class="stacked">
      <h2 id="request">提出职责准入申请</h2>
      {props.fromCheck ? (
        <Notice>以下内容取自任务核验结果（清单外事项），请补充申请理由和依据后提交。</Notice>
      ) : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <div class="field">
        <label for="req-task">拟交办乡镇的任务</label>
        <textarea id="req-task" name="task" rows={3} required>
          {v.task}
        </textarea>
      </div>
      <div class="field">
        <label for="req-reason">申请理由</label>
        <textarea id="req-reason" name="reason" rows={2} required>
          {v.reason}
        </textarea>
      </div>
      <div class="field">
        <label for="req-basis">法律法规或政策依据</label>
        <input id="req-basis" name="basis" value={v.basis} required />
      </div>
      <fieldset>
        <legend>涉及乡镇</legend>
        {props.townships.map((t) => (
          <label class="choice">
            <input type="checkbox" name="townships" value={t} checked={v.townships.includes(t)} /> {t}{" "}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="req-days">持续天数（1–366）</label>
        <input id="req-days" name="days" type="number" min="1" max="366" value={v.days} required />
      </div>
      <button type="submit">提交并核验</button>
    </Form>
  );
}

/** Requests per department, with the shares refused and reclaimed. */
export function StatsBody(props: { stats: DepartmentStats[] }) {
  const { stats } = props;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return (
    <>
      <h1>职责准入统计（按部门）</h1>
      <table class="grid stack">
        <thead>
          <tr>
            <th scope="col">部门</th>
            <th scope="col">申请数</th>
            <th scope="col">准入</th>
            <th scope="col">被拒比例</th>
            <th scope="col">属已收回事项比例</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr>
              <td data-label="部门">{s.department}</td>
              <td data-label="申请数" class="num">
                {s.requests}
              </td>
              <td data-label="准入" class="num">
                {s.approved}
              </td>
              <td data-label="被拒比例" class="num">
                {pct(s.refusedShare)}
              </td>
              <td data-label="属已收回事项比例" class="num">
                {pct(s.reclaimedShare)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
