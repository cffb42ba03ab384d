/**
 * The inputs the fuzzer mutates: the bundled Cele document and its exports (.docx, .xlsx, zip of CSV,
 * JSON), and the same for a small crafted edition (a few items of each list) so that most inputs parse in
 * milliseconds, plus a plain-text rendering of the small edition in the reference document's layout.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { EditionDraft, Item, ListKind } from "../../src/domain/edition.ts";
import { exportEdition } from "../../src/export/index.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { OFFICIAL_COLUMNS } from "../../src/ingest/raw.ts";

export type SeedFormat = "text" | "docx" | "xlsx" | "csv" | "json";

export interface Seed {
  /** e.g. "cele.docx", "small.txt": the file name the importer is given, and the kind in the report. */
  name: string;
  format: SeedFormat;
  bytes: Uint8Array;
}

const CELE = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));

/** The first `n` items of each list, renumbered from 1. */
function smallEdition(draft: EditionDraft, n: number): EditionDraft {
  const items: Item[] = [];
  for (const list of ["basic", "cooperative", "reclaimed"] as ListKind[]) {
    items.push(
      ...draft.items
        .filter((i) => i.list === list)
        .slice(0, n)
        .map((item, k) => ({ ...item, number: k + 1 })),
    );
  }
  return { ...draft, items };
}

/** The small edition in the text layout of the reference document (title, preface, tab-separated tables). */
function asText(draft: EditionDraft, cele: string): string {
  const lines = cele.split("\n").slice(0, 12);
  const steps = (blocks: { department: string | null; heading: string | null; steps: string[] }[]) =>
    blocks
      .map((b) =>
        [
          b.department ? `${b.department}：` : "",
          b.heading ?? "",
          ...b.steps.map((s, i) => `${i + 1}.${s}`),
        ].join(" "),
      )
      .join(" ");
  const titles: Record<ListKind, string> = {
    basic: "基本履职事项清单",
    cooperative: "配合履职事项清单",
    reclaimed: "上级部门收回事项清单",
  };
  for (const list of ["basic", "cooperative", "reclaimed"] as ListKind[]) {
    lines.push(`${draft.county}${draft.township}${titles[list]}`, OFFICIAL_COLUMNS[list].join("\t"));
    for (const item of draft.items.filter((i) => i.list === list)) {
      const head = [String(item.number), item.category, item.name];
      const remark = item.remark ?? "";
      if (item.list === "basic") lines.push([...head, remark].join("\t"));
      else if (item.list === "cooperative")
        lines.push(
          [
            ...head,
            item.leadDepartments.join("、"),
            steps(item.departmentDuties),
            steps(item.townshipDuties),
            remark,
          ].join("\t"),
        );
      else {
        const t = item.takeover;
        const who = t.none ? "承接部门：无" : `${t.departments.join("、")}：`;
        lines.push([...head, `${who} 工作方式：${t.workMethod.join("")}`, remark].join("\t"));
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Builds every seed (a second or two: the Cele document is read and exported once). */
export async function buildSeeds(): Promise<Seed[]> {
  const celeBytes = new Uint8Array(await readFile(CELE));
  const { draft } = await readDocument(celeBytes, "cele.txt");
  const small = smallEdition(draft, 3);
  const seeds: Seed[] = [
    { name: "cele.txt", format: "text", bytes: celeBytes },
    {
      name: "small.txt",
      format: "text",
      bytes: new TextEncoder().encode(asText(small, new TextDecoder().decode(celeBytes))),
    },
  ];
  const formats = [
    ["docx", "docx"],
    ["xlsx", "xlsx"],
    ["csv", "zip"],
    ["json", "json"],
  ] as const;
  for (const [format, extension] of formats) {
    for (const [label, edition] of [
      ["cele", draft],
      ["small", small],
    ] as const) {
      seeds.push({
        name: `${label}.${extension}`,
        format,
        bytes: new Uint8Array(await exportEdition(edition, format)),
      });
    }
  }
  return seeds;
}
