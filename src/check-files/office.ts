/**
 * Legacy Office and WPS files (.doc, .wps, .rtf; .xls, .et) → .docx / .xlsx, with LibreOffice headless
 * (`soffice --headless --convert-to`), in a private temporary directory with its own user profile (so
 * conversions never share or lock a profile), under a time limit, one or two at a time: a conversion
 * costs a LibreOffice start (2–6 s of CPU), and the machine answers everyone else meanwhile.
 */
import { existsSync, realpathSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { DocumentError } from "../domain/problem.ts";
import { Refusal } from "../domain/refusal.ts";
import { envMs, inTempDir, MissingTool, runTool } from "./tools.ts";

const MISSING = new MissingTool(
  "LibreOffice（soffice）",
  " .doc / .wps 等旧版 Office 与 WPS 文件",
  "libreoffice-writer 与 libreoffice-calc（sudo apt-get install libreoffice-writer libreoffice-calc）",
);

/**
 * soffice runs without the component a conversion needs (Debian splits Writer and Calc into packages, so a
 * server with libreoffice-writer alone turns every .xls into nothing): named by its library beside soffice.
 */
const COMPONENTS = {
  docx: {
    library: "libswlo.so",
    missing: new MissingTool(
      "LibreOffice Writer",
      " .doc / .wps / .rtf 文件",
      "libreoffice-writer-nogui（sudo apt-get install libreoffice-writer-nogui）",
    ),
  },
  xlsx: {
    library: "libsclo.so",
    missing: new MissingTool(
      "LibreOffice Calc",
      " .xls / .et 表格",
      "libreoffice-calc-nogui（sudo apt-get install libreoffice-calc-nogui）",
      ".xlsx 或 .csv",
    ),
  },
} as const;

/**
 * The missing component for `target`, when soffice is found on PATH and its program folder lacks the
 * component's library; undefined when present or when the layout is not one this can read (then the
 * conversion's failure is reported as an unreadable file, as before).
 */
function missingComponent(target: "docx" | "xlsx"): MissingTool | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const soffice = join(dir, "soffice");
    if (!dir || !existsSync(soffice)) continue;
    const program = dirname(realpathSync(soffice));
    const known = existsSync(join(program, "libmergedlo.so")) || existsSync(join(program, "soffice.bin"));
    const { library, missing } = COMPONENTS[target];
    return known && !existsSync(join(program, library)) ? missing : undefined;
  }
  return undefined;
}

/** Conversions running at once, and waiting; past these an upload is refused (503) rather than queued for minutes. */
const RUNNING = 2;
const WAITING = 4;
let running = 0;
const queue: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= RUNNING) {
    if (queue.length >= WAITING) {
      throw new Refusal("unavailable", "服务器正忙：正在转换的文件过多，请稍后重试。", { retryAfter: 10 });
    }
    await new Promise<void>((resolve) => queue.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

/** Largest converted document read back (a notice is well below; the zip readers cap it again). */
const MAX_CONVERTED_BYTES = 32 * 1024 * 1024;

/**
 * Converts `bytes` (named `file`; `extension` is what it is, e.g. "doc") to `target`. Throws MissingTool when
 * LibreOffice is not installed, DocumentError when it cannot read the file, Refusal past the time limit.
 * `filter` names LibreOffice's import filter (e.g. "MS Excel 97"): without one, a file its filter cannot
 * read is read by another, at worst as text, and comes back as a "sheet" of its bytes.
 */
export async function convertWithOffice(
  bytes: Uint8Array,
  file: string,
  extension: string,
  target: "docx" | "xlsx",
  filter?: string,
): Promise<Uint8Array> {
  return slot(() =>
    inTempDir(async (dir) => {
      const input = join(dir, `in.${extension}`);
      const out = join(dir, "out");
      await writeFile(input, bytes, { mode: 0o600 });
      const args = [
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
        ...(filter ? [`--infilter=${filter}`] : []),
        "--convert-to",
        target,
        "--outdir",
        out,
        input,
      ];
      try {
        await runTool("soffice", args, {
          timeoutMs: envMs("LVZHI_CONVERT_MS", 60_000),
          maxOutputBytes: 64 * 1024,
          missing: MISSING,
          cwd: dir,
        });
      } catch (error) {
        if (error instanceof Refusal) throw error;
        throw missingComponent(target) ?? unreadable(file, target);
      }
      const produced = (await readdir(out).catch(() => [] as string[])).find((n) => n.endsWith(`.${target}`));
      if (!produced) throw missingComponent(target) ?? unreadable(file, target);
      const converted = await readFile(join(out, produced));
      if (converted.length > MAX_CONVERTED_BYTES) {
        throw new DocumentError(file, undefined, "文件转换后过大，不是一份通知或任务表");
      }
      return new Uint8Array(converted);
    }),
  );
}

function unreadable(file: string, target: string): DocumentError {
  return new DocumentError(
    file,
    undefined,
    `无法转换为 .${target}：文件已损坏、受密码保护或不是 Word/WPS/Excel 文件；请在 ${target === "xlsx" ? "Excel 或 WPS 表格" : "Word 或 WPS"} 中另存为 .${target} 后重试`,
  );
}
