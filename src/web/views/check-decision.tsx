/** @jsxImportSource hono/jsx */
/**
 * The 确认/纠正 form under a check result: confirm the answer as it stands, or choose another verdict and
 * item number and correct it. Either is stored as a precedent for the county.
 */
import { LIST_LABELS, type ListKind } from "../../domain/edition.ts";
import { MAX_PRECEDENT_CHARS } from "../../domain/precedent.ts";
import { VERDICT_LABELS, VERDICTS } from "../../domain/verdict.ts";
import type { TaskCheck } from "../../match/index.ts";
import { CsrfField } from "../auth/csrf.tsx";
import type { DecidedMark } from "../check-decided.ts";
import { decidedByLine } from "./workflow-ui.tsx";

/**
 * Where a decision form posts: the decision route, at the element of the task (`anchor`: the card's
 * task-N, a task sheet's row-N). The answer is a redirect to the decision's address at that element, so
 * that after a decision on one task of a long notice or sheet the page opens at that task, not at the top.
 */
function decisionAction(townshipRef: string, anchor: string): string {
  return `/t/${encodeURIComponent(townshipRef)}/check/decision#${anchor}`;
}

/**
 * A task longer than a precedent remembers cannot be decided: the pages offer no form for it (it could
 * only be refused) and say why.
 */
export function tooLongToDecide(text: string): boolean {
  return text.trim().length > MAX_PRECEDENT_CHARS;
}

/** What a decision form reads of its task: the wording and the answer as shown. */
export type DecidedTask = Pick<TaskCheck, "text" | "verdict" | "item">;

/** An answer as the form carries it: "basic:31", "unlisted:". */
export function shownAnswer(verdict: string, number: number | null): string {
  return `${verdict}:${number ?? ""}`;
}

/**
 * What every decision form carries about its task: the token, the wording, the saved check it belongs to
 * and the task's place in it (the element's id: the page opens there again after the decision), and the
 * answer as shown (确认 on a changed answer corrects it).
 */
function TaskFields(props: {
  task: DecidedTask;
  csrf: string;
  from?: string | null | undefined;
  anchor: string;
}) {
  const { task } = props;
  return (
    <>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="text" value={task.text} />
      {props.from ? (
        <>
          <input type="hidden" name="from" value={props.from} />
          <input type="hidden" name="at" value={props.anchor} />
        </>
      ) : null}
      <input type="hidden" name="shown" value={shownAnswer(task.verdict, task.item?.number ?? null)} />
    </>
  );
}

export function DecisionForm(props: {
  task: TaskCheck;
  /** The id of the task's element on the page (task-N). */
  anchor: string;
  townshipRef: string;
  csrf: string;
  /** The saved check the task belongs to: the whole notice is shown checked again after the decision. */
  from?: string | null;
}) {
  const { task } = props;
  return (
    <form class="decision" method="post" action={decisionAction(props.townshipRef, props.anchor)}>
      {/* 确认 is the form's default button (also Enter): on a changed answer it corrects it. */}
      <TaskFields task={task} csrf={props.csrf} from={props.from} anchor={props.anchor} />
      <label>
        结论{" "}
        <select name="verdict">
          {VERDICTS.map((v) => (
            <option value={v} selected={v === task.verdict}>
              {VERDICT_LABELS[v]}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        事项序号{" "}
        <input name="number" size={4} inputmode="numeric" value={task.item ? String(task.item.number) : ""} />
      </label>{" "}
      <button type="submit" name="action" value="confirm">
        确认
      </button>{" "}
      <button type="submit" name="action" value="correct">
        纠正
      </button>
    </form>
  );
}

/**
 * 选此项: one candidate of a 待人工确认 answer chosen with one click, a form of its own (no script). It posts
 * the decision the 确认/纠正 form would: the answered item is confirmed, another candidate corrects it.
 */
export function PickForm(props: {
  task: DecidedTask;
  candidate: { list: ListKind; number: number; name: string };
  /** The id of the task's element on the page (a card's task-N, a sheet's row-N). */
  anchor: string;
  townshipRef: string;
  csrf: string;
  from?: string | null;
}) {
  const { task, candidate } = props;
  const answered = task.item?.list === candidate.list && task.item.number === candidate.number;
  return (
    <form class="pick" method="post" action={decisionAction(props.townshipRef, props.anchor)}>
      <TaskFields task={task} csrf={props.csrf} from={props.from} anchor={props.anchor} />
      <input type="hidden" name="verdict" value={candidate.list} />
      <input type="hidden" name="number" value={String(candidate.number)} />
      <button
        type="submit"
        name="action"
        value={answered ? "confirm" : "correct"}
        aria-label={`选此项：${LIST_LABELS[candidate.list]}第${candidate.number}项`}
        title={`${answered ? "确认" : "纠正"}为${LIST_LABELS[candidate.list]}第${candidate.number}项，记录为本县先例`}
      >
        选此项
      </button>
    </form>
  );
}

/**
 * On a saved check's result: the task was decided from this check since it was saved (DecidedMark), so the
 * answer shown beside it is no longer what stands; it links the decision's page.
 */
export function DecidedNote(props: { mark: DecidedMark | undefined }) {
  const m = props.mark;
  if (!m) return null;
  return (
    <p class="notice card-note decided">
      此项{m.done}并记录为先例：<span class={`badge badge-${m.verdict}`}>{VERDICT_LABELS[m.verdict]}</span>
      {m.item ? ` ${m.item}` : ""}，{decidedByLine(m.decidedBy, m.decidedAt)}。以下为保存时的核验结论。{" "}
      <a href={m.href}>查看结论</a>
    </p>
  );
}
