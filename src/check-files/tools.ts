/**
 * Running the Debian programs that read what Node cannot (pdftotext, LibreOffice's soffice): through
 * execFile (never a shell), in a process group of their own that is killed whole past a time limit (soffice
 * starts helpers), with a cap on what they print, in a private temporary directory removed afterwards.
 */
import { type ExecFileOptionsWithBufferEncoding, execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Refusal } from "../domain/refusal.ts";

export interface ToolRun {
  stdout: Buffer;
  stderr: string;
}

/** A program that is not installed: the message names the Debian package to install. */
export class MissingTool extends Refusal {
  constructor(
    readonly program: string,
    what: string,
    install: string,
    saveAs = ".docx 或 .txt",
  ) {
    super(
      "unavailable",
      `服务器未安装 ${program}，无法读取${what}：请管理员安装 ${install} 后重试；或把文件另存为 ${saveAs} 再上传。`,
      {
        program,
      },
    );
  }
}

/**
 * Runs `program args` with a time limit (the whole process group is killed past it) and an output cap.
 * Resolves with the output; rejects with `MissingTool` when the program is absent, a Refusal (unavailable)
 * past the time limit, or an Error carrying the exit code and stderr otherwise.
 */
export function runTool(
  program: string,
  args: readonly string[],
  options: { timeoutMs: number; maxOutputBytes: number; missing: MissingTool; cwd?: string },
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const child = execFile(
      program,
      args,
      // detached: the program leads a process group of its own, killed whole (execFile passes it to spawn).
      {
        encoding: "buffer",
        maxBuffer: options.maxOutputBytes,
        cwd: options.cwd,
        detached: true,
        windowsHide: true,
        env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" },
      } as ExecFileOptionsWithBufferEncoding,
      (error, stdout, stderr) => {
        clearTimeout(timer);
        if (timedOut) {
          reject(
            new Refusal(
              "unavailable",
              `读取文件超过 ${options.timeoutMs / 1000} 秒，已停止：文件过大或过于复杂，或服务器正忙，请稍后重试。`,
              { limitMs: options.timeoutMs, retryAfter: 5 },
            ),
          );
        } else if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") reject(options.missing);
        else if (error) reject(Object.assign(error, { stderr: stderr.toString("utf8").slice(0, 2000) }));
        else resolve({ stdout, stderr: stderr.toString("utf8") });
      },
    );
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    // Output past the cap ends the program through execFile; make sure its helpers end with it.
    child.once("exit", () => killGroup(child.pid));
  });
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Runs `work` in a fresh private (0700) temporary directory, removed afterwards whatever happens. */
export async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "lvzhi-file-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Environment-tunable limit in milliseconds. */
export function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
