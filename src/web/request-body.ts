/**
 * A JSON request body read straight from node's stream into Hono's body cache, so that c.req.json() answers
 * from it: reading through c.req first builds a web Request and its stream (undici), a good part of a small
 * API call's cost (the task check's JSON API). Only a body whose length is declared (already held to the
 * limit by body-limit.ts) and that nothing has read yet; anywhere else (app.request in tests, chunked
 * bodies, a body the idempotency check already read) Hono reads it as usual.
 */
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { declaredLength } from "./body-limit.ts";

/** The node request under a Hono context (undefined under app.request, as in most tests). */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/**
 * The whole body as text. With the stream's own events: its async iterator (for await) costs a small API
 * call ~10 µs more (end-of-stream tracking, a promise per chunk). A client gone before the end rejects.
 */
export function readAll(incoming: IncomingMessage): Promise<string> {
  if (incoming.readableEnded) return Promise.resolve("");
  if (incoming.destroyed) return Promise.reject(new Error("请求体不完整：连接在发送途中断开。"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => {
      ended = true;
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    incoming.once("error", reject);
    incoming.once("close", () => {
      if (!ended) reject(new Error("请求体不完整：连接在发送途中断开。"));
    });
  });
}

/** The request's JSON body (parsed by Hono from the cached text); throws SyntaxError when malformed. */
export function jsonBody(c: Context): Promise<unknown> {
  const incoming = nodeRequest(c);
  if (incoming && Object.keys(c.req.bodyCache).length === 0 && declaredLength(c) !== undefined) {
    // Hono keeps the promises of what it read (its type says values).
    (c.req.bodyCache as { text?: Promise<string> }).text = readAll(incoming);
  }
  return c.req.json();
}
