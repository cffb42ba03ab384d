/** @jsxImportSource hono/jsx */
/**
 * Adjustment proposals (动态调整建议): the page with the start form and the proposals with their changes,
 * the form of one proposal (prefilled from the item as it stands; its step buttons post it back changed;
 * a refused submission comes back with the input kept), filing, and the admin's decision.
 */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_KINDS, type ListKind } from "../../domain/edition.ts";
import { parseTownshipRef } from "../../domain/names.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { StoredEdition } from "../../store/index.ts";
import { countyIdByName, townshipsNamed } from "../../store/places.ts";
import { commentById } from "../../store/review-rounds.ts";
import type { ProposalKind } from "../../store/workflow-schema.ts";
import { canReadEdition, requireRole } from "../../workflow/access.ts";
import { itemChanges } from "../../workflow/diff.ts";
import { invalid } from "../../workflow/errors.ts";
import { publishedEdition, townshipByName, workingEdition } from "../../workflow/places.ts";
import type { Principal } from "../../workflow/principal.ts";
import {
  decideProposal,
  fileProposal,
  listProposals,
  PROPOSAL_KIND_LABELS,
  type ProposalView,
} from "../../workflow/proposals.ts";
import type { RouteModule } from "../app.ts";
import { safeParseBody } from "../auth/body.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import {
  choice,
  flag,
  optionalCount,
  parseBody,
  parseParams,
  parseQuery,
  parseWith,
  pathId,
  textField,
} from "../input.ts";
import { applyOp, editOf, emptyEdit, type ItemEdit, itemOfEdit, movedEdit, readEdit } from "../item-edit.ts";
import { itemPlace } from "../item-names.ts";
import { mountAction, mountView, notFound } from "../respond.tsx";
import { draftHref } from "../urls.ts";
import type { RefusedStart } from "../views/proposal-form.tsx";
import { type ProposalDraft, ProposalFormBody } from "../views/proposal-form.tsx";
import { ProposalsBody, type ProposalsData, type RefusedDecision } from "../views/proposals-page.tsx";
import { workflowPage } from "../views/workflow-ui.tsx";

const KINDS = Object.keys(PROPOSAL_KIND_LABELS) as [ProposalKind, ...ProposalKind[]];

/** A form or JSON body as field → value(s), before the proposal and item schemas read it. */
const FormFields = z.record(z.string(), z.unknown());
const ProposalInput = z.object({
  kind: choice(KINDS),
  township: textField(120),
  reason: textField(2000),
  targetList: choice(LIST_KINDS).default("basic"),
  targetNumber: optionalCount(),
  comment: optionalCount(999_999_999),
  op: textField(40),
});
const StartQuery = z.object({
  township: textField(120),
  kind: choice(KINDS),
  list: choice(LIST_KINDS).default("basic"),
  number: optionalCount(),
  to: choice(LIST_KINDS).optional(),
  comment: optionalCount(999_999_999),
});
/** The start form's fields in its own words, for a refusal shown at the form. */
const START_LABELS = {
  township: "乡镇",
  kind: "调整类型",
  list: "清单",
  number: "原事项序号",
  to: "移至清单",
};
/** The first step read again, leniently, to show it as sent after a refusal. */
const TypedStart = z.object({
  township: textField(120).catch(""),
  kind: textField(20).catch(""),
  list: textField(20).catch(""),
  number: textField(20).catch(""),
  to: textField(20).catch(""),
});
const ProposalDecision = z.object({ accept: flag(), reason: textField(2000) });
/** The 不采纳 form read again, leniently, to show it with what was typed after a refusal. */
const RefusedReason = z.object({ reason: textField(2000).catch("") });
const IdParam = z.object({ id: pathId });

/** Drops the empty spare at the end of each step and name list (the form always shows one). */
function withoutSpares(e: ItemEdit): ItemEdit {
  const trim = (xs: string[]) => {
    const out = [...xs];
    while (out.length && !out.at(-1)) out.pop();
    return out;
  };
  const block = (b: ItemEdit["departmentDuties"][number]) => ({ ...b, steps: trim(b.steps) });
  return {
    ...e,
    leads: trim(e.leads),
    takeover: trim(e.takeover),
    workMethod: trim(e.workMethod),
    workStandard: trim(e.workStandard),
    departmentDuties: e.departmentDuties.map(block),
    townshipDuties: e.townshipDuties.map(block),
  };
}

export const proposalRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  const proposalsOf = async (c: Context): Promise<ProposalsData> => {
    const who = requireRole(principalOf(c), "admin", "township", "department");
    const rows = await refusals(() => listProposals(db, who));
    const townships = await store.listTownships();
    // The drafts this principal may read: all for the admin, its own for a township, those in review for departments.
    const drafts = (await store.listEditions()).filter(
      (e) => (e.status === "draft" || e.status === "review") && canReadEdition(who, e),
    );
    return {
      rows,
      drafts,
      townships: townships.map((t) => t.name),
      counties: who.role === "admin" ? [...new Set(townships.map((t) => t.county))] : [],
      fixed: who.role === "township" ? who.township : null,
      admin: who.role === "admin",
    };
  };
  /** The adjustment page; a refused decision or first step comes back on it (400), at its form. */
  const adjustPage = (
    c: Context,
    data: ProposalsData,
    refusals: { refused?: RefusedDecision; refusedStart?: RefusedStart } = {},
  ) =>
    workflowPage(
      c,
      "调整建议",
      <ProposalsBody c={c} data={data} {...refusals} />,
      refusals.refused || refusals.refusedStart ? 400 : 200,
    );
  mountView(app, { page: "/adjust", api: "/api/v1/proposals" }, proposalsOf, {
    page: (c, data) => adjustPage(c, data),
    json: (data) => ({ proposals: data.rows }),
  });

  /** The edition a proposal starts from: the working draft when the user may read it, else the published one. */
  const baseEdition = async (who: Principal, townshipId: number): Promise<StoredEdition | undefined> => {
    const working = await workingEdition(db, store, townshipId);
    if (working && canReadEdition(who, working)) return working;
    return publishedEdition(db, store, townshipId);
  };

  /** The item a proposal concerns, as the user sees it now (none for county-wide proposals). */
  const itemAt = async (who: Principal, township: string, list: ListKind, number: number) => {
    if (township.startsWith("county:")) return undefined;
    const ref = await townshipByName(db, township);
    const base = await baseEdition(who, ref.id);
    const item = base?.draft.items.find((i) => i.list === list && i.number === number);
    if (!item) throw invalid(`${ref.name}的清单中没有${itemPlace(list, number)}`);
    return item;
  };

  /** A review comment a change carries out: the admin's, on an item of a draft. */
  const commentOf = async (who: Principal, id: number | undefined): Promise<ProposalDraft["comment"]> => {
    if (id === undefined) return undefined;
    requireRole(who, "admin");
    const row = await commentById(db, id);
    if (!row) throw new Refusal("not-found", `没有第 ${id} 条意见`);
    return { id, itemKey: row.item_key, body: row.body, answer: row.answer };
  };

  /**
   * The place a new proposal's form is for must exist: an unknown township or county (a hand-made or stale
   * link) is not found, rather than a form that can only be refused when filed.
   */
  const requirePlace = async (given: string): Promise<void> => {
    if (!given) throw invalid("请选择乡镇");
    if (given.startsWith("county:")) {
      const county = given.slice(7);
      if ((await countyIdByName(db, county)) === undefined)
        throw notFound(`没有县“${county}”：请从调整建议页选择。`, { county });
      return;
    }
    const { county, township: name } = parseTownshipRef(given);
    if ((await townshipsNamed(db, name, county)).length === 0)
      throw notFound(`没有乡镇“${given}”：请从调整建议页选择乡镇。`, { township: given });
  };

  /** The draft the first step asks for: a change starts from the item as it stands, every field and step. */
  const startDraft = async (c: Context, who: Principal): Promise<ProposalDraft> => {
    const q = parseQuery(c, StartQuery, START_LABELS);
    const township = who.role === "township" ? who.township! : q.township;
    await requirePlace(township);
    const draft: ProposalDraft = {
      kind: q.kind,
      township,
      reason: "",
      comment: await commentOf(who, q.comment),
    };
    if (q.kind === "add") draft.edit = emptyEdit(q.list);
    else {
      if (q.number === undefined) throw invalid("修改、移动、取消事项须填写原事项的序号");
      draft.target = { list: q.list, number: q.number };
      draft.before = await itemAt(who, township, q.list, q.number);
      if (q.kind === "move") {
        const to = q.to && q.to !== q.list ? q.to : undefined;
        if (!to) throw invalid("移动事项须选择另一个清单");
        draft.edit = draft.before ? movedEdit(draft.before, to) : emptyEdit(to);
      } else if (q.kind === "change") draft.edit = draft.before ? editOf(draft.before) : emptyEdit(q.list);
    }
    return draft;
  };

  /**
   * The form of a new proposal. A first step that cannot go on (修改 without the item's number, a number
   * the list does not hold, an unknown kind) comes back as the adjustment page, its start form as sent and
   * the reason at it (400), not an error page; an unknown place is still a 404 page.
   */
  app.get("/adjust/new", async (c) => {
    const who = requireRole(principalOf(c), "admin", "township", "department");
    let draft: ProposalDraft;
    try {
      draft = await startDraft(c, who);
    } catch (error) {
      if (!(error instanceof Refusal && error.code === "invalid")) throw error;
      const typed = TypedStart.parse(c.req.query());
      return adjustPage(c, await proposalsOf(c), { refusedStart: { ...typed, message: error.message } });
    }
    return workflowPage(
      c,
      "提出调整建议",
      <ProposalFormBody c={c} draft={draft} changes={[]} admin={who.role === "admin"} />,
    );
  });

  /** A posted proposal form: the draft it holds (the item as it stands looked up again). */
  const readDraft = async (
    who: Principal,
    body: Record<string, unknown>,
  ): Promise<[ProposalDraft, string]> => {
    const form = parseWith(ProposalInput, body);
    const township = who.role === "township" ? who.township! : form.township;
    const draft: ProposalDraft = { kind: form.kind, township, reason: form.reason };
    if (form.kind !== "add" && form.targetNumber !== undefined) {
      draft.target = { list: form.targetList, number: form.targetNumber };
      draft.before = await itemAt(who, township, form.targetList, form.targetNumber);
    }
    if (form.kind !== "remove") draft.edit = withoutSpares(readEdit(body));
    draft.comment = await commentOf(who, form.comment);
    return [draft, form.op];
  };

  /** Files the proposal a draft describes; the admin carrying out a review comment also accepts it at once. */
  const file = async (who: Principal, draft: ProposalDraft): Promise<ProposalView> => {
    const countyName = draft.township.startsWith("county:") ? draft.township.slice(7) : null;
    const township = countyName ? null : await townshipByName(db, draft.township);
    const countyId = countyName ? await countyIdByName(db, countyName) : undefined;
    if (countyName && countyId === undefined) throw invalid(`没有县“${countyName}”`);
    const item = draft.edit ? itemOfEdit(draft.edit) : undefined;
    if (draft.kind === "change" && draft.before && item && itemChanges(draft.before, item).length === 0) {
      throw invalid("内容与原事项相同：请修改后再提交");
    }
    const proposal = await fileProposal(db, store, who, {
      kind: draft.kind,
      township,
      countyId,
      reason: draft.reason,
      target: draft.target ? { ...draft.target, name: "" } : undefined,
      item,
    });
    if (!draft.comment) return proposal;
    return decideProposal(db, who, proposal.id, {
      accept: true,
      reason: `按审核意见修改（第 ${draft.comment.id} 条）`,
    });
  };

  const formPage = (c: Context, who: Principal, draft: ProposalDraft, error?: string) => {
    const changes = draft.before && draft.edit ? itemChanges(draft.before, itemOfEdit(draft.edit)) : [];
    return workflowPage(
      c,
      "提出调整建议",
      <ProposalFormBody c={c} draft={draft} changes={changes} error={error} admin={who.role === "admin"} />,
      error ? 400 : 200,
    );
  };

  // The page: a step button comes back as the changed form; a refused proposal comes back with its input.
  app.post("/adjust", requireCsrf, async (c) => {
    const who = requireRole(principalOf(c), "admin", "township", "department");
    const body = await parseBody(c, FormFields);
    const [draft, op] = await readDraft(who, body);
    if (op) {
      if (draft.edit) draft.edit = applyOp(draft.edit, op);
      return formPage(c, who, draft);
    }
    try {
      const p = await file(who, draft);
      return c.redirect(
        p.status === "accepted" && p.township && p.editionDate
          ? draftHref(p.township, p.editionDate)
          : `/adjust#proposal-${p.id}`,
        303,
      );
    } catch (error) {
      if (error instanceof Refusal && error.code === "invalid") return formPage(c, who, draft, error.message);
      throw error;
    }
  });
  app.post("/api/v1/proposals", requireCsrf, async (c) => {
    const who = requireRole(principalOf(c), "admin", "township", "department");
    const [draft] = await readDraft(who, await parseBody(c, FormFields));
    return c.json({ proposal: await file(who, draft) }, 201);
  });

  const decide = async (c: Context) => {
    const { id } = parseParams(c, IdParam);
    const { accept, reason } = await parseBody(c, ProposalDecision);
    return refusals(() => decideProposal(db, principalOf(c), id, { accept, reason }));
  };
  mountAction(
    app,
    { page: "/adjust/:id{[0-9]+}/decision", api: "/api/v1/proposals/:id{[0-9]+}/decision" },
    decide,
    {
      done: (c, p) =>
        c.redirect(p.editionDate && p.township ? draftHref(p.township, p.editionDate) : "/adjust", 303),
      json: (proposal) => ({ proposal }),
      // 不采纳 without a reason (or one of spaces only) comes back as the adjustment page, at its form.
      refused: async (c, refusal) => {
        const { id } = parseParams(c, IdParam);
        const typed = await safeParseBody(c, RefusedReason);
        const refused: RefusedDecision = {
          id,
          message: refusal.message,
          reason: typed.success ? typed.data.reason : "",
        };
        return adjustPage(c, await proposalsOf(c), { refused });
      },
    },
  );
};
