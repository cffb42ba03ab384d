/**
 * Sign-in over HTTP, as an attacker tries it (issue 9 rows 4, 5, 10): parallel wrong passwords, TOTP
 * guessing through the JSON step, unknown names, rotating X-Forwarded-For behind a proxy, and `next`
 * redirects. Every suite runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Hono } from "hono";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { type WorkflowDb, workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { hashPassword, verifyPassword } from "../../src/workflow/password-hash.ts";
import { newTotpSecret, totpCode } from "../../src/workflow/totp.ts";
import { addUser } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { Client } from "../workflow/http-client.ts";

const PASSWORD = "Lz-Qingdan#2026";

describeEachBackend("sign-in over HTTP holds against guessing", (backend) => {
  let store: SqlDutyStore;
  let db: WorkflowDb;
  let app: Hono;
  let secret = "";
  let address = 0;

  before(async () => {
    store = await backend.open();
    db = workflowDb(store.db);
    await importEdition(store, craftedDraft(), "test", { status: "published" });
    const hash = await hashPassword(PASSWORD);
    for (const [name, input] of [
      ["wang", { role: "township", township: "测试乡" }],
      ["li", { role: "township", township: "测试乡" }],
      ["bianban", { role: "admin" }],
    ] as const) {
      await addUser(db, { name, ...input }, "test");
      await db
        .updateTable("users")
        .set({ password_hash: hash, must_change: 0 })
        .where("name", "=", name)
        .execute();
    }
    secret = newTotpSecret();
    await db
      .updateTable("users")
      .set({ totp_secret: secret, totp_enabled: 1 })
      .where("name", "=", "bianban")
      .execute();
    app = createApp({ store });
  });
  after(() => store.close());

  /** A browser from an address of its own (or the one given), with the login form's CSRF token. */
  async function browser(from = `198.18.0.${++address}`): Promise<Client> {
    const client = new Client(app);
    client.address = from;
    await client.get("/login");
    return client;
  }

  async function failedChecks(): Promise<number> {
    return (await listAudit(db, { action: "auth.login_failed" })).length;
  }

  function tally(statuses: number[]): Record<number, number> {
    const out: Record<number, number> = {};
    for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
    return out;
  }

  test("100 parallel wrong passwords from one address: 5 are checked, 95 answer 429 with Retry-After; the real user still signs in from elsewhere", async (t) => {
    const attacker = await browser("203.0.113.7");
    const before = await failedChecks();
    // The clock stands still: on a loaded machine the 100 answers can take longer than the first wait
    // (2 s), after which a sixth attempt would rightly be checked. What is tested is the counting.
    t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        attacker.post("/login", { name: "wang", password: `guess-${i}` }),
      ),
    );
    const checked = (await failedChecks()) - before;
    const statuses = tally(answers.map((a) => a.status));
    t.diagnostic(
      `${backend.name}: ${checked} of 100 parallel attempts checked, ${JSON.stringify(statuses)}, ` +
        `${Math.round(performance.now() - started)} ms`,
    );
    assert.equal(checked, 5);
    assert.deepEqual(statuses, { 401: 5, 429: 95 });
    const waiting = answers.find((a) => a.status === 429)!;
    assert.match(waiting.res.headers.get("retry-after") ?? "", /^\d+$/);
    assert.match(waiting.text, /尝试次数过多/);
    t.mock.timers.reset();
    // The right password from the attacker's address waits too …
    assert.equal((await attacker.post("/login", { name: "wang", password: PASSWORD })).status, 429);
    // … but the user, from their own address, is not locked out.
    const user = await browser("192.0.2.10");
    const signedIn = await user.post("/login", { name: "wang", password: PASSWORD });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.location, "/admission/township");
  });

  test("rotating X-Forwarded-For behind a trusted proxy counts as the address the proxy saw", async (t) => {
    const saved = process.env.LVZHI_TRUST_PROXY;
    process.env.LVZHI_TRUST_PROXY = "1";
    try {
      const proxy = await browser("10.0.0.1");
      const auditBefore = (await listAudit(db)).length;
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          proxy.post("/login", { name: `user${i}`, password: "x" }, proxy.csrf, {
            "x-forwarded-for": `100.64.${i}.${i}, 192.0.2.50`,
          }),
        ),
      );
      const statuses = tally(answers.map((a) => a.status));
      const auditRows = (await listAudit(db)).length - auditBefore;
      t.diagnostic(`${backend.name}: ${JSON.stringify(statuses)}, ${auditRows} audit rows for 100 attempts`);
      assert.deepEqual(statuses, { 401: 20, 429: 80 });
      assert.equal(auditRows, 21, "20 checked failures and one row when the address started to wait");
      // Another client behind the same proxy is another address.
      const other = await proxy.post("/login", { name: "li", password: PASSWORD }, proxy.csrf, {
        "x-forwarded-for": "100.64.0.0, 192.0.2.51",
      });
      assert.equal(other.status, 303);
    } finally {
      if (saved === undefined) delete process.env.LVZHI_TRUST_PROXY;
      else process.env.LVZHI_TRUST_PROXY = saved;
    }
  });

  /** A code no authenticator would show now (none of the three steps the check accepts). */
  function wrongCode(): string {
    const now = Date.now();
    const near = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, now + d)));
    return ["000000", "111111", "222222", "333333"].find((c) => !near.has(c))!;
  }

  test("TOTP guessing through /api/v1/login/totp: 401 for wrong codes, then 429 with Retry-After; the password does not reset the count", async () => {
    const client = await browser("203.0.113.30");
    client.csrf = String((await client.getJson("/api/v1/csrf")).body.csrf);
    const signed = await client.json("/api/v1/login", { name: "bianban", password: PASSWORD });
    assert.equal(signed.status, 200);
    assert.equal(signed.body.pending, "totp");
    client.csrf = String(signed.body.csrf);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 16; i++) {
      const answer = await client.json("/api/v1/login/totp", { code: wrongCode() });
      statuses.push(answer.status);
      if (answer.status === 429) {
        retryAfter = answer.res.headers.get("retry-after");
        assert.equal((answer.body.error as { code: string }).code, "rate-limited");
      }
    }
    // The password step took one of the five free attempts; four codes are checked, then it waits.
    assert.deepEqual(statuses, [401, 401, 401, 401, ...Array<number>(12).fill(429)]);
    assert.match(retryAfter ?? "", /^\d+$/);
    const fresh = await browser("203.0.113.30");
    fresh.csrf = String((await fresh.getJson("/api/v1/csrf")).body.csrf);
    const again = await fresh.json("/api/v1/login", { name: "bianban", password: PASSWORD });
    assert.equal(again.status, 429, "signing in again with the password does not start the count again");
    // From another address the right password and code get through, and the counters start again.
    const admin = await browser("192.0.2.20");
    admin.csrf = String((await admin.getJson("/api/v1/csrf")).body.csrf);
    const step1 = await admin.json("/api/v1/login", { name: "bianban", password: PASSWORD });
    admin.csrf = String(step1.body.csrf);
    const step2 = await admin.json("/api/v1/login/totp", { code: totpCode(secret) });
    assert.equal(step2.status, 200);
    assert.equal(step2.body.ok, true);
    assert.equal(step2.body.pending, null);
    assert.equal((await admin.getJson("/api/v1/csrf")).status, 200);
    const malformed = await admin.json("/api/v1/login/totp", { code: "12ab" });
    assert.equal(malformed.status, 400, "a signed-in session owes no code; malformed input is refused first");
  });

  test("the TOTP page answers 401 with the form for a wrong code", async () => {
    const client = await browser("203.0.113.31");
    const signed = await client.post("/login", { name: "bianban", password: PASSWORD });
    assert.equal(signed.location, "/login/totp");
    await client.get("/login/totp");
    const wrong = await client.post("/login/totp", { code: wrongCode() });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /动态口令不正确/);
    assert.match(wrong.text, /name="code"/);
  });

  test("an unknown name gets the same answers, the same throttling and similar timing as a known one", async (t) => {
    type Answer = { status: number; body: unknown; ms: number; retryAfter: string | null };
    async function attempt(client: Client, name: string, i: number): Promise<Answer> {
      const started = performance.now();
      const answer = await client.json("/api/v1/login", { name, password: `wrong-${i}` });
      const ms = performance.now() - started;
      return {
        status: answer.status,
        body: answer.body,
        ms,
        retryAfter: answer.res.headers.get("retry-after"),
      };
    }
    const clients = [await browser("203.0.113.40"), await browser("203.0.113.41")];
    for (const c of clients) c.csrf = String((await c.getJson("/api/v1/csrf")).body.csrf);
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    // One argon2id verification on its own: the baseline, measured in the same loop so that a busy
    // machine slows all three alike.
    const stored = await hashPassword("baseline");
    const baseline: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await attempt(clients[0]!, "li", i));
      unknown.push(await attempt(clients[1]!, "no-such-user", i));
      const started = performance.now();
      await verifyPassword(stored, `wrong-${i}`);
      baseline.push(performance.now() - started);
    }
    assert.deepEqual(
      known.map((a) => [a.status, a.body, a.retryAfter]),
      unknown.map((a) => [a.status, a.body, a.retryAfter]),
    );
    assert.deepEqual(
      known.map((a) => a.status),
      [401, 401, 401, 401, 401, 429, 429],
    );
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const knownMs = median(known.slice(0, 5).map((a) => a.ms));
    const unknownMs = median(unknown.slice(0, 5).map((a) => a.ms));
    const verifyMs = median(baseline);
    t.diagnostic(
      `${backend.name}: median ${knownMs.toFixed(1)} ms known, ${unknownMs.toFixed(1)} ms unknown, ` +
        `one hash verification ${verifyMs.toFixed(1)} ms`,
    );
    // Both verify one hash (an unknown name against a dummy): neither answers faster than a verification.
    assert.ok(knownMs > 0.4 * verifyMs, `known ${knownMs} ms vs verification ${verifyMs} ms`);
    assert.ok(unknownMs > 0.4 * verifyMs, `unknown ${unknownMs} ms vs verification ${verifyMs} ms`);
  });

  test("a malformed sign-in form is refused with 400 before anything is counted or checked", async () => {
    const client = await browser("203.0.113.50");
    const before = await failedChecks();
    for (let i = 0; i < 10; i++) {
      const twice = await client.post("/login", { name: ["wang", "li"], password: "x" });
      assert.equal(twice.status, 400);
      assert.match(twice.text, /用户名只能填一次/);
    }
    assert.equal((await client.post("/login", { name: "wang" })).status, 400);
    assert.equal(await failedChecks(), before);
    assert.equal((await client.post("/login", { name: "wang", password: PASSWORD })).status, 303);
  });

  test("the password page refuses common passwords, padded ones and the current one, with the reason", async () => {
    const client = await browser("203.0.113.51");
    assert.equal((await client.post("/login", { name: "li", password: PASSWORD })).status, 303);
    await client.get("/account/password");
    for (const [next, reason] of [
      ["Password1", /过于常见/],
      ["P@ssw0rd", /过于常见/],
      [" Lz-Qingdan#2027", /首尾不能是空格/],
      [PASSWORD, /不能与当前密码相同/],
    ] as const) {
      const answer = await client.post("/account/password", {
        current: PASSWORD,
        password: next,
        again: next,
      });
      assert.equal(answer.status, 400, next);
      assert.match(answer.text, reason, next);
    }
    const wrong = await client.post("/account/password", {
      current: "not-it",
      password: "Lz-Qingdan#2027",
      again: "Lz-Qingdan#2027",
    });
    assert.equal(wrong.status, 403);
  });

  test("after sign-in, next is followed only as a same-origin path; anything else goes to /", async () => {
    const cases: [string, string][] = [
      ["%2Fadmission%3Fx%3D1", "/admission?x=1"],
      ["%2F%09%2Fevil.example", "/"],
      ["%2F%0A%2Fevil.example", "/"],
      ["%2F%0D%0ASet-Cookie%3Ax", "/"],
      ["%2F%2Fevil.example", "/"],
      ["%2F%5Cevil.example", "/"],
      ["%2F%5C%5Cevil.example", "/"],
      ["https%3A%2F%2Fevil.example%2F", "/"],
      ["javascript%3Aalert(1)", "/"],
      ["%2F%E3%80%80%2Fevil.example", "/"],
      ["%2F%C2%A0%2Fevil.example", "/"],
      ["%20%2F%2Fevil.example", "/"],
      ["%2F%252F%252Fevil.example", "/%2F%2Fevil.example"],
      ["%2F..%2F..%2F%2Fevil.example", "/"],
      ["", "/admission/township"],
    ];
    for (const [raw, expected] of cases) {
      const client = await browser();
      const page = await client.get(`/login?next=${raw}`);
      assert.equal(page.status, 200, `GET /login?next=${raw}`);
      const answer = await client.post(`/login?next=${raw}`, { name: "wang", password: PASSWORD });
      assert.equal(answer.status, 303, `POST /login?next=${raw}`);
      assert.equal(answer.location, expected, `next=${raw}`);
    }
  });
});
