/** @jsxImportSource hono/jsx */
/**
 * The forms on one admission request: the admin's decision (per township or for all still waiting), the
 * department's dispute of a 清单内 answer, and turning the request into a proposal. A decision or dispute the
 * rules refused is shown again at its form, with why and as typed.
 */
import type { Context } from "hono";
import type { AdmissionTownship } from "../../store/admissions.ts";
import type { AdmissionView } from "../../workflow/admission.ts";
import { Form, Notice } from "./workflow-ui.tsx";

/**
 * A decision or dispute the rules refused (不予准入 without a reason…): the request's page is shown again with
 * why, at the form that was sent (its action and township; none: the forms for all townships), as typed.
 */
export interface RefusedForm {
  action: string;
  township?: number;
  message: string;
  reason: string;
  days: string;
}

/** The refused form when it is this one (its action, for this township or for all), else null. */
function refusedAt(refused: RefusedForm | null | undefined, action: string, township?: number) {
  return refused && refused.action === action && refused.township === township ? refused : null;
}

/** The reason of a refused form (the message above it, the reason as typed), or a fresh field. */
function ReasonField(props: { id: string; label: string; refused: RefusedForm | null; required?: boolean }) {
  const r = props.refused;
  return (
    <>
      {r ? <Notice kind="error">{r.message}</Notice> : null}
      <label for={props.id}>{props.label}</label>{" "}
      <input
        id={props.id}
        name="reason"
        required={props.required}
        value={r?.reason ?? ""}
        aria-invalid={r ? "true" : undefined}
        autofocus={r ? true : undefined}
      />{" "}
    </>
  );
}

/** The admin's decision on one township (or, without `township`, on every township still waiting). */
export function DecisionForms(props: {
  c: Context;
  a: AdmissionView;
  township?: AdmissionTownship;
  refused?: RefusedForm | null;
}) {
  const { c, a, township } = props;
  const action = `/admission/${a.id}/decision`;
  const only = township ? <input type="hidden" name="township" value={String(township.townshipId)} /> : null;
  const id = `${a.id}-${township?.townshipId ?? "all"}`;
  const at = (act: string) => refusedAt(props.refused, act, township?.townshipId);
  const approve = at("approve");
  return (
    <div class="decide">
      <Form c={c} action={action}>
        {only}
        <input type="hidden" name="action" value="approve" />
        {approve ? <Notice kind="error">{approve.message}</Notice> : null}
        <label for={`days-${id}`}>准入天数</label>{" "}
        <input
          id={`days-${id}`}
          name="days"
          type="number"
          min="1"
          max="366"
          value={approve?.days || String(a.durationDays)}
          size={4}
        />{" "}
        <button type="submit">同意临时准入</button>
      </Form>
      <Form c={c} action={action}>
        {only}
        <input type="hidden" name="action" value="reject" />
        <ReasonField id={`reject-${id}`} label="不予准入理由" refused={at("reject")} required />
        <button type="submit">不予准入</button>
      </Form>
      {township?.status === "disputed" ? (
        <Form c={c} action={action}>
          {only}
          <input type="hidden" name="action" value="uphold" />
          <ReasonField id={`uphold-${id}`} label="维持理由" refused={at("uphold")} />
          <button type="submit">维持清单内结论</button>
        </Form>
      ) : null}
    </div>
  );
}

export function DisputeForm(props: {
  c: Context;
  a: AdmissionView;
  t: AdmissionTownship;
  refused?: RefusedForm | null;
}) {
  const { c, a, t } = props;
  const refused = refusedAt(props.refused, "dispute", t.townshipId);
  return (
    <Form c={c} action={`/admission/${a.id}/dispute`} class="stacked">
      <input type="hidden" name="township" value={String(t.townshipId)} />
      {refused ? <Notice kind="error">{refused.message}</Notice> : null}
      <div class="field">
        <label for={`dispute-${t.townshipId}`}>对该结论有异议？写明理由，提交县委编办审核</label>
        <textarea
          id={`dispute-${t.townshipId}`}
          name="reason"
          rows={2}
          required
          aria-invalid={refused ? "true" : undefined}
          autofocus={refused ? true : undefined}
        >
          {refused?.reason ?? ""}
        </textarea>
      </div>
      <button type="submit">提出异议</button>
    </Form>
  );
}

/** Turns a queued request into an adjustment proposal (the admin). */
export function ConvertForm(props: { c: Context; a: AdmissionView }) {
  const { c, a } = props;
  return (
    <Form c={c} action={`/admission/${a.id}/convert`} class="stacked">
      <h2>转为动态调整建议</h2>
      <div class="field">
        <label for="convert-list">列入</label>
        <select id="convert-list" name="list">
          <option value="basic">基本履职事项</option>
          <option value="cooperative">配合履职事项</option>
        </select>
      </div>
      <div class="field">
        <label for="convert-category">事项类别</label>
        <input id="convert-category" name="category" required />
      </div>
      <div class="field">
        <label for="convert-name">事项名称</label>
        <input id="convert-name" name="name" value={a.task.slice(0, 100)} required />
      </div>
      <button type="submit">转为调整建议</button>
    </Form>
  );
}
