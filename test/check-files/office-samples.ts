/**
 * Sample notices in the formats only other programs write: .pdf and .doc made by LibreOffice from a plain
 * notice (once per process, cached), a PDF without a text layer (a scan has none), written by hand.
 * `officeSkip` / `pdfSkip` say why a suite is skipped where LibreOffice or pdftotext is not installed.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

function installed(program: string): boolean {
  return ["/usr/bin", "/usr/local/bin", "/bin"].some((d) => existsSync(join(d, program)));
}

export const officeSkip: string | false = installed("soffice")
  ? false
  : "未安装 LibreOffice（soffice）：无法生成 .doc/.pdf 样例，跳过（apt-get install libreoffice-writer）";
export const pdfSkip: string | false = installed("pdftotext")
  ? false
  : "未安装 pdftotext：跳过 PDF 用例（apt-get install poppler-utils）";

export const SAMPLE_NOTICE =
  "关于做好近期重点工作的通知\n各乡镇：\n一、请于5月底前完成辖区自建房安全隐患排查。\n" +
  "二、请乡政府对辖区烟花爆竹经营点开展安全监管。\n三、协助县剧院推销新剧门票。\n特此通知。\n";

/** The rows of the sample task sheet (a header and two tasks), written as UTF-8 CSV. */
export const SAMPLE_SHEET_CSV = "序号,工作任务\n1,请各村做好森林防火宣传\n2,协助县剧院推销新剧门票\n";

let made: { pdf: Buffer; doc: Buffer } | undefined;
let madeSheet: Buffer | undefined;

/** The sample task sheet as .xls (Excel 97), converted by LibreOffice Calc from UTF-8 CSV (once). */
export function officeSheetSample(): Buffer {
  if (madeSheet) return madeSheet;
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-samples-"));
  try {
    writeFileSync(join(dir, "任务表.csv"), SAMPLE_SHEET_CSV);
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`;
    // CSV import options: comma, double quote, UTF-8 (76); without them Calc reads the file as Latin-1.
    execFileSync(
      "soffice",
      [
        "--headless",
        profile,
        "--infilter=CSV:44,34,76",
        "--convert-to",
        "xls",
        "--outdir",
        dir,
        join(dir, "任务表.csv"),
      ],
      { stdio: "ignore", timeout: 120_000 },
    );
    madeSheet = readFileSync(join(dir, "任务表.xls"));
    return madeSheet;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sample notice as .pdf and .doc, converted by LibreOffice (a few seconds, once). */
export function officeSamples(): { pdf: Buffer; doc: Buffer } {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-samples-"));
  try {
    writeFileSync(join(dir, "通知.txt"), SAMPLE_NOTICE);
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`;
    for (const target of ["pdf", "doc"]) {
      execFileSync(
        "soffice",
        ["--headless", profile, "--convert-to", target, "--outdir", dir, join(dir, "通知.txt")],
        {
          stdio: "ignore",
          timeout: 120_000,
        },
      );
    }
    made = { pdf: readFileSync(join(dir, "通知.pdf")), doc: readFileSync(join(dir, "通知.doc")) };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-page PDF that draws a rectangle and holds no text, as a scanned page has none. */
export function pdfWithoutText(): Buffer {
  const content = "0 0 0 RG 72 72 200 300 re S";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * Runs `work` with a stand-in soffice first on PATH: a shell script (`script`) in a LibreOffice program
 * folder holding soffice.bin and `libraries`, as Debian lays out an installation of some of its parts.
 */
export async function withFakeOffice<T>(
  libraries: string[],
  script: string,
  work: () => Promise<T>,
): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), "lvzhi-office-"));
  const saved = process.env.PATH;
  try {
    mkdirSync(join(root, "program"));
    mkdirSync(join(root, "bin"));
    for (const file of ["soffice.bin", ...libraries]) writeFileSync(join(root, "program", file), "");
    writeFileSync(join(root, "program", "soffice"), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    symlinkSync(join(root, "program", "soffice"), join(root, "bin", "soffice"));
    process.env.PATH = `${join(root, "bin")}:/usr/bin:/bin`;
    return await work();
  } finally {
    process.env.PATH = saved;
    rmSync(root, { recursive: true, force: true });
  }
}
