/** @jsxImportSource hono/jsx */
/**
 * The working draft and its review (三上三下): the draft page, review rounds opened and closed, comments and
 * answers, and publishing.
 */
import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { commentById, roundById } from "../../store/review-rounds.ts";
import { isPublic, requireReadEdition } from "../../workflow/access.ts";
import { publishEdition, requireEdition } from "../../workflow/editions.ts";
import { townshipByName } from "../../workflow/places.ts";
import { prepublishProblems } from "../../workflow/prepublish.ts";
import { addComment, answerComment, closeRound, openRound, roundsOf } from "../../workflow/review.ts";
import type { RouteModule } from "../app.ts";
import { safeParseBody } from "../auth/body.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { editionDate, parseBody, parseParams, pathId, textField } from "../input.ts";
import { mountAction, mountView } from "../respond.tsx";
import { diffHref, draftHref } from "../urls.ts";
import { DraftBody, type DraftData, draftTitle, type RefusedReview } from "../views/draft-page.tsx";
import { workflowPage } from "../views/workflow-ui.tsx";

const IdParam = z.object({ id: pathId });
const RoundParam = z.object({ round: pathId });
const CommentForm = z.object({ item: textField(40), body: textField(2000) });
const AnswerForm = z.object({ answer: textField(2000) });
/** A comment or answer form read again, leniently, to show it as typed after a refusal. */
const TypedComment = z.object({ item: textField(40).catch(""), body: textField(2000).catch("") });
const TypedAnswer = z.object({ answer: textField(2000).catch("") });
const DraftParams = z.object({ township: textField(120), date: editionDate });
const PublishForm = z.object({
  effective: editionDate.optional().or(z.literal("").transform(() => undefined)),
});

export const draftRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  /** The edition of a township and date, readable by the principal. */
  const draftAt = async (c: Context, name: string, date: string) => {
    const township = await refusals(() => townshipByName(db, name));
    const edition = await refusals(() => requireEdition(db, store, township, date));
    await refusals(async () => requireReadEdition(principalOf(c), edition));
    return { township, edition };
  };
  /** The edition of a draft URL, readable by the principal. */
  const draftOf = (c: Context) => {
    const params = parseParams(c, DraftParams);
    return draftAt(c, params.township, params.date);
  };

  /** What the draft page shows, for the draft URL or (a refused comment or answer) a township and date. */
  const draftData = async (c: Context, at?: { township: string; date: string }): Promise<DraftData> => {
    const { township, edition } = at ? await draftAt(c, at.township, at.date) : await draftOf(c);
    const previous = (await store.listEditions(township.name))
      .filter((e) => e.date < edition.date && isPublic(e.status))
      .sort((a, b) => b.date.localeCompare(a.date))[0];
    return {
      township,
      edition,
      problems: prepublishProblems(edition.draft),
      rounds: await roundsOf(db, township.id, edition.date),
      previous: previous?.date ?? null,
    };
  };
  mountView(app, { page: "/drafts/:township/:date", api: "/api/v1/drafts/:township/:date" }, draftData, {
    page: (c, data) =>
      workflowPage(c, draftTitle(data), <DraftBody c={c} data={data} who={principalOf(c)} />),
    json: ({ township, edition, problems, rounds }) => ({
      township: township.name,
      date: edition.date,
      status: edition.status,
      counts: edition.counts,
      problems,
      rounds,
    }),
  });

  const rounds: [string, typeof openRound | typeof closeRound][] = [
    ["round", openRound],
    ["close", closeRound],
  ];
  for (const [action, work] of rounds) {
    const run = async (c: Context) => {
      const d = await draftOf(c);
      await refusals(async () => {
        await work(db, principalOf(c), d.township, d.edition.date);
      });
      return d;
    };
    mountAction(
      app,
      { page: `/drafts/:township/:date/${action}`, api: `/api/v1/drafts/:township/:date/${action}` },
      run,
      {
        done: (c, d) => c.redirect(draftHref(d.township.name, d.edition.date), 303),
        json: () => ({ ok: true }),
      },
    );
  }

  const publish = async (c: Context) => {
    const { township, edition } = await draftOf(c);
    // The API may post no body at all (publish as dated); a form sends the effective date.
    const { effective } = c.req.header("content-type")
      ? await parseBody(c, PublishForm)
      : { effective: undefined };
    const options = effective ? { effectiveDate: effective } : {};
    return {
      township,
      result: await publishEdition(db, store, principalOf(c), township, edition.date, options),
    };
  };
  // The page: a refused publication comes back as the draft page, listing what blocks it with links.
  app.post("/drafts/:township/:date/publish", requireCsrf, async (c) => {
    try {
      const r = await publish(c);
      return c.redirect(diffHref(r.township.name, r.result.date), 303);
    } catch (error) {
      if (!(error instanceof Refusal) || (error.code !== "conflict" && error.code !== "invalid")) throw error;
      const data = await draftData(c);
      const title = draftTitle(data);
      const status = error.code === "invalid" ? 400 : 409;
      return workflowPage(
        c,
        title,
        <DraftBody c={c} data={data} who={principalOf(c)} error={error.message} />,
        status,
      );
    }
  });
  // A blocked publish is a conflict refusal whose details list the problems (web/errors.tsx).
  mountAction(app, { api: "/api/v1/drafts/:township/:date/publish" }, publish, {
    json: (r) => ({ published: r.result }),
  });

  const roundOf = async (roundId: number) => {
    const r = await roundById(db, roundId);
    if (!r) throw new Refusal("not-found", `没有第 ${roundId} 轮征求意见`);
    return r;
  };
  const backTo = async (roundId: number) => {
    const r = await roundOf(roundId);
    return draftHref(r.township, r.edition_date);
  };
  /** The draft page of a round again, with a refused comment or answer at its form, as typed (400 by mountAction). */
  const refusedPage = async (c: Context, roundId: number, refused: RefusedReview) => {
    const r = await roundOf(roundId);
    const data = await draftData(c, { township: r.township, date: r.edition_date });
    return workflowPage(
      c,
      draftTitle(data),
      <DraftBody c={c} data={data} who={principalOf(c)} refused={refused} />,
      400,
    );
  };
  const comment = async (c: Context) => {
    const { round } = parseParams(c, RoundParam);
    const form = await parseBody(c, CommentForm);
    return refusals(() => addComment(db, store, principalOf(c), round, form.item, form.body));
  };
  mountAction(
    app,
    { page: "/review/:round{[0-9]+}/comments", api: "/api/v1/review/:round{[0-9]+}/comments" },
    comment,
    {
      done: async (c) => c.redirect(await backTo(parseParams(c, RoundParam).round), 303),
      json: (comment) => ({ comment }),
      status: 201,
      // A comment of spaces only comes back at its round's form, the item chosen kept.
      refused: async (c, refusal) => {
        const { round } = parseParams(c, RoundParam);
        const typed = await safeParseBody(c, TypedComment);
        const { item, body } = typed.success ? typed.data : { item: "", body: "" };
        return refusedPage(c, round, {
          form: "comment",
          id: round,
          message: refusal.message,
          item,
          text: body,
        });
      },
    },
  );

  const answer = async (c: Context) => {
    const { id } = parseParams(c, IdParam);
    const { answer } = await parseBody(c, AnswerForm);
    await refusals(() => answerComment(db, principalOf(c), id, answer));
    const row = await commentById(db, id);
    if (!row) throw new Refusal("not-found", `没有第 ${id} 条意见`);
    return row.round_id;
  };
  mountAction(
    app,
    { page: "/review/comments/:id{[0-9]+}/answer", api: "/api/v1/review/comments/:id{[0-9]+}/answer" },
    answer,
    {
      done: async (c, round) => c.redirect(await backTo(round), 303),
      json: () => ({ ok: true }),
      // An answer of spaces only comes back at its comment's form.
      refused: async (c, refusal) => {
        const { id } = parseParams(c, IdParam);
        const row = await commentById(db, id);
        if (!row) throw refusal;
        const typed = await safeParseBody(c, TypedAnswer);
        const text = typed.success ? typed.data.answer : "";
        return refusedPage(c, row.round_id, { form: "answer", id, message: refusal.message, text });
      },
    },
  );
};
