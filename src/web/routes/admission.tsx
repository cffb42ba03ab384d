/** @jsxImportSource hono/jsx */
/**
 * Admission (职责准入) pages and API: a department files a request and sees the check's answer at once (a
 * refused form comes back with its input), and may dispute an automatic 清单内 answer; the admin's queue and
 * decisions per township; a township's page with every request that names it; reminders of temporary
 * admissions ending within 7 days; statistics per department.
 */
import type { Context } from "hono";
import { z } from "zod";
import type { ListKind } from "../../domain/edition.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { AdmissionStatus } from "../../store/workflow-schema.ts";
import { requireRole } from "../../workflow/access.ts";
import {
  ADMISSION_STATUS_LABELS,
  type AdmissionView,
  admissionStats,
  admissionsNaming,
  approvedFor,
  type Decision,
  decideAdmission,
  disputeAdmission,
  expiringSoon,
  fileAdmission,
  listAdmissions,
  OPEN_STATUSES,
  readAdmission,
} from "../../workflow/admission.ts";
import { townshipByName } from "../../workflow/places.ts";
import type { Principal } from "../../workflow/principal.ts";
import { convertAdmission } from "../../workflow/proposals.ts";
import type { RouteModule } from "../app.ts";
import { safeParseBody } from "../auth/body.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import {
  choice,
  invalidInput,
  listField,
  optionalCount,
  parseBody,
  parseParams,
  parseQuery,
  textField,
} from "../input.ts";
import { mountAction, mountView } from "../respond.tsx";
import type { RefusedForm } from "../views/admission-forms.tsx";
import {
  AdmissionList,
  DetailPage,
  EMPTY_REQUEST,
  Reminders,
  RequestForm,
  type RequestValues,
  StatsBody,
} from "../views/admission-page.tsx";
import { Notice, workflowPage } from "../views/workflow-ui.tsx";
import { accountNote } from "./account.tsx";

/** Every admission status: the keys of its labels, which the type makes exhaustive. */
const ADMISSION_STATUSES = Object.keys(ADMISSION_STATUS_LABELS) as [AdmissionStatus, ...AdmissionStatus[]];

/** What the admission routes accept, parsed once (see ../input.ts). */
/** A request prefilled from a 清单外 check result: the 申请准入 button on the check page. */
const PrefillQuery = z.object({ task: textField(2000).optional(), township: textField(100).optional() });

const Id = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, { message: "编号应为正整数" })
    .transform(Number),
});
const ListQuery = z.object({ status: choice(ADMISSION_STATUSES).optional() });
const TownshipQuery = z.object({ township: textField(100).optional() });
const TownshipParam = z.object({ name: textField(100) });
/** The form as sent, before the rules judge it: a refused form is shown again with exactly this. */
const FileForm = z.object({
  task: textField(2000),
  reason: textField(2000),
  basis: textField(2000),
  townships: listField(500),
  days: textField(10),
});
const Days = z.object({ days: optionalCount(366) });
/** The forms' fields a refusal names in the form's words. */
const FIELD_LABELS = { days: "持续天数" };
/** An unknown action is refused (400), never read as approval; there is no override of a reclaimed task. */
const DecisionForm = z.object({
  action: choice(["approve", "reject", "uphold"]),
  reason: textField(2000),
  days: optionalCount(366),
  township: optionalCount(999_999_999),
});
const DisputeForm = z.object({ reason: textField(2000), township: optionalCount(999_999_999) });
/** A decision or dispute form read again, leniently, to show it as typed after a refusal. */
const RefusedFields = z.object({
  action: textField(20).catch(""),
  reason: textField(2000).catch(""),
  days: textField(10).catch(""),
  township: optionalCount(999_999_999).catch(undefined),
});
const ConvertForm = z.object({
  list: choice(["basic", "cooperative"]).default("basic"),
  category: textField(50),
  name: textField(200),
});

/** The decision a parsed form asks for, in the workflow's terms. */
function decisionOf(form: z.output<typeof DecisionForm>): Decision {
  if (form.action === "reject") return { action: "reject", reason: form.reason };
  if (form.action === "uphold") return { action: "uphold", reason: form.reason };
  return { action: "approve", reason: form.reason, days: form.days };
}

export const admissionRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  const townshipNames = async () => (await store.listTownships()).map((t) => t.name);

  /** The requests a user may list (admins all, or by ?status=; departments their own; townships those naming them). */
  const listOf = async (c: Context) => {
    const { status } = parseQuery(c, ListQuery);
    const who = requireRole(principalOf(c), "admin", "department", "township");
    const rows = await refusals(() => listAdmissions(db, who, { status }));
    return { who, rows };
  };

  /** The request form prefilled from a 清单外 check result (GET /admission?task=…&township=…). */
  const prefilled = (c: Context): RequestValues => {
    const q = parseQuery(c, PrefillQuery);
    return { ...EMPTY_REQUEST, task: q.task ?? "", townships: q.township ? [q.township] : [] };
  };

  /**
   * The workbench of an admin or a department: reminders, the queue or the form, the requests; `note`: what
   * was just done elsewhere (密码已修改, accountNote).
   */
  const workbench = async (
    c: Context,
    who: Principal,
    rows: Awaited<ReturnType<typeof listAdmissions>>,
    form?: { values: RequestValues; error: string },
    note?: string,
  ) => {
    const due = (
      <>
        {note ? <Notice>{note}</Notice> : null}
        <Reminders due={expiringSoon(rows, null)} />
      </>
    );
    const body =
      who.role === "admin" ? (
        <>
          <h1>职责准入审核</h1>
          {due}
          <h2>待审核（含部门对清单内结论的异议）</h2>
          <AdmissionList
            rows={rows.filter((a) => a.townships.some((t) => OPEN_STATUSES.includes(t.status)))}
          />
          <h2>全部申请</h2>
          <AdmissionList rows={rows} />
        </>
      ) : (
        <>
          <h1>职责准入申请</h1>
          {due}
          <p class="entry">
            交办乡镇前可先 <a href="/check">任务核验</a>：清单内的事项无需准入，已收回的事项不得交办。
          </p>
          <RequestForm
            c={c}
            townships={await townshipNames()}
            values={form?.values ?? prefilled(c)}
            fromCheck={!form && parseQuery(c, PrefillQuery).task !== undefined}
            error={form?.error}
          />
          <h2>本部门的申请</h2>
          <AdmissionList rows={rows} />
        </>
      );
    return workflowPage(c, "职责准入", body, form ? 400 : 200);
  };

  mountView(app, { page: "/admission", api: "/api/v1/admissions" }, listOf, {
    page: async (c, { who, rows }) => {
      if (who.role === "township") return c.redirect("/admission/township", 303);
      return workbench(c, who, rows, undefined, await accountNote(c, db));
    },
    json: ({ rows }) => ({ admissions: rows }),
  });

  const file = async (c: Context, form: z.output<typeof FileForm>) => {
    const parsed = Days.safeParse({ days: form.days });
    if (!parsed.success) throw invalidInput(parsed.error, FIELD_LABELS);
    const { days } = parsed.data;
    return refusals(() =>
      fileAdmission(db, store, principalOf(c), {
        task: form.task,
        reason: form.reason,
        basis: form.basis,
        townships: form.townships,
        durationDays: days ?? 0,
      }),
    );
  };
  // The page: a refused request comes back as the form with what was typed and why (400).
  app.post("/admission", requireCsrf, async (c) => {
    const form = await parseBody(c, FileForm);
    try {
      return c.redirect(`/admission/${(await file(c, form)).id}`, 303);
    } catch (error) {
      if (!(error instanceof Refusal) || error.code !== "invalid") throw error;
      const who = requireRole(principalOf(c), "department");
      const rows = await listAdmissions(db, who);
      return workbench(c, who, rows, { values: form, error: error.message });
    }
  });
  app.post("/api/v1/admissions", requireCsrf, async (c) =>
    c.json({ admission: await file(c, await parseBody(c, FileForm)) }, 201),
  );

  mountView(
    app,
    { page: "/admission/stats", api: "/api/v1/admissions/stats" },
    (c) => refusals(() => admissionStats(db, principalOf(c))),
    {
      page: (c, stats) => workflowPage(c, "准入统计", <StatsBody stats={stats} />),
      json: (departments) => ({ departments }),
    },
  );

  /** A township's page: a township user's own; the admin names one (?township= or /:name). */
  const township = async (c: Context) => {
    const who = requireRole(principalOf(c), "admin", "township");
    const name = c.req.param("name")
      ? parseParams(c, TownshipParam).name
      : parseQuery(c, TownshipQuery).township;
    const ref = await refusals(() =>
      townshipByName(db, who.role === "township" ? who.township! : (name ?? "")),
    );
    const requests = await admissionsNaming(db, who, ref.id);
    return { ref, tasks: await approvedFor(db, ref.id), requests };
  };
  mountView(app, { page: "/admission/township", api: "/api/v1/admissions/township/:name" }, township, {
    page: async (c, { ref, tasks, requests }) => {
      const note = await accountNote(c, db);
      return workflowPage(
        c,
        "职责准入",
        <>
          <h1>{ref.name}：职责准入</h1>
          {note ? <Notice>{note}</Notice> : null}
          <p class="entry">
            收到上级交办的任务，先 <a href={`/t/${encodeURIComponent(ref.name)}/check`}>任务核验</a>，再看
            <a href="/checks">核验记录</a>。
          </p>
          <Reminders due={expiringSoon(tasks, ref.id)} />
          <h2>经准入的临时任务（{tasks.length}）</h2>
          <AdmissionList rows={tasks} townshipId={ref.id} />
          <h2>涉及本乡镇的全部申请及结果（{requests.length}）</h2>
          <AdmissionList rows={requests} townshipId={ref.id} />
        </>,
      );
    },
    json: ({ ref, tasks, requests }) => ({ township: ref.name, tasks, requests }),
  });

  const one = (c: Context) => refusals(() => readAdmission(db, principalOf(c), parseParams(c, Id).id));
  /** A request's page; `refused`: a decision or dispute refused by the rules, shown again at its form (400). */
  const detail = (c: Context, a: AdmissionView, refused?: RefusedForm) => {
    const who = principalOf(c);
    const mine = who?.role === "department" && who.department === a.department;
    return workflowPage(
      c,
      `准入申请 ${a.id}`,
      <DetailPage c={c} a={a} role={who?.role ?? null} mine={mine} refused={refused} />,
      refused ? 400 : 200,
    );
  };
  mountView(app, { page: "/admission/:id{[0-9]+}", api: "/api/v1/admissions/:id{[0-9]+}" }, one, {
    page: (c, a) => detail(c, a),
    json: (admission) => ({ admission }),
  });
  /** The request's page again after a refused decision or dispute (`action`: the form's, or "dispute"). */
  const refusedPage = async (c: Context, refusal: Refusal, dispute = false) => {
    const typed = await safeParseBody(c, RefusedFields);
    const fields = typed.success ? typed.data : { action: "", reason: "", days: "", township: undefined };
    const refused: RefusedForm = {
      ...fields,
      action: dispute ? "dispute" : fields.action,
      message: refusal.message,
    };
    return detail(c, await one(c), refused);
  };

  const decide = async (c: Context) => {
    const { id } = parseParams(c, Id);
    const form = await parseBody(c, DecisionForm, FIELD_LABELS);
    const only = form.township === undefined ? undefined : [form.township];
    return refusals(() => decideAdmission(db, principalOf(c), id, decisionOf(form), new Date(), only));
  };
  mountAction(
    app,
    { page: "/admission/:id{[0-9]+}/decision", api: "/api/v1/admissions/:id{[0-9]+}/decision" },
    decide,
    {
      done: (c, a) => c.redirect(`/admission/${a.id}`, 303),
      json: (admission) => ({ admission }),
      refused: (c, refusal) => refusedPage(c, refusal),
    },
  );

  const dispute = async (c: Context) => {
    const { id } = parseParams(c, Id);
    const form = await parseBody(c, DisputeForm);
    const only = form.township === undefined ? undefined : [form.township];
    return refusals(() => disputeAdmission(db, principalOf(c), id, form.reason, only));
  };
  mountAction(
    app,
    { page: "/admission/:id{[0-9]+}/dispute", api: "/api/v1/admissions/:id{[0-9]+}/dispute" },
    dispute,
    {
      done: (c, a) => c.redirect(`/admission/${a.id}`, 303),
      json: (admission) => ({ admission }),
      refused: (c, refusal) => refusedPage(c, refusal, true),
    },
  );

  const convert = async (c: Context) => {
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
    return refusals(() => convertAdmission(db, store, who, id, item));
  };
  mountAction(
    app,
    { page: "/admission/:id{[0-9]+}/convert", api: "/api/v1/admissions/:id{[0-9]+}/convert" },
    convert,
    { done: (c) => c.redirect("/adjust", 303), json: (proposals) => ({ proposals }) },
  );
};
