/**
 * Issue 9 rows 2 and 6: the bounds around the task check — per-address token buckets (429 with
 * Retry-After), and the worker pool's queue bound and time limit (503 unavailable), each a Refusal.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import JSZip from "jszip";
import { Refusal } from "../../src/domain/refusal.ts";
import { TokenBuckets } from "../../src/web/rate-limit.ts";
import { closeWorkPool, WorkPool } from "../../src/work/pool.ts";
import { bundledApp } from "./fixtures.ts";

describe("rate limits on anonymous checks", () => {
  it("a bucket grants its burst, then asks to wait until enough tokens are back", () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 0.5, () => now);
    assert.equal(buckets.take("a"), 0);
    assert.equal(buckets.take("a", 2), 0);
    assert.equal(buckets.take("a"), 2, "one token comes back in 2 s");
    assert.equal(buckets.take("b"), 0, "another address has its own bucket");
    now += 2000;
    assert.equal(buckets.take("a"), 0);
    assert.equal(buckets.take("a", 3), 6);
  });

  it("past a burst of 30 anonymous checks from one address, checks are 429 with Retry-After; the page says so in Chinese", async () => {
    const { store, app } = await bundledApp();
    try {
      const ask = () =>
        app.request("/api/v1/check", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: "防汛" }),
        });
      // 40 at once: the burst of 30 (and what trickles back meanwhile, 1 every 2 s) passes, the rest waits.
      const answers = await Promise.all(Array.from({ length: 40 }, ask));
      const passed = answers.filter((r) => r.status === 200).length;
      assert.ok(passed >= 30 && passed <= 33, `${passed} passed`);
      const refused = answers.find((r) => r.status === 429)!;
      assert.equal(answers.filter((r) => r.status === 429).length, 40 - passed);
      assert.match(refused.headers.get("retry-after") ?? "", /^[12]$/);
      assert.match((await refused.json()).error.message, /请求过于频繁，请 [12] 秒后再试/);
      // The page's form shares the buckets (the checks above took a few seconds: a token or two is back).
      const forms = await Promise.all(
        Array.from({ length: 5 }, () =>
          app.request(`/t/${encodeURIComponent("策勒乡")}/check`, {
            method: "POST",
            body: new URLSearchParams({ text: "防汛" }),
          }),
        ),
      );
      const limited = forms.find((f) => f.status === 429);
      assert.ok(limited, "the form is limited too");
      assert.match(await limited.text(), /请求过于频繁/);
    } finally {
      await store.close();
    }
  });
});

describe("the check page's form is charged for what it carries", () => {
  it("a text pasted into the page's form (multipart, the file field empty) counts as one check; an upload as 3", async () => {
    const { store, app } = await bundledApp();
    try {
      const url = `/t/${encodeURIComponent("策勒乡")}/check`;
      // What a browser sends from the page: multipart/form-data with an empty file part.
      const form = (file: Blob | null) => {
        const f = new FormData();
        f.append("text", file ? "" : "防汛");
        f.append("file", file ?? new Blob([]), file ? "通知.txt" : "");
        f.append("view", "page");
        return app.request(url, { method: "POST", body: f });
      };
      for (let i = 0; i < 20; i++) assert.equal((await form(null)).status, 200, `pasted text ${i + 1} of 20`);
      // 10 of the burst's 30 tokens are left (and what trickles back, 1 every 2 s): 3 or 4 uploads pass.
      const notice = new Blob([new TextEncoder().encode("各乡镇：\n一、做好防汛工作。")]);
      const uploads: number[] = [];
      for (let i = 0; i < 6; i++) uploads.push((await form(notice)).status);
      const passed = uploads.filter((s) => s === 200).length;
      assert.ok(passed >= 3 && passed <= 4, `${passed} uploads passed: ${uploads}`);
      assert.ok(
        uploads.slice(passed).every((s) => s === 429),
        `${uploads}`,
      );
    } finally {
      await store.close();
    }
  });
});

describe("the county-wide check is bounded like the township check", () => {
  it("a text past 30 000 characters is 413; a long one is checked (in the worker pool) against each township", async () => {
    const { store, app } = await bundledApp();
    try {
      const ask = (text: string) =>
        app.request(`/api/v1/counties/${encodeURIComponent("策勒县")}/check`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text }),
        });
      const tooLong = await ask("请".repeat(30_001));
      assert.equal(tooLong.status, 413);
      assert.match((await tooLong.json()).error.message, /超过核验上限 30000 字/);
      const long = `请乡政府对辖区烟花爆竹经营点开展安全监管。\n${"各村要高度重视，认真落实。\n".repeat(60)}`;
      const res = await ask(long);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.townships[0].tasks[0].verdict, "reclaimed");
    } finally {
      await store.close();
      await closeWorkPool();
    }
  });
});

describe("the worker pool's bounds", () => {
  const pools: WorkPool[] = [];
  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });
  const pool = (limits: Partial<WorkPool["limits"]>) => {
    const made = new WorkPool({
      threads: 1,
      maxQueue: 4,
      readMs: 20_000,
      checkMs: 20_000,
      fileMs: 20_000,
      heapMb: 256,
      ...limits,
    });
    pools.push(made);
    return made;
  };
  const notice = new TextEncoder().encode("一、请各村开展防汛应急演练。");

  it("reads a notice in a worker thread", async () => {
    assert.equal(await pool({}).readNotice(notice, "通知.txt", 1000), "一、请各村开展防汛应急演练。");
  });

  it("a job past its time limit is stopped and refused as unavailable (503) with a retry hint", async () => {
    const error = await pool({ readMs: 1 })
      .readNotice(notice, "通知.txt", 1000)
      .catch((e: unknown) => e);
    assert.ok(error instanceof Refusal, String(error));
    assert.equal(error.code, "unavailable");
    assert.equal(error.status, 503);
    assert.match(error.message, /处理超过 0\.001 秒，已停止/);
    assert.equal(error.details?.retryAfter, 5);
  });

  it("past the queue bound, jobs are refused at once instead of waiting", async () => {
    const busy = pool({ maxQueue: 1 });
    const answers = await Promise.allSettled(
      Array.from({ length: 6 }, () => busy.readNotice(notice, "通知.txt", 1000)),
    );
    const refused = answers.filter((a) => a.status === "rejected").map((a) => a.reason);
    assert.ok(refused.length >= 1, "some jobs were refused");
    for (const reason of refused) {
      assert.ok(reason instanceof Refusal && reason.code === "unavailable", String(reason));
      assert.match(reason.message, /服务器正忙/);
    }
    assert.ok(
      answers.some((a) => a.status === "fulfilled"),
      "the jobs that fit were done",
    );
  });

  it("a job past the worker's heap limit is refused as too-large (413), and the next job runs on a fresh worker", async () => {
    const small = pool({ heapMb: 48 });
    const zip = new JSZip();
    const para = "<w:p><w:r><w:t>请各村开展防汛应急演练。</w:t></w:r></w:p>";
    zip.file("word/document.xml", `<w:document><w:body>${para.repeat(60_000)}</w:body></w:document>`);
    const big = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const error = await small.readNotice(big, "大.docx", 30_000).catch((e: unknown) => e);
    assert.ok(error instanceof Refusal && error.code === "too-large", String(error));
    assert.match(error.message, /文件解析所需内存超过上限（48 MB）/);
    assert.equal(await small.readNotice(notice, "通知.txt", 1000), "一、请各村开展防汛应急演练。");
  });

  it("an unreadable upload is refused as invalid, naming the file; a long one as too-large", async () => {
    const p = pool({});
    const binary = await p.readNotice(new Uint8Array([0, 1, 2, 3]), "坏.txt", 1000).catch((e: unknown) => e);
    assert.ok(binary instanceof Refusal && binary.code === "invalid", String(binary));
    assert.match(binary.message, /^坏\.txt: .*二进制/);
    const long = await p.readNotice(notice, "长.txt", 5).catch((e: unknown) => e);
    assert.ok(long instanceof Refusal && long.code === "too-large", String(long));
    assert.match(long.message, /超过核验上限 5 字/);
  });
});
