// The serving bench's baseline: node's http module answering each path with fixed bytes from memory, no
// framework. Run as a child: `node bare-server.mjs SPEC.json WORKERS`; prints "listening PORT" once ready.
// SPEC.json: [{ "path": "/t/…", "file": "/tmp/…", "headers": { "content-type": "…" } }, …]
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import http from "node:http";

const [specFile, workersArg = "1", portArg = "0"] = process.argv.slice(2);
const workers = Number(workersArg);

if (cluster.isPrimary && workers > 1) {
  let port = Number(portArg);
  if (port === 0) {
    // Workers must share one port: find a free one first.
    const probe = http.createServer();
    await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
    port = probe.address().port;
    await new Promise((resolve) => probe.close(resolve));
  }
  let ready = 0;
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork({ BARE_PORT: String(port) });
    worker.on("message", () => {
      if (++ready === workers) process.stdout.write(`listening ${port}\n`);
    });
  }
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill();
    process.exit(0);
  });
} else {
  const routes = new Map();
  for (const { path, file, headers } of JSON.parse(readFileSync(specFile, "utf8"))) {
    const body = readFileSync(file);
    routes.set(path, { body, headers: { ...headers, "content-length": String(body.length) } });
  }
  const server = http.createServer((req, res) => {
    const route = routes.get(req.url);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    // A POST body is read and dropped, as a server must before it answers.
    req.resume();
    req.on("end", () => {
      res.writeHead(200, route.headers);
      res.end(route.body);
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = Number(process.env.BARE_PORT ?? portArg);
  server.listen(port, "127.0.0.1", () => {
    if (process.send) process.send("ready");
    else process.stdout.write(`listening ${server.address().port}\n`);
  });
}
