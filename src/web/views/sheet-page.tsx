/** @jsxImportSource hono/jsx */
/**
 * 任务表核验 (/t/:township/check/sheet): upload a spreadsheet of tasks, one a row; choose the task column
 * when its header does not tell; then one result row per task and the download of the same workbook with
 * the check's columns added. Phones see each row as a card (files.css). Every value is escaped by JSX.
 */

import { ACCEPT_ATTRIBUTE } from "../../check-files/sniff.ts";
import { ANNOTATION_HEADERS } from "../../check-files/task-annotation.ts";
import { MAX_PRECEDENT_CHARS } from "../../domain/precedent.ts";
import { VERDICT_LABELS, VERDICTS } from "../../domain/verdict.ts";
import type { SheetColumn } from "../../ingest/task-sheet.ts";
import { assetHref } from "../assets.ts";
import type { DecidedMark } from "../check-decided.ts";
import type { RowsCheck } from "../file-checks.ts";
import { itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { DecidedNote, tooLongToDecide } from "./check-decision.tsx";
import { Candidates, type SavedRef } from "./check-page.tsx";
import { type Carry, CarryFields, CarryForm } from "./file-forms.tsx";
import { Layout } from "./layout.tsx";

export interface SheetPageView {
  townshipRef: string;
  township: string;
  county: string;
  date: string;
  /** The uploaded file's name, once there is one. */
  file: string | null;
  /** Set when the user must choose the task column. */
  choose: { columns: ChoosableColumn[]; sheet: string; headerRow: number; carry: Carry | null } | null;
  checked: SheetResults | null;
  /** Set when the viewer may pick a candidate of a row that needs review (选此项): the forms' token. */
  decide?: { csrf: string } | null;
  /** The saved check of the rows: the pick forms name it, and the sheet is shown again from it after a pick. */
  saved?: SavedRef | null;
  /** Why the file just uploaded was refused (damaged, not a sheet, no tasks): shown above the form again. */
  refused?: string | null;
  /** After a decision: its note, whether it was refused, and the task it was about (its row repeats the note). */
  decision?: { note: string; refused: boolean; task: string } | null;
  /** The annotated workbook's address, from the file kept with the saved check (then no file is carried). */
  download?: string | null;
  /** A saved check's result: its rows decided from it since, by place (row-N). */
  decided?: ReadonlyMap<string, DecidedMark>;
}

/** A column offered in the chooser: its first cell below the header, and whether it is preselected. */
export interface ChoosableColumn extends SheetColumn {
  example: string;
  likely: boolean;
}

/** A sheet's rows checked, as the page shows them. */
export interface SheetResults extends RowsCheck {
  /** The worksheet's name. */
  sheet: string;
  column: { index: number; letter: string; header: string } | undefined;
  /** The file, carried back for the download; null when too large, or not kept (shown again after a pick). */
  carry: Carry | null;
}

export function sheetHref(townshipRef: string): string {
  return `/t/${encodeURIComponent(townshipRef)}/check/sheet`;
}

const SHORT: Record<string, string> = {
  basic: "基本",
  cooperative: "配合",
  reclaimed: "收回",
  unlisted: "清单外",
};

/** Check and show, or check and download the annotated workbook. */
function SheetActions() {
  return (
    <div class="actions">
      <button type="submit" name="view" value="page">
        核验
      </button>
      <button type="submit" name="view" value="xlsx">
        核验并下载 Excel
      </button>
    </div>
  );
}

function UploadForm(props: { action: string }) {
  return (
    <form class="file-form" method="post" action={props.action} enctype="multipart/form-data">
      <label for="sheet-file">任务表（.xlsx、.xls 或 .csv，每行一项任务，首行为表头）</label>
      <input id="sheet-file" type="file" name="file" accept={ACCEPT_ATTRIBUTE} required />
      <SheetActions />
    </form>
  );
}

function ColumnChooser(props: {
  action: string;
  choose: NonNullable<SheetPageView["choose"]>;
  file: string;
}) {
  const { choose } = props;
  if (!choose.carry) {
    return (
      <p class="notice">文件较大，无法在页面中保留：请把任务所在列的表头改为“任务”或“工作内容”后重新上传。</p>
    );
  }
  return (
    <form class="file-form choose" method="post" action={props.action} enctype="multipart/form-data">
      <fieldset>
        <legend>
          无法从表头确定哪一列是任务（工作表“{choose.sheet}”第 {choose.headerRow} 行），请选择：
        </legend>
        {choose.columns.map((c) => (
          <label class="choice">
            <input type="radio" name="column" value={String(c.index)} checked={c.likely} required />{" "}
            {c.letter} 列：
            {c.header}
            {c.example ? <span class="example">例：{c.example}</span> : null}
          </label>
        ))}
      </fieldset>
      <CarryFields carry={choose.carry} />
      <SheetActions />
    </form>
  );
}

function Results(props: { view: SheetPageView; checked: NonNullable<SheetPageView["checked"]> }) {
  const { view, checked } = props;
  const action = sheetHref(view.townshipRef);
  const checkedRows = checked.rows.filter((r) => r.result);
  const column = checked.column;
  // 选此项 needs the saved check, to come back to these rows after the pick.
  const decide = view.saved ? (view.decide ?? null) : null;
  const decision = view.decision ?? null;
  return (
    <section class="file-results">
      <h2>核验结果</h2>
      <p class="summary-line">
        {view.file}：工作表“{checked.sheet}”，任务列 {column?.letter}（{column?.header}），共{" "}
        {checkedRows.length} 项任务{checked.ms > 0 ? `，用时 ${(checked.ms / 1000).toFixed(1)} 秒` : ""}。
      </p>
      <ul class="figures">
        {VERDICTS.map((v) => (
          <li class={`figure verdict-${v}`}>
            <span class="figure-n">{checked.counts[v]}</span>
            {VERDICT_LABELS[v]}
          </li>
        ))}
        <li class="figure">
          <span class="figure-n">{checked.review}</span>需人工确认
        </li>
      </ul>
      {view.download ? (
        <p class="carry-form">
          <a class="button" href={view.download}>
            下载带核验结论的 Excel
          </a>
        </p>
      ) : (decision || view.saved) && !checked.carry ? (
        <p class="note">文件未保存：如需下载带核验结论的 Excel，请重新上传任务表。</p>
      ) : (
        <CarryForm
          action={action}
          carry={checked.carry}
          fields={{ column: String(column?.index ?? "") }}
          buttons={[{ view: "xlsx", label: "下载带核验结论的 Excel" }]}
        />
      )}
      <table class="file-table">
        <thead>
          <tr>
            <th>行</th>
            <th>任务</th>
            {ANNOTATION_HEADERS.map((h) => (
              <th>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {checked.rows.map((r) =>
            r.result && r.annotation ? (
              <tr class={`verdict-${r.result.verdict}`} id={`row-${r.line}`}>
                <td data-label="行">{r.line}</td>
                <td data-label="任务" class="task">
                  {r.task}
                  <DecidedNote mark={view.decided?.get(`row-${r.line}`)} />
                  {decision && decision.task === r.task ? (
                    <p class={decision.refused ? "notice card-note error" : "notice card-note"}>
                      {decision.note}
                    </p>
                  ) : null}
                </td>
                <td data-label="核验结论">
                  <span class={`badge badge-${r.result.verdict}`}>{SHORT[r.result.verdict]}</span>
                </td>
                <td data-label="事项">
                  {r.result.item ? (
                    <a href={itemHref(view.townshipRef, r.result.item.list, r.result.item.number)}>
                      {r.annotation.item}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td data-label="牵头/承接部门">{r.annotation.departments || "—"}</td>
                <td data-label="乡镇职责（步骤）" class="steps">
                  {r.annotation.townshipSteps}
                </td>
                <td data-label="依据" class="evidence">
                  {r.annotation.evidence}
                </td>
                <td data-label="需人工确认" class="review-cell">
                  {r.annotation.review}
                  {r.result.needs_review ? (
                    <Candidates
                      task={{ ...r.result, text: r.task }}
                      anchor={`row-${r.line}`}
                      townshipRef={view.townshipRef}
                      decide={tooLongToDecide(r.task) ? null : decide}
                      from={view.saved?.id}
                    />
                  ) : null}
                  {r.result.needs_review && decide && tooLongToDecide(r.task) ? (
                    <p class="hint">此项任务超过 {MAX_PRECEDENT_CHARS} 字，不能选定或记录为先例。</p>
                  ) : null}
                </td>
              </tr>
            ) : (
              <tr class="empty-row">
                <td data-label="行">{r.line}</td>
                <td data-label="任务" colspan={7}>
                  （任务列为空，未核验）
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

export function SheetPage(view: SheetPageView & { viewer: Viewer }) {
  const action = sheetHref(view.townshipRef);
  return (
    <Layout
      viewer={view.viewer}
      title={`任务表核验 · ${view.township}`}
      crumbs={[
        { href: `/t/${encodeURIComponent(view.townshipRef)}`, label: view.township },
        { href: `/t/${encodeURIComponent(view.townshipRef)}/check`, label: "任务核验" },
        { href: action, label: "任务表核验" },
      ]}
    >
      <link rel="stylesheet" href={assetHref("check.css")} />
      <link rel="stylesheet" href={assetHref("files.css")} />
      <h1>任务表核验</h1>
      <p class="explain">
        上传一份任务表（Excel 或 CSV，每行一项任务），逐行判断属于{view.township}（{view.county}，{view.date}{" "}
        版清单）的基本履职事项、配合履职事项、上级部门收回事项，还是清单外事项；可下载原表并在右侧加上核验结论、事项、
        牵头/承接部门、乡镇职责、依据和是否需人工确认。有需人工确认的行时，管理员和本乡镇用户的核验结果
        （各行任务与结论）连同任务表文件保存到核验记录，以便选定候选事项后回到本表并下载带结论的 Excel；
        其他情况下文件只用于本次核验，不会保存。
      </p>
      {view.refused ? (
        <p class="notice error" role="alert">
          {view.refused}
        </p>
      ) : null}
      {view.choose && view.file ? (
        <ColumnChooser action={action} choose={view.choose} file={view.file} />
      ) : (
        <UploadForm action={action} />
      )}
      {view.decision ? (
        <p
          class={view.decision.refused ? "notice error" : "notice"}
          role={view.decision.refused ? "alert" : undefined}
        >
          {view.decision.note}
        </p>
      ) : null}
      {view.saved && view.decide ? (
        <p class="saved">
          核验结果已保存到核验记录：<a href={view.saved.href}>查看核验单</a>
          （选定候选事项后回到本表）
        </p>
      ) : null}
      {view.checked ? <Results view={view} checked={view.checked} /> : null}
    </Layout>
  );
}
