/** @jsxImportSource hono/jsx */
/**
 * Adjustment (动态调整) pages and API: proposals and their decisions, the working draft with its review
 * rounds (comments and answers), publishing, the diff between two editions and an item's history.
 */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { StoredEdition } from "../../store/index.ts";
import { countyIdByName } from "../../store/places.ts";
import { commentById, roundById } from "../../store/review-rounds.ts";
import type { ProposalKind } from "../../store/workflow-schema.ts";
import { canReadEdition, requireReadEdition, requireRole } from "../../workflow/access.ts";
import { diffEditions, type ItemRef } from "../../workflow/diff.ts";
import { PublishBlocked, publishEdition, requireEdition } from "../../workflow/editions.ts";
import { invalid } from "../../workflow/errors.ts";
import { itemHistory } from "../../workflow/history.ts";
import { publishedEdition, townshipByName, workingEdition } from "../../workflow/places.ts";
import { prepublishProblems } from "../../workflow/prepublish.ts";
import {
  decideProposal,
  fileProposal,
  listProposals,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  type ProposalView,
} from "../../workflow/proposals.ts";
import { addComment, answerComment, closeRound, openRound, roundsOf } from "../../workflow/review.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, isApi, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { Changes, DiffView } from "../auth/diff-view.tsx";
import { ItemFields, itemFromBody } from "../auth/item-form.tsx";
import { Form, Notice, when, workflowPage } from "../auth/ui.tsx";
import {
  choice,
  editionDate,
  flag,
  optionalCount,
  parseBody,
  parseParams,
  parseQuery,
  parseWith,
  pathId,
  textField,
} from "../input.ts";
import { STATUS_LABELS } from "../views/labels.ts";

const enc = encodeURIComponent;
const KINDS = Object.keys(PROPOSAL_KIND_LABELS) as [ProposalKind, ...ProposalKind[]];

/** What the adjustment routes accept, parsed once (see ../input.ts); item fields: ../auth/item-form.tsx. */
/** A form or JSON body as field → value(s), before the proposal and item schemas read it. */
const FormFields = z.record(z.string(), z.unknown());

const ProposalInput = z.object({
  kind: choice(KINDS),
  township: textField(120),
  reason: textField(2000),
  targetList: choice(LIST_KINDS).default("basic"),
  targetNumber: optionalCount(),
});
const ProposalDecision = z.object({ accept: flag(), reason: textField(2000) });
const IdParam = z.object({ id: pathId });
const RoundParam = z.object({ round: pathId });
const CommentForm = z.object({ item: textField(40), body: textField(2000) });
const AnswerForm = z.object({ answer: textField(2000) });
const DraftParams = z.object({ township: textField(120), date: editionDate });
const DiffParams = z.object({ township: textField(120) });
const DiffQuery = z.object({ from: editionDate.optional(), to: editionDate.optional() });
const HistoryParams = z.object({
  township: textField(120),
  date: editionDate,
  list: choice(LIST_KINDS),
  number: z.string().regex(/^\d{1,6}$/, { message: "序号应为正整数" }),
});

function draftHref(township: string, date: string): string {
  return `/drafts/${enc(township)}/${enc(date)}`;
}

function ProposalRows(props: { c: Context; rows: ProposalView[]; admin: boolean }) {
  if (props.rows.length === 0) return <p class="empty">暂无调整建议。</p>;
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">编号</th>
          <th scope="col">乡镇</th>
          <th scope="col">类型</th>
          <th scope="col">事项</th>
          <th scope="col">理由</th>
          <th scope="col">提出人</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((p) => (
          <tr>
            <td>{p.id}</td>
            <td>{p.township ?? "全县"}</td>
            <td>{PROPOSAL_KIND_LABELS[p.kind]}</td>
            <td>
              {p.target ? `${LIST_LABELS[p.target.list]} 第 ${p.target.number} 项 ${p.target.name}` : ""}
              {p.item ? ` → ${LIST_LABELS[p.item.list]}：${p.item.name}` : ""}
            </td>
            <td>{p.reason}</td>
            <td>{p.author}</td>
            <td>
              {PROPOSAL_STATUS_LABELS[p.status]}
              {p.decisionReason ? `（${p.decisionReason}）` : ""}
              {p.editionDate && p.township ? (
                <>
                  {" "}
                  <a href={draftHref(p.township, p.editionDate)}>草稿 {p.editionDate}</a>
                </>
              ) : null}
              {props.admin && p.status === "open" ? (
                <>
                  <Form c={props.c} action={`/adjust/${p.id}/decision`}>
                    <input type="hidden" name="accept" value="1" />
                    <button type="submit">采纳，列入草稿</button>
                  </Form>
                  <Form c={props.c} action={`/adjust/${p.id}/decision`}>
                    <input type="hidden" name="accept" value="0" />
                    <input name="reason" placeholder="不采纳理由" required />{" "}
                    <button type="submit">不采纳</button>
                  </Form>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProposalForm(props: { c: Context; townships: string[]; counties: string[]; fixed: string | null }) {
  return (
    <Form c={props.c} action="/adjust">
      <h2>提出调整建议</h2>
      <p>
        {props.fixed ? (
          <>
            乡镇：{props.fixed}
            <input type="hidden" name="township" value={props.fixed} />
          </>
        ) : (
          <label>
            乡镇
            <select name="township">
              {props.townships.map((t) => (
                <option value={t}>{t}</option>
              ))}
              {props.counties.map((county) => (
                <option value={`county:${county}`}>{county}全部乡镇</option>
              ))}
            </select>
          </label>
        )}{" "}
        <label>
          调整类型
          <select name="kind">
            {KINDS.map((k) => (
              <option value={k}>{PROPOSAL_KIND_LABELS[k]}</option>
            ))}
          </select>
        </label>
      </p>
      <p>
        修改、移动、取消时指明原事项：
        <label>
          清单
          <select name="targetList">
            <option value="basic">基本履职事项</option>
            <option value="cooperative">配合履职事项</option>
            <option value="reclaimed">上级部门收回事项</option>
          </select>
        </label>{" "}
        <label>
          序号 <input name="targetNumber" type="number" min="1" />
        </label>
      </p>
      <ItemFields />
      <p>
        <label>
          调整理由 <input name="reason" size={60} required />
        </label>
      </p>
      <button type="submit">提交建议</button>
    </Form>
  );
}

export const adjustmentRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  app.get("/adjust", async (c) => {
    const who = requireRole(principalOf(c), "admin", "township", "department");
    const rows = await refusals(() => listProposals(db, who));
    const townships = await store.listTownships();
    // The drafts this principal may read: all for the admin, its own for a township, those in review for departments.
    const drafts = (await store.listEditions()).filter(
      (e) => (e.status === "draft" || e.status === "review") && canReadEdition(who, e),
    );
    return workflowPage(
      c,
      "调整建议",
      <>
        <h1>清单动态调整</h1>
        {drafts.length ? (
          <>
            <h2>草稿与审核中的清单</h2>
            <ul>
              {drafts.map((d) => (
                <li>
                  <a href={draftHref(d.township, d.date)}>
                    {d.township} {d.date}（{STATUS_LABELS[d.status]}）
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <ProposalForm
          c={c}
          townships={townships.map((t) => t.name)}
          counties={who.role === "admin" ? [...new Set(townships.map((t) => t.county))] : []}
          fixed={who.role === "township" ? who.township : null}
        />
        <h2>调整建议</h2>
        <ProposalRows c={c} rows={rows} admin={who.role === "admin"} />
      </>,
    );
  });
  app.get("/api/v1/proposals", async (c) =>
    c.json({ proposals: await refusals(() => listProposals(db, principalOf(c))) }),
  );

  const propose = async (c: Context) => {
    // The form's fields, read twice: the proposal's own (ProposalInput) and the item's (itemFromBody).
    const body = await parseBody(c, FormFields);
    const form = parseWith(ProposalInput, body);
    const kind = form.kind;
    return refusals(async () => {
      const place = form.township;
      const countyName = place.startsWith("county:") ? place.slice(7) : null;
      const township = countyName ? null : await townshipByName(db, place);
      const countyId = countyName ? await countyIdByName(db, countyName) : undefined;
      if (countyName && countyId === undefined) throw invalid(`没有县“${countyName}”`);
      const targetNumber = form.targetNumber;
      return fileProposal(db, store, principalOf(c), {
        kind,
        township,
        countyId,
        reason: form.reason,
        target:
          kind === "add" || targetNumber === undefined
            ? undefined
            : { list: form.targetList, number: targetNumber, name: "" },
        item: kind === "remove" ? undefined : itemFromBody(body),
      });
    });
  };
  app.post("/adjust", requireCsrf, async (c) => {
    await propose(c);
    return c.redirect("/adjust", 303);
  });
  app.post("/api/v1/proposals", requireCsrf, async (c) => c.json({ proposal: await propose(c) }, 201));

  const decide = async (c: Context) => {
    const { id } = parseParams(c, IdParam);
    const { accept, reason } = await parseBody(c, ProposalDecision);
    return refusals(() => decideProposal(db, principalOf(c), id, { accept, reason }));
  };
  app.post("/adjust/:id{[0-9]+}/decision", requireCsrf, async (c) => {
    const p = await decide(c);
    return c.redirect(p.editionDate && p.township ? draftHref(p.township, p.editionDate) : "/adjust", 303);
  });
  app.post("/api/v1/proposals/:id{[0-9]+}/decision", requireCsrf, async (c) =>
    c.json({ proposal: await decide(c) }),
  );

  /** The edition of a draft URL, readable by the principal. */
  const draftOf = async (c: Context) => {
    const params = parseParams(c, DraftParams);
    const township = await refusals(() => townshipByName(db, params.township));
    const edition = await refusals(() => requireEdition(db, store, township, params.date));
    await refusals(async () => requireReadEdition(principalOf(c), edition));
    return { township, edition };
  };

  const draftData = async (c: Context) => {
    const { township, edition } = await draftOf(c);
    return {
      township,
      edition,
      problems: prepublishProblems(edition.draft),
      rounds: await roundsOf(db, township.id, edition.date),
    };
  };

  app.get("/drafts/:township/:date", async (c) => {
    const { township, edition, problems, rounds } = await draftData(c);
    const who = principalOf(c);
    const admin = who?.role === "admin";
    const open = rounds.find((r) => r.closedAt === null);
    const working = edition.status === "draft" || edition.status === "review";
    return workflowPage(
      c,
      `${township.name} ${edition.date} 草稿`,
      <>
        <h1>
          {township.name} {edition.date} 版（{STATUS_LABELS[edition.status]}）
        </h1>
        <p>
          基本 {edition.counts.basic} 项，配合 {edition.counts.cooperative} 项，收回{" "}
          {edition.counts.reclaimed} 项。{" "}
          <a href={`/diff/${enc(township.name)}?to=${enc(edition.date)}`}>与已发布版本比较</a>{" "}
          <a href={`/t/${enc(township.name)}?edition=${enc(edition.date)}`}>浏览本版清单</a>
        </p>
        <h2>发布前检查</h2>
        {problems.length === 0 ? (
          <Notice kind="ok">未发现问题。</Notice>
        ) : (
          <ul class="problems">
            {problems.map((p) => (
              <li>
                {p.key} {p.name}：{p.message}
              </li>
            ))}
          </ul>
        )}
        {admin && working ? (
          <p>
            {open ? (
              <Form c={c} action={`${draftHref(township.name, edition.date)}/close`}>
                <button type="submit">结束第 {open.number} 轮征求意见</button>
              </Form>
            ) : (
              <Form c={c} action={`${draftHref(township.name, edition.date)}/round`}>
                <button type="submit">发起第 {rounds.length + 1} 轮征求意见</button>
              </Form>
            )}
            {edition.status === "review" ? (
              <Form c={c} action={`${draftHref(township.name, edition.date)}/publish`}>
                <label>
                  生效日期 <input name="effective" value={edition.date} pattern="\d{4}-\d{2}(-\d{2})?" />
                </label>{" "}
                <button type="submit">发布本版清单</button>
              </Form>
            ) : null}
          </p>
        ) : null}
        <h2>征求意见（三上三下）</h2>
        {rounds.length === 0 ? <p class="empty">尚未征求意见。</p> : null}
        {rounds.map((r) => (
          <section>
            <h3>
              第 {r.number} 轮（{when(r.openedAt)} 发起
              {r.closedAt ? `，${when(r.closedAt)} 结束` : "，进行中"}）
            </h3>
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">事项</th>
                  <th scope="col">意见</th>
                  <th scope="col">提出人</th>
                  <th scope="col">答复</th>
                </tr>
              </thead>
              <tbody>
                {r.comments.map((cm) => (
                  <tr>
                    <td>{cm.itemKey || "整体"}</td>
                    <td>{cm.body}</td>
                    <td>{cm.author}</td>
                    <td>
                      {cm.answer ? `${cm.answer}（${cm.answeredBy}）` : "待答复"}
                      {admin && (!cm.answer || !r.closedAt) ? (
                        <Form c={c} action={`/review/comments/${cm.id}/answer`}>
                          <input name="answer" required /> <button type="submit">答复</button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!r.closedAt && who ? (
              <Form c={c} action={`/review/${r.id}/comments`}>
                <label>
                  事项（如 basic:117，留空为整体）
                  <input name="item" size={16} />
                </label>{" "}
                <label>
                  意见 <input name="body" size={50} required />
                </label>{" "}
                <button type="submit">提交意见</button>
              </Form>
            ) : null}
          </section>
        ))}
      </>,
    );
  });
  app.get("/api/v1/drafts/:township/:date", async (c) => {
    const { township, edition, problems, rounds } = await draftData(c);
    return c.json({
      township: township.name,
      date: edition.date,
      status: edition.status,
      counts: edition.counts,
      problems,
      rounds,
    });
  });

  const adminDraft = async (
    c: Context,
    work: (t: Awaited<ReturnType<typeof draftOf>>) => Promise<unknown>,
  ) => {
    const d = await draftOf(c);
    await refusals(() => work(d) as Promise<unknown>);
    return isApi(c) ? c.json({ ok: true }) : c.redirect(draftHref(d.township.name, d.edition.date), 303);
  };
  for (const prefix of ["", "/api/v1"]) {
    app.post(`${prefix}/drafts/:township/:date/round`, requireCsrf, (c) =>
      adminDraft(c, (d) => openRound(db, principalOf(c), d.township, d.edition.date)),
    );
    app.post(`${prefix}/drafts/:township/:date/close`, requireCsrf, (c) =>
      adminDraft(c, (d) => closeRound(db, principalOf(c), d.township, d.edition.date)),
    );
  }
  const publish = async (c: Context) => {
    const { township, edition } = await draftOf(c);
    try {
      return {
        township,
        edition,
        result: await publishEdition(db, store, principalOf(c), township, edition.date),
      };
    } catch (error) {
      // The page lists the problems in its own frame; the API answers the refusal as it is.
      if (error instanceof PublishBlocked && !isApi(c)) return { township, edition, blocked: error };
      throw error;
    }
  };
  app.post("/drafts/:township/:date/publish", requireCsrf, async (c) => {
    const r = await publish(c);
    if ("blocked" in r && r.blocked) {
      return workflowPage(c, "不能发布", <Notice kind="error">{r.blocked.message}</Notice>, 409);
    }
    return c.redirect(`/diff/${enc(r.township.name)}?to=${enc(r.edition.date)}`, 303);
  });
  // A blocked publish is a conflict refusal whose details list the problems (web/errors.tsx).
  app.post("/api/v1/drafts/:township/:date/publish", requireCsrf, async (c) => {
    const r = await publish(c);
    return c.json({ published: "result" in r ? r.result : null });
  });

  const comment = async (c: Context) => {
    const { round } = parseParams(c, RoundParam);
    const form = await parseBody(c, CommentForm);
    return refusals(() => addComment(db, store, principalOf(c), round, form.item, form.body));
  };
  const backTo = async (roundId: number) => {
    const r = await roundById(db, roundId);
    if (!r) throw new Refusal("not-found", `没有第 ${roundId} 轮征求意见`);
    return draftHref(r.township, r.edition_date);
  };
  app.post("/review/:round{[0-9]+}/comments", requireCsrf, async (c) => {
    await comment(c);
    return c.redirect(await backTo(parseParams(c, RoundParam).round), 303);
  });
  app.post("/api/v1/review/:round{[0-9]+}/comments", requireCsrf, async (c) =>
    c.json({ comment: await comment(c) }, 201),
  );

  const answer = async (c: Context) => {
    const { id } = parseParams(c, IdParam);
    const { answer } = await parseBody(c, AnswerForm);
    await refusals(() => answerComment(db, principalOf(c), id, answer));
    const row = await commentById(db, id);
    if (!row) throw new Refusal("not-found", `没有第 ${id} 条意见`);
    return row.round_id;
  };
  app.post("/review/comments/:id{[0-9]+}/answer", requireCsrf, async (c) =>
    c.redirect(await backTo(await answer(c)), 303),
  );
  app.post("/api/v1/review/comments/:id{[0-9]+}/answer", requireCsrf, async (c) => {
    await answer(c);
    return c.json({ ok: true });
  });

  /** Two editions to compare: ?from=&to= dates; default to the working (else published) and the one before. */
  const diffOf = async (c: Context) => {
    const township = await refusals(() => townshipByName(db, parseParams(c, DiffParams).township));
    const { from: fromDate, to: toDate } = parseQuery(c, DiffQuery);
    const to: StoredEdition | undefined = toDate
      ? await refusals(() => requireEdition(db, store, township, toDate))
      : ((await workingEdition(db, store, township.id)) ?? (await publishedEdition(db, store, township.id)));
    if (!to) return refusals(() => Promise.reject(invalid("该乡镇没有可比较的清单")));
    let from: StoredEdition | undefined;
    if (fromDate) from = await refusals(() => requireEdition(db, store, township, fromDate));
    else {
      const older = (await store.listEditions(township.name))
        .filter((e) => e.date < to.date && (e.status === "published" || e.status === "superseded"))
        .sort((a, b) => b.date.localeCompare(a.date))[0];
      from = older ? await store.getEditionById(older.id) : undefined;
    }
    if (!from) return refusals(() => Promise.reject(invalid("没有更早的版本可比较：请用 ?from=日期 指定")));
    for (const e of [from, to]) await refusals(async () => requireReadEdition(principalOf(c), e));
    return { township, from, to, diff: diffEditions(from.draft, to.draft) };
  };
  app.get("/diff/:township", async (c) => {
    const { township, from, to, diff } = await diffOf(c);
    const href = (date: string) => (r: ItemRef) =>
      `/history/${enc(township.name)}/${enc(date)}/${r.list}/${r.number}`;
    return workflowPage(
      c,
      `${township.name} 版本比较`,
      <>
        <h1>
          {township.name}：{from.date}（{STATUS_LABELS[from.status]}） → {to.date}（{STATUS_LABELS[to.status]}
          ）
        </h1>
        <DiffView diff={diff} href={href(to.date)} beforeHref={href(from.date)} />
      </>,
    );
  });
  app.get("/api/v1/diff/:township", async (c) => {
    const { township, from, to, diff } = await diffOf(c);
    return c.json({ township: township.name, from: from.date, to: to.date, ...diff });
  });

  const historyOf = async (c: Context) => {
    const params = parseParams(c, HistoryParams);
    const township = await refusals(() => townshipByName(db, params.township));
    const key = `${params.list}:${params.number}`;
    const steps = await refusals(() => itemHistory(db, store, principalOf(c), township, params.date, key));
    return { township, key, steps };
  };
  const EVENTS = {
    first: "最早版本",
    added: "新增",
    changed: "修改",
    moved: "调整清单",
    unchanged: "未变",
    removed: "取消",
    absent: "无此事项",
  };
  app.get("/history/:township/:date/:list/:number{[0-9]+}", async (c) => {
    const { township, steps } = await historyOf(c);
    const name = steps.find((s) => s.item)?.item?.name ?? "";
    return workflowPage(
      c,
      `事项历史：${name}`,
      <>
        <h1>事项历史：{name}</h1>
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              <th scope="col">位置</th>
              <th scope="col">变化</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr>
                <td>
                  <a href={`/t/${enc(township.name)}?edition=${enc(s.date)}`}>{s.date}</a>
                </td>
                <td>{STATUS_LABELS[s.status]}</td>
                <td>{s.item ? `${LIST_LABELS[s.item.list]} 第 ${s.item.number} 项` : "—"}</td>
                <td>
                  {EVENTS[s.event]}
                  {s.changes.length ? <Changes changes={s.changes} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>,
    );
  });
  app.get("/api/v1/history/:township/:date/:list/:number{[0-9]+}", async (c) => {
    const { township, key, steps } = await historyOf(c);
    return c.json({ township: township.name, key, steps });
  });
};
