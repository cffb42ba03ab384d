/** Runs the app on Node's HTTP server (via @hono/node-server); used by `lvzhi serve` and tests. */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { PageCache } from "./page-cache.ts";

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** Base URL, e.g. http://localhost:3000. */
  url: string;
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound, rejects when it cannot be (e.g. in use). */
export function listen(
  app: Hono,
  options: { port: number; hostname?: string; pages?: PageCache },
): Promise<RunningServer> {
  const pages = options.pages;
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.hostname,
        // The app's page cache (the one it was created with) answers its hits before the app.
        ...(pages ? { createServer: withFastPath(pages) as typeof createServer } : {}),
      },
      (info: AddressInfo) => {
        server.off("error", reject);
        // Loopback and "every interface" are both reachable as localhost from this machine.
        const local = ["", "127.0.0.1", "0.0.0.0", "::", "::1"].includes(options.hostname ?? "");
        const host = local ? "localhost" : (options.hostname as string);
        resolve({
          port: info.port,
          url: `http://${host.includes(":") ? `[${host}]` : host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              // Keep-alive connections would hold close() open.
              if ("closeAllConnections" in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}

/** node's createServer with a listener that offers each request to the page cache's fast path first. */
function withFastPath(pages: PageCache) {
  return (options: object, app: RequestListener) =>
    createServer(options, (req, res) => {
      const fast = pages.serveFast(req, res);
      if (fast === false) {
        app(req, res);
        return;
      }
      fast.then(
        (done) => {
          if (!done) app(req, res);
        },
        () => {
          if (!res.headersSent) app(req, res);
        },
      );
    });
}
