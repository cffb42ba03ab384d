/** @jsxImportSource hono/jsx */
/**
 * One list as the official table: the columns and header names of the document, so that printing
 * the page (A4 landscape, header row repeated on every page) gives the layout an office files.
 */
import type { Item, ListKind } from "../../domain/edition.ts";
import type { BrowseRow } from "../browse.ts";
import { officialHeader } from "../cells.ts";
import type { Range } from "../highlight.ts";
import { itemHref } from "../urls.ts";
import { Blocks, DepartmentLinks, TakeoverCell } from "./blocks.tsx";
import { Marked } from "./marked.tsx";

export interface ListTableProps {
  township: string;
  list: ListKind;
  rows: readonly BrowseRow[];
  /** Search words to mark in categories and steps. */
  marks: readonly string[];
  edition: string | null;
  /** The search, carried to item pages so they mark the same words. */
  q?: string;
}

/** The official table of one list. */
export function ListTable(props: ListTableProps) {
  return (
    <table class={`official list-${props.list}`}>
      <thead>
        <tr>
          {officialHeader(props.list).map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <Row {...props} item={r.item} nameMarks={r.nameMarks} />
        ))}
      </tbody>
    </table>
  );
}

function Row(props: ListTableProps & { item: Item; nameMarks: Range[] }) {
  const { item, marks } = props;
  // Each cell names its column, so a phone can show the row as a card (style.css, max-width 600px).
  const label = officialHeader(props.list);
  const head = (
    <>
      <td class="num" data-label={label[0]}>
        {item.number}
      </td>
      <td class="cat" data-label={label[1]}>
        <Marked text={item.category} words={marks} />
      </td>
      <td class="name" data-label={label[2]}>
        <a href={itemHref(props.township, item.list, item.number, props.edition, "page", props.q)}>
          <Marked text={item.name} ranges={props.nameMarks} />
        </a>
      </td>
    </>
  );
  const remark = (
    <td class="remark" data-label={label[label.length - 1]}>
      {item.remark ?? ""}
    </td>
  );
  if (item.list === "cooperative") {
    return (
      <tr id={`item-${item.number}`}>
        {head}
        <td class="depts" data-label={label[3]}>
          <DepartmentLinks names={item.leadDepartments} others={item.otherLeads} />
        </td>
        <td class="duties" data-label={label[4]}>
          <Blocks blocks={item.departmentDuties} marks={marks} />
        </td>
        <td class="duties" data-label={label[5]}>
          <Blocks blocks={item.townshipDuties} marks={marks} />
        </td>
        {remark}
      </tr>
    );
  }
  if (item.list === "reclaimed") {
    return (
      <tr id={`item-${item.number}`}>
        {head}
        <td class="duties" data-label={label[3]}>
          <TakeoverCell takeover={item.takeover} marks={marks} />
        </td>
        {remark}
      </tr>
    );
  }
  return (
    <tr id={`item-${item.number}`}>
      {head}
      {remark}
    </tr>
  );
}
