/** @jsxImportSource hono/jsx */
/** Numbered steps and duty blocks (a department's or the township's), as ordered lists. */
import type { DutyBlock, Takeover } from "../../domain/edition.ts";
import { departmentHref } from "../urls.ts";
import { Marked } from "./marked.tsx";

/** Steps as an ordered list (the numbers are the list's, not copied from the document). */
export function Steps(props: { steps: readonly string[]; marks?: readonly string[] }) {
  if (props.steps.length === 0) return <p class="empty">（无）</p>;
  const marks = props.marks ?? [];
  // Plain text when nothing is marked: a cooperative list has ~1 000 steps, and each component costs.
  return (
    <ol class="steps">
      {props.steps.map((s) => (
        <li>{marks.length ? <Marked text={s} words={marks} /> : s}</li>
      ))}
    </ol>
  );
}

/**
 * Blocks of a cell. `headings` chooses between headings that link to the department (item page)
 * and inline labels (tables); `owners` head the blocks that name no department (the leads of a
 * cooperative item, when its cell does not say which of them does what).
 */
export function Blocks(props: {
  blocks: readonly DutyBlock[];
  marks?: readonly string[];
  headings?: boolean;
  owners?: readonly string[];
}) {
  const ownerOf = (b: DutyBlock): string | null => b.department ?? (props.owners?.join("、") || null);
  return (
    <>
      {props.blocks.map((b, i) => {
        const owner = ownerOf(b);
        const previous = props.blocks[i - 1];
        // A department's name heads its first block only (cooperative 8 has four under one).
        const showOwner = owner !== null && (!previous || ownerOf(previous) !== owner);
        return (
          <div class="block">
            {showOwner ? (
              props.headings ? (
                <h4>
                  {b.department ? (
                    <DepartmentLinks names={[b.department]} />
                  ) : (
                    <DepartmentLinks names={props.owners ?? []} />
                  )}
                </h4>
              ) : (
                <p class="dept">{owner}：</p>
              )
            ) : null}
            {b.heading ? (
              <p class="heading">
                <Marked text={b.heading} words={props.marks ?? []} />
              </p>
            ) : null}
            <Steps steps={b.steps} marks={props.marks ?? []} />
          </div>
        );
      })}
    </>
  );
}

/** Department names, each linking to its page, joined by 、. */
export function DepartmentLinks(props: { names: readonly string[]; others?: readonly string[] }) {
  const all = [
    ...props.names.map((n) => <a href={departmentHref(n)}>{n}</a>),
    ...(props.others ?? []).map((o) => <span class="other-lead">{o}</span>),
  ];
  if (all.length === 0) return <>无</>;
  return <>{all.flatMap((node, i) => (i === 0 ? [node] : ["、", node]))}</>;
}

/** A reclaimed item's 承接部门及工作方式 cell. */
export function TakeoverCell(props: { takeover: Takeover; marks?: readonly string[] }) {
  const t = props.takeover;
  return (
    <div class="takeover">
      <p>
        承接部门：
        <DepartmentLinks names={t.departments} />
      </p>
      {t.workMethod.length > 0 ? (
        <>
          <p class="heading">工作方式：</p>
          <Steps steps={t.workMethod} marks={props.marks ?? []} />
        </>
      ) : null}
      {t.workStandard.length > 0 ? (
        <>
          <p class="heading">工作标准：</p>
          <Steps steps={t.workStandard} marks={props.marks ?? []} />
        </>
      ) : null}
    </div>
  );
}
