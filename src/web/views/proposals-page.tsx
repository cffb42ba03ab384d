/** @jsxImportSource hono/jsx */
/** The adjustment page: the drafts a user may open, the start of a proposal, and the proposals with what they change. */
import type { Context } from "hono";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { StoredEdition } from "../../store/types.ts";
import { PROPOSAL_KIND_LABELS, PROPOSAL_STATUS_LABELS, type ProposalView } from "../../workflow/proposals.ts";
import { itemName, itemPlace } from "../item-names.ts";
import { draftHref } from "../urls.ts";
import { Changes, stepSummary } from "./diff-view.tsx";
import { STATUS_LABELS } from "./labels.ts";
import { type RefusedStart, StartForm } from "./proposal-form.tsx";
import { Form, Notice, RefusableLine, when } from "./workflow-ui.tsx";

/** A decision the rules refused (不采纳 without a reason): the page is shown again with why and what was typed. */
export interface RefusedDecision {
  id: number;
  message: string;
  reason: string;
}

/** The item a proposal concerns, in words. */
function concerns(p: ProposalView): string {
  const target = p.target ? itemName(p.before ?? { ...p.target }) : "";
  if (p.kind === "add") return p.item ? `${LIST_LABELS[p.item.list]}：${p.item.name}` : "";
  if (p.kind === "move" && p.item) return `${target} → ${LIST_LABELS[p.item.list]}`;
  return target || (p.target ? itemPlace(p.target.list, p.target.number) : "");
}

function Proposal(props: { c: Context; p: ProposalView; admin: boolean; refused?: RefusedDecision | null }) {
  const { c, p } = props;
  const refused = props.refused?.id === p.id ? props.refused : null;
  const summary = stepSummary(p.changes);
  return (
    <article class="proposal" id={`proposal-${p.id}`}>
      <h3>
        第 {p.id} 号 · {PROPOSAL_KIND_LABELS[p.kind]} · {p.township ?? "全县"}
      </h3>
      <p>
        {concerns(p)}
        <br />
        理由：{p.reason}（{p.author}，{when(p.createdAt)}）
        <br />
        状态：{PROPOSAL_STATUS_LABELS[p.status]}
        {p.decisionReason ? `（${p.decisionReason}）` : ""}
        {p.editionDate && p.township ? (
          <>
            {" "}
            <a href={draftHref(p.township, p.editionDate)}>草稿 {p.editionDate}</a>
          </>
        ) : null}
      </p>
      {p.kind === "remove" && p.before ? (
        <p class="notice error">取消整个事项：{itemName(p.before)}</p>
      ) : null}
      {p.changes.length ? (
        <details open={p.status === "open"}>
          <summary>
            改动 {p.changes.length} 处：{p.changes.map((ch) => ch.label).join("、")}
            {summary ? `（${summary}）` : ""}
          </summary>
          <Changes changes={p.changes} />
        </details>
      ) : p.kind === "change" && !p.before ? (
        <p class="empty">全县统一修改：各乡镇原事项不同，采纳后在各草稿中比较。</p>
      ) : null}
      {props.admin && p.status === "open" ? (
        <div class="decide">
          <Form c={c} action={`/adjust/${p.id}/decision`}>
            <input type="hidden" name="accept" value="1" />
            <button type="submit">采纳，列入草稿</button>
          </Form>
          <Form c={c} action={`/adjust/${p.id}/decision`}>
            <input type="hidden" name="accept" value="0" />
            <RefusableLine
              label="不采纳理由"
              name="reason"
              refused={refused ? { message: refused.message, value: refused.reason } : null}
            />
            <button type="submit">不采纳</button>
          </Form>
        </div>
      ) : null}
    </article>
  );
}

/** What the adjustment page shows. */
export interface ProposalsData {
  rows: ProposalView[];
  drafts: Pick<StoredEdition, "township" | "date" | "status">[];
  townships: string[];
  counties: string[];
  /** A township user proposes for its own township only. */
  fixed: string | null;
  admin: boolean;
}

/**
 * The adjustment page; `refused`: a decision refused by the rules, shown at its proposal's form;
 * `refusedStart`: a first step that cannot go on, shown at the start form as it was sent.
 */
export function ProposalsBody(props: {
  c: Context;
  data: ProposalsData;
  refused?: RefusedDecision | null;
  refusedStart?: RefusedStart | null;
}) {
  const d = props.data;
  const refused = props.refused ?? null;
  const open = d.rows.filter((p) => p.status === "open");
  const done = d.rows.filter((p) => p.status !== "open");
  // The message stands at the top when its proposal shows no decision form (any more).
  const atForm = d.admin && open.some((p) => p.id === refused?.id);
  return (
    <>
      <h1>清单动态调整</h1>
      {refused && !atForm ? <Notice kind="error">{refused.message}</Notice> : null}
      {d.drafts.length ? (
        <>
          <h2>草稿与审核中的清单</h2>
          <ul>
            {d.drafts.map((e) => (
              <li>
                <a href={draftHref(e.township, e.date)}>
                  {e.township} {e.date}（{STATUS_LABELS[e.status]}）
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <StartForm townships={d.townships} counties={d.counties} fixed={d.fixed} refused={props.refusedStart} />
      <h2>待审核的调整建议（{open.length}）</h2>
      {open.length ? (
        open.map((p) => <Proposal c={props.c} p={p} admin={d.admin} refused={refused} />)
      ) : (
        <p class="empty">暂无。</p>
      )}
      <h2>已处理的调整建议（{done.length}）</h2>
      {done.length ? (
        done.map((p) => <Proposal c={props.c} p={p} admin={d.admin} />)
      ) : (
        <p class="empty">暂无。</p>
      )}
    </>
  );
}
