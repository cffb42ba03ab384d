/** @jsxImportSource hono/jsx */
/**
 * An edition in the workflow (a working draft, one in review, or a published one): its effective date and
 * the diff to the edition before it, what blocks publishing (each with a link to fix it), the publish
 * form only when nothing does, and the review rounds with their comments and answers.
 */
import type { Context } from "hono";
import { type Item, LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { StoredEdition } from "../../store/types.ts";
import type { TownshipRef } from "../../workflow/places.ts";
import type { PublishProblem } from "../../workflow/prepublish.ts";
import type { Principal } from "../../workflow/principal.ts";
import type { CommentView, RoundView } from "../../workflow/review.ts";
import { itemName, nameOfKey, parseItemKey } from "../item-names.ts";
import { diffHref, draftHref, itemHref } from "../urls.ts";
import { STATUS_LABELS } from "./labels.ts";
import { Form, Notice, RefusableLine, when } from "./workflow-ui.tsx";

const enc = encodeURIComponent;

/** What the draft page shows. */
export interface DraftData {
  township: TownshipRef;
  edition: StoredEdition;
  problems: PublishProblem[];
  rounds: RoundView[];
  /** The edition this one follows (published or superseded, readable by everyone), if any. */
  previous: string | null;
}

/** One thing that stands between an edition and its publication, with where to fix it. */
export interface Blocker {
  message: string;
  href: string;
  link: string;
  /** The admin may change the item straight away. */
  edit?: string;
}

/** Why an edition cannot be published now; empty when it can. */
export function publishBlockers(data: DraftData): Blocker[] {
  const { township, edition, problems, rounds } = data;
  const out: Blocker[] = [];
  if (edition.status === "draft") {
    out.push({
      message: "本版仍是草稿：须先发起征求意见，进入审核后才能发布。",
      href: "#review",
      link: "征求意见",
    });
  }
  for (const p of problems) {
    const ref = parseItemKey(p.key);
    out.push({
      message: `${ref ? nameOfKey(p.key, edition.draft.items) : p.name}：${p.message}`,
      href: ref
        ? itemHref(township.name, ref.list, ref.number, edition.date)
        : `/t/${enc(township.name)}?list=${p.key}&edition=${enc(edition.date)}`,
      link: "查看",
      edit: ref
        ? `/adjust/new?township=${enc(township.name)}&kind=change&list=${ref.list}&number=${ref.number}`
        : undefined,
    });
  }
  for (const r of rounds) {
    for (const cm of r.comments) {
      if (cm.answer) continue;
      out.push({
        message: `第 ${r.number} 轮意见尚未答复（${cm.author}，关于${nameOfKey(cm.itemKey, edition.draft.items)}）：${cm.body}`,
        href: `#comment-${cm.id}`,
        link: "去答复",
      });
    }
  }
  return out;
}

/**
 * A comment or answer the rules refused (意见 or 答复 of spaces only): the draft page is shown again with why,
 * at the form that was sent (its round or comment), as typed.
 */
export interface RefusedReview {
  form: "comment" | "answer";
  /** The round (comment) or the comment (answer). */
  id: number;
  message: string;
  /** The item a comment was about. */
  item?: string;
  text: string;
}

/** The items of the edition as a choice, grouped by list, for a comment; `selected`: the one chosen. */
function ItemChoice(props: { items: readonly Item[]; id: string; selected?: string }) {
  return (
    <select id={props.id} name="item">
      <option value="">整体（不针对具体事项）</option>
      {LIST_KINDS.map((list) => (
        <optgroup label={LIST_LABELS[list]}>
          {props.items
            .filter((i) => i.list === list)
            .map((i) => (
              <option value={`${i.list}:${i.number}`} selected={props.selected === `${i.list}:${i.number}`}>
                {itemName(i)}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

function CommentRow(props: {
  c: Context;
  cm: CommentView;
  closed: boolean;
  data: DraftData;
  admin: boolean;
  refused: RefusedReview | null;
}) {
  const { c, cm, data } = props;
  const refused = props.refused?.form === "answer" && props.refused.id === cm.id ? props.refused : null;
  const ref = parseItemKey(cm.itemKey);
  const working = data.edition.status === "draft" || data.edition.status === "review";
  return (
    <tr id={`comment-${cm.id}`}>
      <td data-label="事项">{nameOfKey(cm.itemKey, data.edition.draft.items)}</td>
      <td data-label="意见">
        {cm.body}（{cm.author}）
      </td>
      <td data-label="答复">
        {cm.answer ? `${cm.answer}（${cm.answeredBy}）` : <strong>待答复</strong>}
        {props.admin && (!cm.answer || !props.closed) ? (
          <Form c={c} action={`/review/comments/${cm.id}/answer`}>
            <RefusableLine
              label="答复"
              name="answer"
              refused={refused ? { message: refused.message, value: refused.text } : null}
            />
            <button type="submit">答复</button>
          </Form>
        ) : null}
        {props.admin && cm.answer && ref && working ? (
          <p>
            <a
              href={`/adjust/new?township=${enc(data.township.name)}&kind=change&list=${ref.list}&number=${ref.number}&comment=${cm.id}`}
            >
              按此意见修改草稿中的事项
            </a>
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function Rounds(props: {
  c: Context;
  data: DraftData;
  who: Principal | null;
  refused: RefusedReview | null;
}) {
  const { c, who, data, refused } = props;
  const admin = who?.role === "admin";
  return (
    <>
      <h2 id="review">征求意见（三上三下）</h2>
      {data.rounds.length === 0 ? <p class="empty">尚未征求意见。</p> : null}
      {data.rounds.map((r) => (
        <section>
          <h3>
            第 {r.number} 轮（{when(r.openedAt)} 发起
            {r.closedAt ? `，${when(r.closedAt)} 结束` : "，进行中"}）
          </h3>
          {r.comments.length ? (
            <table class="grid stack">
              <thead>
                <tr>
                  <th scope="col">事项</th>
                  <th scope="col">意见</th>
                  <th scope="col">答复</th>
                </tr>
              </thead>
              <tbody>
                {r.comments.map((cm) => (
                  <CommentRow
                    c={c}
                    cm={cm}
                    closed={r.closedAt !== null}
                    data={data}
                    admin={admin}
                    refused={refused}
                  />
                ))}
              </tbody>
            </table>
          ) : (
            <p class="empty">本轮暂无意见。</p>
          )}
          {!r.closedAt && who ? (
            <Form c={c} action={`/review/${r.id}/comments`} class="stacked">
              {commentRefused(refused, r.id) ? <Notice kind="error">{refused?.message}</Notice> : null}
              <div class="field">
                <label for={`item-${r.id}`}>意见针对的事项</label>
                <ItemChoice
                  items={data.edition.draft.items}
                  id={`item-${r.id}`}
                  selected={commentRefused(refused, r.id) ? refused?.item : undefined}
                />
              </div>
              <div class="field">
                <label for={`body-${r.id}`}>意见</label>
                <textarea
                  id={`body-${r.id}`}
                  name="body"
                  rows={2}
                  required
                  aria-invalid={commentRefused(refused, r.id) ? "true" : undefined}
                  autofocus={commentRefused(refused, r.id) ? true : undefined}
                >
                  {commentRefused(refused, r.id) ? refused?.text : ""}
                </textarea>
              </div>
              <button type="submit">提交意见</button>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}

/** The admin's buttons: open or close a round, and publish when nothing blocks it. */
function AdminActions(props: { c: Context; data: DraftData; blockers: Blocker[] }) {
  const { c, data, blockers } = props;
  const { township, edition, rounds } = data;
  const href = draftHref(township.name, edition.date);
  const open = rounds.find((r) => r.closedAt === null);
  return (
    <>
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
      </p>
      <h2>发布</h2>
      {blockers.length === 0 ? (
        <Form c={c} action={`${href}/publish`} class="stacked">
          <div class="field">
            <label for="effective">生效日期（YYYY-MM 或 YYYY-MM-DD）</label>
            <input
              id="effective"
              name="effective"
              value={edition.date}
              pattern="\d{4}-\d{2}(-\d{2})?"
              required
            />
          </div>
          <button type="submit">发布本版清单</button>
        </Form>
      ) : (
        <>
          <p>暂不能发布，须先处理以下 {blockers.length} 项：</p>
          <ol class="blockers">
            {blockers.map((b) => (
              <li>
                {b.message} <a href={b.href}>{b.link}</a>
                {b.edit ? (
                  <>
                    {" "}
                    <a href={b.edit}>修改此事项</a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/** The page's heading and title: the edition with its status (审核中, 已发布 …), as the page is reached in each. */
export function draftTitle(data: Pick<DraftData, "township" | "edition">): string {
  return `${data.township.name} ${data.edition.date} 版（${STATUS_LABELS[data.edition.status]}）`;
}

/** Whether a refusal is of the comment form of round `round`. */
function commentRefused(refused: RefusedReview | null, round: number): boolean {
  return refused?.form === "comment" && refused.id === round;
}

/** Whether the page shows the form a refused comment or answer was sent from (else its message goes on top). */
function showsForm(data: DraftData, who: Principal | null, refused: RefusedReview): boolean {
  if (!who) return false;
  if (refused.form === "comment") return data.rounds.some((r) => r.id === refused.id && !r.closedAt);
  if (who.role !== "admin") return false;
  return data.rounds.some((r) =>
    r.comments.some((cm) => cm.id === refused.id && (!cm.answer || !r.closedAt)),
  );
}

export function DraftBody(props: {
  c: Context;
  data: DraftData;
  who: Principal | null;
  error?: string;
  /** A comment or answer refused by the rules, shown again at its form. */
  refused?: RefusedReview;
}) {
  const { c, who, data } = props;
  const refused = props.refused ?? null;
  const error = props.error ?? (refused && !showsForm(data, who, refused) ? refused.message : undefined);
  const { township, edition, problems, previous } = data;
  const admin = who?.role === "admin";
  const working = edition.status === "draft" || edition.status === "review";
  const published = edition.status === "published" || edition.status === "superseded";
  const blockers = publishBlockers(data);
  return (
    <>
      <h1>{draftTitle(data)}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>
        {published ? `生效日期：${edition.date}。` : "生效日期在发布时确定。"}
        基本 {edition.counts.basic} 项，配合 {edition.counts.cooperative} 项，收回 {edition.counts.reclaimed}{" "}
        项。
      </p>
      <p>
        {previous ? (
          <a href={diffHref(township.name, edition.date, previous)}>与上一版（{previous}）比较</a>
        ) : (
          "这是该乡镇最早的一版。"
        )}{" "}
        <a href={`/t/${enc(township.name)}?edition=${enc(edition.date)}`}>浏览本版清单</a>
      </p>
      {working ? (
        <>
          <h2>发布前检查</h2>
          {problems.length === 0 ? (
            <Notice kind="ok">未发现问题。</Notice>
          ) : (
            <p>发现 {problems.length} 处问题，见下。</p>
          )}
          {admin ? (
            <AdminActions c={c} data={data} blockers={blockers} />
          ) : blockers.length ? (
            <ol class="blockers">
              {blockers.map((b) => (
                <li>
                  {b.message} <a href={b.href}>{b.link}</a>
                </li>
              ))}
            </ol>
          ) : null}
        </>
      ) : null}
      <Rounds c={c} data={data} who={who} refused={refused} />
    </>
  );
}
