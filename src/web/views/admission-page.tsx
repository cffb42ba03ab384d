/** @jsxImportSource hono/jsx */
/** The admission (职责准入) pages: the request form, the tables of requests, a request with its check and decisions. */
import type { Context } from "hono";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import {
  ADMISSION_STATUS_LABELS,
  type AdmissionView,
  type DepartmentStats,
} from "../../workflow/admission.ts";
import { itemName } from "../item-names.ts";
import { Form, Notice, when } from "./workflow-ui.tsx";

function Verdicts(props: { a: AdmissionView }) {
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">乡镇</th>
          <th scope="col">核验结论</th>
          <th scope="col">对应事项</th>
          <th scope="col">依据</th>
        </tr>
      </thead>
      <tbody>
        {props.a.townships.map((t) => (
          <tr>
            <td>{t.township}</td>
            <td class={`verdict-${t.verdict}`}>{VERDICT_LABELS[t.verdict]}</td>
            <td>
              {t.result.item ? (
                <a
                  href={`/t/${encodeURIComponent(t.township)}/${t.result.item.list}/${t.result.item.number}`}
                >
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
            <td>
              {t.result.reason}
              {t.result.evidence.length ? (
                <div class="evidence">
                  {t.result.evidence.map((e) => (
                    <span>
                      <mark>{e.task}</mark>↔{e.item}{" "}
                    </span>
                  ))}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdmissionTable(props: { rows: AdmissionView[] }) {
  if (props.rows.length === 0) return <p class="empty">暂无。</p>;
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">编号</th>
          <th scope="col">部门</th>
          <th scope="col">任务</th>
          <th scope="col">乡镇</th>
          <th scope="col">结论</th>
          <th scope="col">状态</th>
          <th scope="col">期限至</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <tr>
            <td>
              <a href={`/admission/${a.id}`}>{a.id}</a>
            </td>
            <td>{a.department}</td>
            <td>{a.task}</td>
            <td>{a.townships.map((t) => t.township).join("、")}</td>
            <td>{VERDICT_LABELS[a.verdict]}</td>
            <td>{ADMISSION_STATUS_LABELS[a.status]}</td>
            <td>{when(a.expiresAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RequestForm(props: { c: Context; townships: string[] }) {
  return (
    <Form c={props.c} action="/admission" class="stacked">
      <h2>提出职责准入申请</h2>
      <p>
        <label>
          拟交办乡镇的任务
          <br />
          <textarea name="task" rows={3} cols={70} required></textarea>
        </label>
      </p>
      <p>
        <label>
          申请理由
          <br />
          <textarea name="reason" rows={2} cols={70} required></textarea>
        </label>
      </p>
      <p>
        <label>
          法律法规或政策依据 <input name="basis" size={50} required />
        </label>
      </p>
      <fieldset>
        <legend>涉及乡镇</legend>
        {props.townships.map((t) => (
          <label>
            <input type="checkbox" name="townships" value={t} /> {t}{" "}
          </label>
        ))}
      </fieldset>
      <p>
        <label>
          持续天数 <input name="days" type="number" min="1" max="366" value="30" required />
        </label>
      </p>
      <button type="submit">提交并核验</button>
    </Form>
  );
}

function DecisionForms(props: { c: Context; a: AdmissionView }) {
  const { c, a } = props;
  if (a.status === "pending") {
    return (
      <>
        <h2>审核</h2>
        <Form c={c} action={`/admission/${a.id}/decision`}>
          <input type="hidden" name="action" value="approve" />
          <label>
            准入天数 <input name="days" type="number" min="1" max="366" value={String(a.durationDays)} />
          </label>{" "}
          <button type="submit">同意临时准入</button>
        </Form>
        <Form c={c} action={`/admission/${a.id}/decision`}>
          <input type="hidden" name="action" value="reject" />
          <label>
            不予准入理由 <input name="reason" size={40} required />
          </label>{" "}
          <button type="submit">不予准入</button>
        </Form>
        <Form c={c} action={`/admission/${a.id}/convert`}>
          <label>
            转为调整建议：列入
            <select name="list">
              <option value="basic">基本履职事项</option>
              <option value="cooperative">配合履职事项</option>
            </select>
          </label>{" "}
          <label>
            类别 <input name="category" required />
          </label>{" "}
          <label>
            事项名称 <input name="name" size={30} value={a.task.slice(0, 100)} required />
          </label>{" "}
          <button type="submit">转为调整建议</button>
        </Form>
      </>
    );
  }
  if (a.status === "refused") {
    return (
      <Form c={c} action={`/admission/${a.id}/decision`}>
        <h2>特批（已收回事项）</h2>
        <input type="hidden" name="action" value="override" />
        <label>
          特批理由 <input name="reason" size={40} required />
        </label>{" "}
        <label>
          天数 <input name="days" type="number" min="1" max="366" value={String(a.durationDays)} />
        </label>{" "}
        <button type="submit">特批准入</button>
      </Form>
    );
  }
  return null;
}

export function DetailPage(props: { c: Context; a: AdmissionView; admin: boolean }) {
  const { a } = props;
  return (
    <>
      <h1>第 {a.id} 号职责准入申请</h1>
      <p>
        状态：<strong>{ADMISSION_STATUS_LABELS[a.status]}</strong>
        {a.expiresAt ? `，期限至 ${when(a.expiresAt)}` : ""}
        {a.decisionReason ? `（${a.decisionReason}）` : ""}
      </p>
      {a.status === "answered" ? <Notice>该任务属于清单内事项，无需准入，按对应事项办理。</Notice> : null}
      {a.status === "refused" ? (
        <Notice kind="error">该任务属于上级部门已收回的事项，不得交由乡镇承担，申请不予准入。</Notice>
      ) : null}
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
      <Verdicts a={a} />
      {props.admin ? <DecisionForms c={props.c} a={a} /> : null}
    </>
  );
}

/** Requests per department, with the shares refused and reclaimed. */
export function StatsBody(props: { stats: DepartmentStats[] }) {
  const { stats } = props;
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return (
    <>
      <h1>职责准入统计（按部门）</h1>
      <table class="grid">
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
              <td>{s.department}</td>
              <td class="num">{s.requests}</td>
              <td class="num">{s.approved}</td>
              <td class="num">{pct(s.refusedShare)}</td>
              <td class="num">{pct(s.reclaimedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
