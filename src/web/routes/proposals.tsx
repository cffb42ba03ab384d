/** @jsxImportSource hono/jsx */
/** Adjustment proposals (动态调整建议): the page with the form and the list, filing, and the admin's decision. */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_KINDS } from "../../domain/edition.ts";
import { countyIdByName } from "../../store/places.ts";
import type { ProposalKind } from "../../store/workflow-schema.ts";
import { canReadEdition, requireRole } from "../../workflow/access.ts";
import { invalid } from "../../workflow/errors.ts";
import { townshipByName } from "../../workflow/places.ts";
import {
  decideProposal,
  fileProposal,
  listProposals,
  PROPOSAL_KIND_LABELS,
} from "../../workflow/proposals.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import {
  choice,
  flag,
  optionalCount,
  parseBody,
  parseParams,
  parseWith,
  pathId,
  textField,
} from "../input.ts";
import { itemFromBody } from "../item-input.ts";
import { mountAction, mountView } from "../respond.tsx";
import { draftHref } from "../urls.ts";
import { ProposalsBody, type ProposalsData } from "../views/proposals-page.tsx";
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
});
const ProposalDecision = z.object({ accept: flag(), reason: textField(2000) });
const IdParam = z.object({ id: pathId });

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
  mountView(app, { page: "/adjust", api: "/api/v1/proposals" }, proposalsOf, {
    page: (c, data) => workflowPage(c, "调整建议", <ProposalsBody c={c} data={data} />),
    json: (data) => ({ proposals: data.rows }),
  });

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
  mountAction(app, { page: "/adjust", api: "/api/v1/proposals" }, propose, {
    done: (c) => c.redirect("/adjust", 303),
    json: (proposal) => ({ proposal }),
    status: 201,
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
    },
  );
};
