/** @jsxImportSource hono/jsx */
/**
 * Admission (职责准入) pages and API: a department files a request and sees the check's answer at once;
 * the admin's queue and decisions; a township's temporary tasks; statistics per department.
 */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_LABELS, type ListKind } from "../../domain/edition.ts";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import type { AdmissionStatus } from "../../store/workflow-schema.ts";
import { requireRole } from "../../workflow/access.ts";
import {
  ADMISSION_STATUS_LABELS,
  type AdmissionView,
  admissionStats,
  approvedFor,
  type Decision,
  decideAdmission,
  fileAdmission,
  listAdmissions,
  readAdmission,
} from "../../workflow/admission.ts";
import { townshipByName } from "../../workflow/places.ts";
import { convertAdmission } from "../../workflow/proposals.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, isApi, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { Form, Notice, when, workflowPage } from "../auth/ui.tsx";
import { choice, listField, optionalCount, parseBody, parseParams, parseQuery, textField } from "../input.ts";

/** Every admission status: the keys of its labels, which the type makes exhaustive. */
const ADMISSION_STATUSES = Object.keys(ADMISSION_STATUS_LABELS) as [AdmissionStatus, ...AdmissionStatus[]];

/** What the admission routes accept, parsed once (see ../input.ts). */
const Id = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, { message: "编号应为正整数" })
    .transform(Number),
});
const ListQuery = z.object({
  status: choice(ADMISSION_STATUSES).optional(),
});
const TownshipQuery = z.object({ township: textField(100).optional() });
const TownshipParam = z.object({ name: textField(100) });
const FileForm = z.object({
  task: textField(2000),
  reason: textField(2000),
  basis: textField(2000),
  townships: listField(500),
  days: optionalCount(366),
});
/** An unknown action is refused (400), never read as approval. */
const DecisionForm = z.object({
  action: choice(["approve", "reject", "override"]),
  reason: textField(2000),
  days: optionalCount(366),
});
const ConvertForm = z.object({
  list: choice(["basic", "cooperative"]).default("basic"),
  category: textField(50),
  name: textField(200),
});

/** The decision a parsed form asks for, in the workflow's terms. */
function decisionOf(form: z.output<typeof DecisionForm>): Decision {
  if (form.action === "reject") return { action: "reject", reason: form.reason };
  return { action: form.action, reason: form.reason, days: form.days };
}

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
                  {LIST_LABELS[t.result.item.list]} 第 {t.result.item.number} 项：{t.result.item.name}
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

function AdmissionTable(props: { rows: AdmissionView[] }) {
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

/** A request prefilled from a 清单外 check result (GET /admission?task=…&township=…). */
const PrefillQuery = z.object({ task: textField(2000).optional(), township: textField(100).optional() });

function RequestForm(props: { c: Context; townships: string[]; task?: string; township?: string }) {
  return (
    <Form c={props.c} action="/admission" class="stacked">
      <h2 id="request">提出职责准入申请</h2>
      {props.task ? (
        <Notice>以下内容取自任务核验结果（清单外事项），请补充申请理由和依据后提交。</Notice>
      ) : null}
      <p>
        <label>
          拟交办乡镇的任务
          <br />
          <textarea name="task" rows={3} cols={70} required>
            {props.task ?? ""}
          </textarea>
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
            <input type="checkbox" name="townships" value={t} checked={t === props.township} /> {t}{" "}
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

function DetailPage(props: { c: Context; a: AdmissionView; admin: boolean }) {
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

export const admissionRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  const townshipNames = async () => (await store.listTownships()).map((t) => t.name);

  app.get("/admission", async (c) => {
    const who = requireRole(principalOf(c), "admin", "department", "township");
    if (who.role === "township") return c.redirect("/admission/township", 303);
    const rows = await refusals(() => listAdmissions(db, who));
    const body =
      who.role === "admin" ? (
        <>
          <h1>职责准入审核</h1>
          <h2>待审核</h2>
          <AdmissionTable rows={rows.filter((a) => a.status === "pending")} />
          <h2>已收回事项（被拒，可特批）</h2>
          <AdmissionTable rows={rows.filter((a) => a.status === "refused")} />
          <h2>全部申请</h2>
          <AdmissionTable rows={rows} />
        </>
      ) : (
        <>
          <h1>职责准入申请</h1>
          <p class="entry">
            交办乡镇前可先 <a href="/check">任务核验</a>：清单内的事项无需准入，已收回的事项不得交办。
          </p>
          <RequestForm c={c} townships={await townshipNames()} {...parseQuery(c, PrefillQuery)} />
          <h2>本部门的申请</h2>
          <AdmissionTable rows={rows} />
        </>
      );
    return workflowPage(c, "职责准入", body);
  });
  app.get("/api/v1/admissions", async (c) => {
    const { status } = parseQuery(c, ListQuery);
    return c.json({ admissions: await refusals(() => listAdmissions(db, principalOf(c), { status })) });
  });

  const file = async (c: Context) => {
    const form = await parseBody(c, FileForm);
    return refusals(() =>
      fileAdmission(db, store, principalOf(c), {
        task: form.task,
        reason: form.reason,
        basis: form.basis,
        townships: form.townships,
        durationDays: form.days ?? 0,
      }),
    );
  };
  app.post("/admission", requireCsrf, async (c) => c.redirect(`/admission/${(await file(c)).id}`, 303));
  app.post("/api/v1/admissions", requireCsrf, async (c) => c.json({ admission: await file(c) }, 201));

  app.get("/admission/stats", async (c) => {
    const stats = await refusals(() => admissionStats(db, principalOf(c)));
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    return workflowPage(
      c,
      "准入统计",
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
      </>,
    );
  });
  app.get("/api/v1/admissions/stats", async (c) =>
    c.json({ departments: await refusals(() => admissionStats(db, principalOf(c))) }),
  );

  const township = async (c: Context, name?: string) => {
    const who = requireRole(principalOf(c), "admin", "township");
    const ref = await refusals(() =>
      townshipByName(db, who.role === "township" ? who.township! : (name ?? "")),
    );
    return { ref, tasks: await approvedFor(db, ref.id) };
  };
  app.get("/admission/township", async (c) => {
    const { ref, tasks } = await refusals(() => township(c, parseQuery(c, TownshipQuery).township));
    return workflowPage(
      c,
      "临时准入任务",
      <>
        <h1>{ref.name}：经准入的临时任务</h1>
        <p class="entry">
          收到上级交办的任务，先 <a href={`/t/${encodeURIComponent(ref.name)}/check`}>任务核验</a>，再看
          <a href="/checks">核验记录</a>。
        </p>
        <AdmissionTable rows={tasks} />
      </>,
    );
  });
  app.get("/api/v1/admissions/township/:name", async (c) => {
    const { ref, tasks } = await refusals(() => township(c, parseParams(c, TownshipParam).name));
    return c.json({ township: ref.name, tasks });
  });

  app.get("/admission/:id{[0-9]+}", async (c) => {
    const who = principalOf(c);
    const a = await refusals(() => readAdmission(db, who, parseParams(c, Id).id));
    return workflowPage(c, `准入申请 ${a.id}`, <DetailPage c={c} a={a} admin={who?.role === "admin"} />);
  });
  app.get("/api/v1/admissions/:id{[0-9]+}", async (c) =>
    c.json({ admission: await refusals(() => readAdmission(db, principalOf(c), parseParams(c, Id).id)) }),
  );

  const decide = async (c: Context) => {
    const { id } = parseParams(c, Id);
    const decision = decisionOf(await parseBody(c, DecisionForm));
    return refusals(() => decideAdmission(db, principalOf(c), id, decision));
  };
  app.post("/admission/:id{[0-9]+}/decision", requireCsrf, async (c) =>
    c.redirect(`/admission/${(await decide(c)).id}`, 303),
  );
  app.post("/api/v1/admissions/:id{[0-9]+}/decision", requireCsrf, async (c) =>
    c.json({ admission: await decide(c) }),
  );

  app.post("/admission/:id{[0-9]+}/convert", requireCsrf, async (c) => {
    const { id } = parseParams(c, Id);
    const form = await parseBody(c, ConvertForm);
    const listKind: ListKind = form.list;
    const base = { number: 0, category: form.category, name: form.name, local: true, remark: "个性" };
    const who = principalOf(c);
    const request = await refusals(() => readAdmission(db, who, id));
    // A cooperative item led by the requesting department; its duties are written in the review rounds.
    const item =
      listKind === "basic"
        ? { ...base, list: "basic" as const }
        : {
            ...base,
            list: "cooperative" as const,
            leadDepartments: [request.department],
            otherLeads: [] as string[],
            departmentDuties: [],
            townshipDuties: [],
          };
    const proposals = await refusals(() => convertAdmission(db, store, who, id, item));
    if (isApi(c)) return c.json({ proposals });
    return c.redirect("/adjust", 303);
  });
};
