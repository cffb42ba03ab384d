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

async function readAll(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
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
