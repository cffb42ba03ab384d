/** `lvzhi serve` as a user runs it: a real process on a free port, over a fresh database. */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/main.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "lvzhi-serve-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `lvzhi serve`, resolves with the URL it prints and everything it printed so far. */
function start(
  db: string,
  from: { cwd: string; argv: string[]; extra?: string[] } = {
    cwd: ROOT,
    argv: ["--import", "tsx", "src/cli/main.ts"],
  },
): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(
    process.execPath,
    [...from.argv, "serve", "--port", "0", "--db", db, ...(from.extra ?? [])],
    {
      cwd: from.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    // Generous: each worker process loads the TypeScript sources through tsx, slow on a loaded machine.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start: ${output}`));
    }, 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /lvzhi 已启动：(http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

describe("lvzhi serve", () => {
  test("started through bin/lvzhi.js from another directory, renders HTML pages (issue 9, row 7)", async () => {
    const db = join(dir, "elsewhere.db");
    const server = await start(db, { cwd: tmpdir(), argv: [join(ROOT, "bin", "lvzhi.js")] });
    try {
      for (const path of ["/", `/t/${encodeURIComponent("策勒乡")}`]) {
        const res = await fetch(`${server.url}${path}`);
        assert.equal(res.status, 200, path);
        assert.match(await res.text(), /<html/);
      }
    } finally {
      await stop(server.child);
    }
  });
  test("imports the bundled lists on first start only, serves them, and stops cleanly on SIGTERM", async () => {
    const db = join(dir, "lvzhi.db");
    const first = await start(db);
    assert.match(first.output, /已导入随附的策勒乡清单/);
    const res = await fetch(`${first.url}/api/v1/townships`);
    const body = await res.json();
    assert.deepEqual(body.townships[0].editions[0].counts, { basic: 116, cooperative: 98, reclaimed: 40 });
    assert.equal(body.townships[0].editions[0].status, "published");
    assert.equal((await fetch(`${first.url}/t/${encodeURIComponent("策勒乡")}`)).status, 200);
    assert.equal(await stop(first.child), 0);

    const second = await start(db);
    assert.doesNotMatch(second.output, /已导入/);
    const again = await (await fetch(`${second.url}/api/v1/townships`)).json();
    assert.equal(again.townships[0].editions.length, 1, "no second import");
    assert.equal(await stop(second.child), 0);
  });

  test("--workers 2 serves from two processes on one port and all stop on SIGTERM (issue 13)", async () => {
    const db = join(dir, "workers.db");
    const server = await start(db, {
      cwd: ROOT,
      argv: ["--import", "tsx", "src/cli/main.ts"],
      extra: ["--workers", "2"],
    });
    assert.match(server.output, /2 个工作进程/);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => (await fetch(`${server.url}/api/v1/townships`)).status),
    );
    assert.deepEqual(new Set(statuses), new Set([200]));
    assert.equal(await stop(server.child), 0);
  });

  test("a bad port is a usage error", async () => {
    let err = "";
    const code = await runCli(["serve", "--port", "http"], { out: () => {}, err: (t) => (err += t) });
    assert.equal(code, 2);
    assert.match(err, /--port 应为 0–65535 的整数/);
  });
});
