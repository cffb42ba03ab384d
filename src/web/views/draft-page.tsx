/** @jsxImportSource hono/jsx */
/** A working draft (or any edition) in the workflow: pre-publish checks, review rounds, publishing. */
import type { Context } from "hono";
import type { StoredEdition } from "../../store/types.ts";
import type { TownshipRef } from "../../workflow/places.ts";
import type { PublishProblem } from "../../workflow/prepublish.ts";
import type { Principal } from "../../workflow/principal.ts";
import type { RoundView } from "../../workflow/review.ts";
import { diffHref, draftHref } from "../urls.ts";
import { STATUS_LABELS } from "./labels.ts";
import { Form, Notice, when } from "./workflow-ui.tsx";

const enc = encodeURIComponent;

/** What the draft page shows. */
export interface DraftData {
  township: TownshipRef;
  edition: StoredEdition;
  problems: PublishProblem[];
  rounds: RoundView[];
}

function Rounds(props: { c: Context; rounds: RoundView[]; who: Principal | null }) {
  const { c, who } = props;
  const admin = who?.role === "admin";
  return (
    <>
      <h2>征求意见（三上三下）</h2>
      {props.rounds.length === 0 ? <p class="empty">尚未征求意见。</p> : null}
      {props.rounds.map((r) => (
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
    </>
  );
}

export function DraftBody(props: { c: Context; data: DraftData; who: Principal | null }) {
  const { c, who } = props;
  const { township, edition, problems, rounds } = props.data;
  const admin = who?.role === "admin";
  const open = rounds.find((r) => r.closedAt === null);
  const working = edition.status === "draft" || edition.status === "review";
  const href = draftHref(township.name, edition.date);
  return (
    <>
      <h1>
        {township.name} {edition.date} 版（{STATUS_LABELS[edition.status]}）
      </h1>
      <p>
        基本 {edition.counts.basic} 项，配合 {edition.counts.cooperative} 项，收回 {edition.counts.reclaimed}{" "}
        项。 <a href={diffHref(township.name, edition.date)}>与已发布版本比较</a>{" "}
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
            <Form c={c} action={`${href}/close`}>
              <button type="submit">结束第 {open.number} 轮征求意见</button>
            </Form>
          ) : (
            <Form c={c} action={`${href}/round`}>
              <button type="submit">发起第 {rounds.length + 1} 轮征求意见</button>
            </Form>
          )}
          {edition.status === "review" ? (
            <Form c={c} action={`${href}/publish`}>
              <label>
                生效日期 <input name="effective" value={edition.date} pattern="\d{4}-\d{2}(-\d{2})?" />
              </label>{" "}
              <button type="submit">发布本版清单</button>
            </Form>
          ) : null}
        </p>
      ) : null}
      <Rounds c={c} rounds={rounds} who={who} />
    </>
  );
}
