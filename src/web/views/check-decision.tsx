/** @jsxImportSource hono/jsx */
/**
 * The 确认/纠正 form under a check result: confirm the answer as it stands, or choose another verdict and
 * item number and correct it. Either is stored as a precedent for the county.
 */
import { VERDICT_LABELS, VERDICTS } from "../../domain/verdict.ts";
import type { TaskCheck } from "../../match/index.ts";
import { CsrfField } from "../auth/csrf.tsx";

/** An answer as the form carries it: "basic:31", "unlisted:". */
export function shownAnswer(verdict: string, number: number | null): string {
  return `${verdict}:${number ?? ""}`;
}

export function DecisionForm(props: {
  task: TaskCheck;
  townshipRef: string;
  csrf: string;
  /** The saved check the task belongs to: the whole notice is shown checked again after the decision. */
  from?: string | null;
}) {
  const { task } = props;
  return (
    <form
      class="decision"
      method="post"
      action={`/t/${encodeURIComponent(props.townshipRef)}/check/decision`}
    >
      <CsrfField token={props.csrf} />
      <input type="hidden" name="text" value={task.text} />
      {props.from ? <input type="hidden" name="from" value={props.from} /> : null}
      {/* The answer as shown: 确认 (the form's default button, also Enter) on a changed answer corrects it. */}
      <input type="hidden" name="shown" value={shownAnswer(task.verdict, task.item?.number ?? null)} />
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
