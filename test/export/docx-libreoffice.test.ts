/**
 * The exported .docx as another office suite renders it: LibreOffice converts it to PDF and the PDF must
 * carry the tables' text, A4 landscape pages, and the header row repeated on the pages a list spans.
 * Needs Debian's libreoffice-writer-nogui and poppler-utils (installed by .ci/run); skipped only without them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { writeDocx } from "../../src/export/docx.ts";
import { assemble } from "../../src/ingest/assemble.ts";
import { readDocx } from "../../src/ingest/docx.ts";
import { bundledEdition, differences } from "./helpers.ts";

function found(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

const missing = ["soffice", "pdftotext", "pdfinfo"].filter((c) => !found(c));
const skip =
  missing.length > 0
    ? `${missing.join(", ")} not installed (apt-get install libreoffice-writer-nogui poppler-utils)`
    : false;

describe("exported .docx rendered by LibreOffice", () => {
  it("converts to a PDF whose pages hold the three tables", { skip, timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-lo-"));
    try {
      const draft = await bundledEdition();
      const docx = join(dir, "cele.docx");
      writeFileSync(docx, await writeDocx(draft));
      const converted = spawnSync(
        "soffice",
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          docx,
        ],
        { encoding: "utf8", timeout: 200_000 },
      );
      assert.equal(converted.status, 0, `soffice failed: ${converted.stderr}`);
      const pdf = join(dir, "cele.pdf");
      const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
      assert.match(info, /Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/, "A4 landscape");
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      assert.ok(pages >= 20, `${pages} pages`);
      const text = spawnSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
      }).stdout;
      const flat = text.replace(/\s+/g, "");
      for (const needle of [
        "策勒县策勒乡基本履职事项清单",
        "策勒县策勒乡配合履职事项清单",
        "策勒县策勒乡上级部门收回事项清单",
        "推进政府软件正版化工作",
        "推荐县级以上党代表工作",
        "对县级以上党代表人选进行提名",
        "婚姻登记（仅内地居民）",
        "承接部门：无",
        "共有基本履职事项116项",
      ]) {
        assert.ok(flat.includes(needle), `PDF lacks “${needle}”`);
      }
      const headerCount = flat.split("承接部门及工作方式").length - 1;
      assert.ok(headerCount >= 3, `the reclaimed header repeats on each of its pages (${headerCount})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads back a .docx that LibreOffice saved again as the same edition", {
    skip,
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-lo-"));
    try {
      const draft = await bundledEdition();
      const docx = join(dir, "cele.docx");
      writeFileSync(docx, await writeDocx(draft));
      const outdir = join(dir, "resaved");
      const converted = spawnSync(
        "soffice",
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
          "--headless",
          "--convert-to",
          "docx:MS Word 2007 XML",
          "--outdir",
          outdir,
          docx,
        ],
        { encoding: "utf8", timeout: 200_000 },
      );
      assert.equal(converted.status, 0, `soffice failed: ${converted.stderr}`);
      const resaved = readFileSync(join(outdir, "cele.docx"));
      assert.notDeepEqual(resaved, readFileSync(docx), "LibreOffice wrote its own XML");
      const back = assemble(await readDocx(resaved, "resaved.docx")).draft;
      assert.deepEqual(differences(back, draft), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
