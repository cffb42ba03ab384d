/** A tiny browser for HTTP tests: keeps cookies, finds the CSRF token in pages, posts forms and JSON. */
import type { Hono } from "hono";

export class Client {
  cookies = new Map<string, string>();
  csrf = "";
  /** The socket address the app sees (app.request only); none by default. */
  address: string | undefined;
  /** `send` is app.request, or fetch against a running server (with `base`). */
  constructor(
    readonly app: Hono | null,
    readonly base = "http://localhost",
  ) {}

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    const env = this.address ? { incoming: { socket: { remoteAddress: this.address } } } : undefined;
    const res = this.app
      ? await this.app.request(url, { ...init, headers, redirect: "manual" }, env)
      : await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...value] = pair!.split("=");
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
    return res;
  }

  /** GET; remembers the page's CSRF token. */
  async get(path: string): Promise<{ status: number; text: string; location: string | null; res: Response }> {
    const res = await this.send(path);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, text, location: res.headers.get("location"), res };
  }

  /** POST a form (with the remembered CSRF token unless given). */
  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    csrf = this.csrf,
    headers: Record<string, string> = {},
  ) {
    const body = new URLSearchParams();
    body.append("_csrf", csrf);
    for (const [k, v] of Object.entries(fields))
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await this.send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, text, location: res.headers.get("location"), res };
  }

  /** POST JSON with the X-CSRF-Token header. */
  async json(path: string, body: unknown, csrf = this.csrf, headers: Record<string, string> = {}) {
    const res = await this.send(path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
  }

  /** GET JSON. */
  async getJson(path: string) {
    const res = await this.send(path);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Signs in through the login form (and the TOTP step when `code` is given). */
  async login(name: string, password: string, code?: () => string) {
    await this.get("/login");
    const res = await this.post("/login", { name, password });
    if (res.location === "/login/totp" && code) {
      await this.get("/login/totp");
      return this.post("/login/totp", { code: code() });
    }
    return res;
  }
}
