/** @jsxImportSource hono/jsx */
/**
 * The 任务核验 page: a form (paste a task or a notice, or upload a file) and, after a check, one result card
 * per task a clerk can act on without opening the lists (see ../check-cards.ts for what each card holds).
 * Confidence is said in words; character offsets stay in the JSON. Every value is escaped by JSX.
 */
import { ACCEPT_ATTRIBUTE } from "../../check-files/sniff.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import { MAX_PRECEDENT_CHARS } from "../../domain/precedent.ts";
import { type CheckResult, EVIDENCE_FIELD_LABELS, VERDICT_LABELS } from "../../domain/verdict.ts";
import { CONFIDENCE_LEVEL_LABELS } from "../../match/index.ts";
import type { Role } from "../../store/workflow-schema.ts";
import { assetHref } from "../assets.ts";
import type { CheckCard, CheckRecord } from "../check-cards.ts";
import type { DecidedMark } from "../check-decided.ts";
import { departmentHref, itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { DecidedNote, type DecidedTask, DecisionForm, PickForm, tooLongToDecide } from "./check-decision.tsx";
import { Layout } from "./layout.tsx";
import { Marked } from "./marked.tsx";

/** Where the result was saved, and its downloads. */
export interface SavedRef {
  id: string;
  href: string;
}

export interface CheckView {
  record: CheckRecord;
  /** False before any check (the empty form). */
  checked: boolean;
  /** Who looks: a department user gets 申请准入 on unlisted tasks; others the ready reply. */
  role?: Role | null;
  /** Set when the viewer may confirm or correct results (确认/纠正): the form's CSRF token. */
  decide?: { csrf: string } | null;
  /** A note above the results (a decision recorded). */
  note?: string | null;
  /** The note says why a decision was refused (shown as an error, announced to screen readers). */
  noteIsError?: boolean;
  saved?: SavedRef | null;
  /**
   * The task a decision was about (its wording): its card repeats the note, since the decision forms
   * post to #task-N and the page opens at that card, below the note at the top.
   */
  decidedTask?: string | null;
  /** The saved check a decision form refers to (after a decision: the one the notice was first saved as). */
  decisionFrom?: string | null;
  /** After a decision on a saved check: the address of that check's result (查看核验单). */
  decisionOn?: string | null;
  /** Anonymous visitors: their check is saved only when they tick 保存. */
  offerSave?: boolean;
  /** Cards without forms or buttons (print view, saved record). */
  plain?: boolean;
  /** A saved check's result: its tasks decided from it since, by place (task-N). */
  decided?: ReadonlyMap<string, DecidedMark>;
}

/** Links to the pages of another helper's features, reached from the check page. */
export const SHEET_CHECK_HREF = (townshipRef: string) => `/t/${encodeURIComponent(townshipRef)}/check/sheet`;
export const INDICATORS_HREF = (townshipRef: string) => `/t/${encodeURIComponent(townshipRef)}/indicators`;

/**
 * The top three candidates of an answer a person should confirm: the answered item first; each with 选此项
 * when the viewer may decide (`decide`: the decision forms' token). Shared by the result cards and the
 * task sheet's rows; `anchor` is the id of the task's element, where the page opens after the pick.
 */
export function Candidates(props: {
  task: DecidedTask & Pick<CheckResult, "alternatives">;
  anchor: string;
  townshipRef: string;
  decide?: { csrf: string } | null;
  from?: string | null;
}) {
  const { task, townshipRef, decide } = props;
  const top = [...(task.item ? [task.item] : []), ...task.alternatives].slice(0, 3);
  if (!top.length) return null;
  return (
    <div class="candidates">
      待人工确认，候选事项：
      <ol>
        {top.map((c) => (
          <li>
            <a href={itemHref(townshipRef, c.list, c.number)}>
              {LIST_LABELS[c.list]}第{c.number}项
            </a>{" "}
            {c.name.length > 40 ? `${c.name.slice(0, 40)}…` : c.name}
            {decide ? (
              <>
                {" "}
                <PickForm
                  task={task}
                  candidate={c}
                  anchor={props.anchor}
                  townshipRef={townshipRef}
                  csrf={decide.csrf}
                  from={props.from}
                />
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Matched(props: { task: CheckCard; townshipRef: string }) {
  const item = props.task.item;
  if (!item) return null;
  return (
    <p class="matched">
      <a href={itemHref(props.townshipRef, item.list, item.number)}>
        {LIST_LABELS[item.list]}第{item.number}项
      </a>
      ：{item.name}
    </p>
  );
}

function CooperativeBody(props: { task: CheckCard; words: string[] }) {
  const { task } = props;
  return (
    <>
      <p>
        牵头部门：
        {(task.leadDepartments ?? []).map((d, i) => (
          <>
            {i ? "、" : ""}
            <a href={departmentHref(d)}>{d}</a>
          </>
        ))}
        {task.leadDepartments?.length ? "" : "上级部门"}
      </p>
      <div class="township-steps">
        <p>
          乡镇配合职责
          {task.stepsPointed ? "（本任务涉及的步骤已标出）" : "（任务未指向具体步骤，以下各项均适用）"}：
        </p>
        {(task.steps ?? []).map((b) => (
          <div class="block">
            {b.heading ? <p class="heading">{b.heading}</p> : null}
            <ol class="steps">
              {b.steps.map((s) => (
                <li value={String(s.number)} class={s.touched ? "touched" : undefined}>
                  {s.touched ? <strong class="touched-tag">【本任务涉及】</strong> : null}
                  <Marked text={s.text} words={props.words} />
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </>
  );
}

function ReclaimedBody(props: { task: CheckCard }) {
  const { task } = props;
  return (
    <>
      <p>
        承接部门：
        {task.takeover?.departments.length
          ? task.takeover.departments.map((d, i) => (
              <>
                {i ? "、" : ""}
                <a href={departmentHref(d)}>{d}</a>
              </>
            ))
          : "无"}
      </p>
      {task.takeover?.workMethod.length ? (
        <div class="method">
          工作方式：
          <ol class="steps">
            {task.takeover.workMethod.map((m) => (
              <li>{m}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {task.citation ? (
        <div class="ready">
          <p class="ready-label">
            {task.needs_review ? "人工确认无误后，婉拒时可引用：" : "婉拒时可直接引用："}
          </p>
          <blockquote class="cite">{task.citation}</blockquote>
        </div>
      ) : null}
    </>
  );
}

/** How much of a task a prefilled admission request carries (a GET form's URL, a sign-in link's `next`). */
const PREFILL_IN_FORM = 500;
const PREFILL_IN_LINK = 150;

function UnlistedBody(props: { task: CheckCard; view: CheckView }) {
  const { task, view } = props;
  const role = view.role ?? null;
  // Short enough for a URL: a sign-in's `next` keeps at most 2 048 characters (auth/next.ts).
  const prefill = `/admission?task=${encodeURIComponent(task.text.slice(0, PREFILL_IN_LINK))}&township=${encodeURIComponent(view.record.township)}#request`;
  return (
    <>
      <p class="admission-needed">需履行职责准入程序</p>
      {!view.plain && role === "department" ? (
        <form class="admission-request" method="get" action="/admission">
          <input type="hidden" name="task" value={task.text.slice(0, PREFILL_IN_FORM)} />
          <input type="hidden" name="township" value={view.record.township} />
          <button type="submit">申请准入</button>
        </form>
      ) : null}
      {!view.plain && role === null ? (
        <p>
          <a class="button" href={`/login?next=${encodeURIComponent(prefill)}`}>
            申请准入
          </a>{" "}
          <span class="hint">（县直部门登录后提交）</span>
        </p>
      ) : null}
      {task.reply && role !== "department" ? (
        <div class="ready">
          <p class="ready-label">
            {task.needs_review
              ? "人工确认无误后，乡镇回复交办部门时可使用："
              : "乡镇回复交办部门时可直接使用："}
          </p>
          <blockquote class="cite">{task.reply}</blockquote>
        </div>
      ) : null}
    </>
  );
}

function Evidence(props: { task: CheckCard }) {
  if (!props.task.evidence.length) return null;
  return (
    <p class="evidence">
      {props.task.verdict === "unlisted" ? "与最接近事项相同的词：" : "依据："}
      {props.task.evidence.map((e, i) => (
        <>
          {i ? "，" : ""}
          <mark>{e.task}</mark>
          {e.task === e.item ? "" : `（清单作“${e.item}”）`}
          <span class="field">［{EVIDENCE_FIELD_LABELS[e.field]}］</span>
        </>
      ))}
    </p>
  );
}

/** One task's card. */
export function TaskCard(props: { task: CheckCard; n: number; view: CheckView }) {
  const { task, view } = props;
  const ref = view.record.townshipRef;
  const words = task.evidence.map((e) => e.task);
  // Who may confirm or correct (the print view and saved records show no forms); a task longer than a
  // precedent remembers cannot be decided, so it offers no form that could only be refused.
  const mayDecide = view.plain ? null : (view.decide ?? null);
  const tooLong = mayDecide !== null && tooLongToDecide(task.text);
  const decide = tooLong ? null : mayDecide;
  const from = view.decisionFrom ?? view.saved?.id ?? null;
  return (
    <article class={`card verdict-${task.verdict}`} id={`task-${props.n}`}>
      <header class="card-head">
        <span class="n">第 {props.n} 项</span>{" "}
        <span class={`badge badge-${task.verdict}`}>{VERDICT_LABELS[task.verdict]}</span>{" "}
        <span class={`level level-${task.level}`}>可信度：{CONFIDENCE_LEVEL_LABELS[task.level]}</span>
        {task.needs_review ? <span class="review">待人工确认</span> : null}
      </header>
      <p class="task">
        <Marked text={task.text} words={words} />
      </p>
      <div class="answer">
        <DecidedNote mark={view.decided?.get(`task-${props.n}`)} />
        {view.note && view.decidedTask === task.text ? (
          <p class={view.noteIsError ? "notice card-note error" : "notice card-note"}>{view.note}</p>
        ) : null}
        <Matched task={task} townshipRef={ref} />
        {task.verdict === "basic" ? (
          <p class="duty">乡镇职责：属本乡镇必须履行的基本职责，由乡镇自行办理。</p>
        ) : null}
        {task.verdict === "cooperative" ? <CooperativeBody task={task} words={words} /> : null}
        {task.verdict === "reclaimed" ? <ReclaimedBody task={task} /> : null}
        {task.verdict === "unlisted" ? <UnlistedBody task={task} view={view} /> : null}
        <p class="reason">{task.reason}</p>
        <Evidence task={task} />
        {task.needs_review ? (
          <Candidates task={task} anchor={`task-${props.n}`} townshipRef={ref} decide={decide} from={from} />
        ) : null}
        {tooLong ? (
          <p class="hint">
            此项任务超过 {MAX_PRECEDENT_CHARS} 字，不能确认、纠正或记录为先例；请拆分为较短的任务后再核验。
          </p>
        ) : null}
        {decide ? (
          <DecisionForm
            task={task}
            anchor={`task-${props.n}`}
            townshipRef={ref}
            csrf={decide.csrf}
            from={from}
          />
        ) : null}
      </div>
    </article>
  );
}

/** The results: a summary line and a card per task (shared by the page, the print view and saved checks). */
export function CheckResults(props: CheckView) {
  const cards = props.record.cards;
  const counts = { basic: 0, cooperative: 0, reclaimed: 0, unlisted: 0 };
  for (const t of cards) counts[t.verdict]++;
  return (
    <section class="check-results">
      {props.record.notice ? <p class="notice">{props.record.notice}</p> : null}
      {cards.length === 0 ? (
        <p class="empty">未识别出任务。</p>
      ) : (
        <>
          <p class="summary-line">
            共 {cards.length} 项任务：
            {(Object.keys(counts) as (keyof typeof counts)[])
              .filter((v) => counts[v] > 0)
              .map((v) => `${VERDICT_LABELS[v]} ${counts[v]} 项`)
              .join("，")}
          </p>
          {cards.map((t, i) => (
            <TaskCard task={t} n={i + 1} view={props} />
          ))}
        </>
      )}
    </section>
  );
}

/** The permalink and downloads of a saved result. */
export function SavedLinks(props: { saved: SavedRef }) {
  const h = props.saved.href;
  return (
    <p class="saved-links">
      <a href={h}>核验单链接</a> · <a href={`${h}/print`}>打印视图</a> ·{" "}
      <a href={`${h}/export.docx`} download>
        下载核验单（Word）
      </a>{" "}
      ·{" "}
      <a href={`${h}/export.csv`} download>
        下载表格（CSV）
      </a>{" "}
      · <a href={`/api/v1/checks/${props.saved.id}`}>数据（JSON）</a>
    </p>
  );
}

function formAction(townshipRef: string): string {
  return `/t/${encodeURIComponent(townshipRef)}/check`;
}

/** The page: form, then results when there are some. */
export function CheckPage(props: CheckView & { viewer: Viewer }) {
  const r = props.record;
  const action = formAction(r.townshipRef);
  return (
    <Layout
      title={`任务核验 · ${r.township}`}
      crumbs={[
        { href: `/t/${encodeURIComponent(r.townshipRef)}`, label: r.township },
        { href: action, label: "任务核验" },
      ]}
      viewer={props.viewer}
    >
      <link rel="stylesheet" href={assetHref("check.css")} />
      <h1>任务核验</h1>
      <p class="explain">
        粘贴上级部门交办的任务或整份通知，或上传通知文件（.txt、.docx、.pdf、.doc、.wps）或任务表（.xlsx、.csv，每行一项任务，见
        <a href={`${action}/sheet`}>任务表核验</a>），逐项判断属于{r.township}（{r.county}，{r.edition.date}{" "}
        版清单）的基本履职事项、配合履职事项、上级部门收回事项，还是清单外事项（需职责准入）。
      </p>
      <p class="other-checks">
        <a href={SHEET_CHECK_HREF(r.townshipRef)}>上传任务表格</a> ·{" "}
        <a href={INDICATORS_HREF(r.townshipRef)}>考核指标表检查</a> · <a href="/check?pick=1">换一个乡镇</a> ·{" "}
        <a href={`/c/${encodeURIComponent(r.county)}/check`}>全县核验</a>
        {props.role ? (
          <>
            {" · "}
            <a href="/checks">核验记录</a>
          </>
        ) : null}
      </p>
      <form class="check-form" method="post" action={action} enctype="multipart/form-data">
        <label for="check-text">任务或通知全文</label>
        <textarea id="check-text" name="text" rows={8}>
          {r.text}
        </textarea>
        <label for="check-file">
          或上传通知文件（.txt、.docx、.pdf、.doc、.wps），或每行一项任务的表格（.xlsx、.csv）
        </label>
        <input id="check-file" type="file" name="file" accept={ACCEPT_ATTRIBUTE} />
        {props.offerSave ? (
          <label class="save-choice">
            <input type="checkbox" name="save" value="1" /> 保存核验结果并生成链接（持有链接的人都能查看）
          </label>
        ) : props.role ? (
          <p class="hint">每次核验都会保存到“核验记录”，可打印、下载核验单。</p>
        ) : null}
        <div class="actions">
          <button type="submit" name="view" value="page">
            核验
          </button>
          <button type="submit" name="view" value="print">
            打印视图
          </button>
        </div>
      </form>
      {props.note ? (
        <p
          class={props.noteIsError ? "notice error" : "notice"}
          role={props.noteIsError ? "alert" : undefined}
        >
          {props.note}
        </p>
      ) : null}
      {props.decisionOn ? (
        <p class="saved">
          <a href={props.decisionOn}>查看核验单</a>（保存时的核验结论，其中已确认、纠正的任务另有注明）
        </p>
      ) : null}
      {props.note && !props.noteIsError && props.decisionFrom ? (
        // The saved record keeps the answers as first given: a clerk printing it would find the old one.
        <p class="hint">
          核验记录中保存的是当时的核验结论；如需打印或下载含本次结论的核验单，请点上方“打印视图”或“核验”（将按现有先例重新核验并另存一份）。
        </p>
      ) : null}
      {props.saved ? (
        <div class="saved">
          <p>
            已保存核验结果：<a href={props.saved.href}>查看核验单</a>
            {/* 核验记录 (/checks) is a signed-in user's history: an anonymous visitor has only the link. */}
            {props.role ? "（也可在“核验记录”中找到）" : "（请保存此链接，持有链接的人都能查看）"}
          </p>
          <SavedLinks saved={props.saved} />
        </div>
      ) : null}
      {props.checked ? <CheckResults {...props} /> : null}
      {props.checked && props.offerSave && !props.saved && r.cards.length > 0 ? (
        <form class="save-after" method="post" action={action}>
          {/* The checked text again (newlines kept), checked and saved on request. */}
          <textarea name="text" hidden>
            {r.text}
          </textarea>
          <input type="hidden" name="save" value="1" />
          <button type="submit" name="view" value="page">
            保存结果并生成链接
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
