/**
 * Keeps hono/jsx from switching on node's async hooks for the whole process. On its first render hono/jsx
 * looks for AsyncLocalStorage (to carry useContext values across an await in async components) and runs
 * every later render in it; on node 20 the first AsyncLocalStorage.run() installs a promise hook that stays
 * on for good, so every promise of every request — about 165 per task check over the API, most of them in
 * Kysely and the middleware — pays for it: ≈ 7 % of a check's CPU once any page has been rendered (measured
 * in-process, test/web/render-context.test.ts checks that a render leaves the hooks off).
 *
 * lvzhi has no JSX context (no createContext/useContext) and no async components, so hono's own fallback —
 * the render's context kept during its synchronous work — gives the same pages. Hono probes once and keeps
 * the answer: the first render is made here, at import, with the probe's two ways to node:async_hooks
 * hidden for its duration, and both put back at once.
 */
import { jsx } from "hono/jsx";

function renderOnceWithoutAsyncLocalStorage(): void {
  const proc = process as { getBuiltinModule?: unknown; mainModule?: unknown };
  const getBuiltinModule = Object.getOwnPropertyDescriptor(proc, "getBuiltinModule");
  const mainModule = Object.getOwnPropertyDescriptor(proc, "mainModule");
  try {
    Object.defineProperty(proc, "getBuiltinModule", { value: undefined, configurable: true, writable: true });
    Object.defineProperty(proc, "mainModule", { value: undefined, configurable: true, writable: true });
    String(jsx("b", {}));
  } finally {
    if (getBuiltinModule) Object.defineProperty(proc, "getBuiltinModule", getBuiltinModule);
    else delete proc.getBuiltinModule;
    if (mainModule) Object.defineProperty(proc, "mainModule", mainModule);
    else delete proc.mainModule;
  }
}

renderOnceWithoutAsyncLocalStorage();
