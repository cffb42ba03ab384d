/**
 * `lvzhi serve --workers N`: one primary process that imports the bundled lists once and N worker processes
 * (node's cluster module) that share the listening port, so every core serves pages. Workers share the
 * database (SQLite in WAL mode, or a PostgreSQL pool each) and see each other's writes through the edition
 * revision counter the caches already poll.
 */
import cluster, { type Worker } from "node:cluster";
import type { CommandIO } from "../command.ts";

/** A worker that dies this soon after it started is not restarted (it would only die again). */
const MIN_UPTIME_MS = 5_000;

/** Message a worker sends the primary once its server listens. */
export interface ListeningMessage {
  lvzhi: "listening";
  url: string;
}

function isListening(message: unknown): message is ListeningMessage {
  return (
    typeof message === "object" && message !== null && (message as ListeningMessage).lvzhi === "listening"
  );
}

/**
 * Runs the primary: forks `workers` processes, prints the URL once, restarts a worker that crashes after
 * running a while, and on SIGINT/SIGTERM stops them all and resolves with the exit code.
 */
export function runPrimary(
  workers: number,
  io: CommandIO,
  untilSignal: () => Promise<string>,
): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let announced = false;
    const started = new Map<number, number>();

    const fork = (): Worker => {
      const worker = cluster.fork();
      started.set(worker.id, Date.now());
      worker.on("message", (message: unknown) => {
        if (isListening(message) && !announced) {
          announced = true;
          io.out(`lvzhi 已启动：${message.url}  （${workers} 个工作进程；按 Ctrl+C 停止）\n`);
        }
      });
      return worker;
    };

    cluster.on("exit", (worker, code, signal) => {
      // A worker exits 0 only when told to stop (e.g. Ctrl+C reaches the whole process group): stop too.
      if (code === 0 && !stopping) {
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      }
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(0);
        return;
      }
      const uptime = Date.now() - (started.get(worker.id) ?? 0);
      started.delete(worker.id);
      if (uptime < MIN_UPTIME_MS) {
        io.err(`工作进程 ${worker.process.pid} 启动后随即退出（${signal ?? code}）：服务停止\n`);
        stopping = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.kill();
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(1);
        return;
      }
      io.err(`工作进程 ${worker.process.pid} 意外退出（${signal ?? code}），已重新启动一个\n`);
      fork();
    });

    for (let i = 0; i < workers; i++) fork();

    void untilSignal().then(() => {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      if (alive.length === 0) resolve(0);
      for (const worker of alive) worker.process.kill("SIGTERM");
    });
  });
}

/** Tells the primary (when there is one) that this worker listens at `url`. */
export function announceListening(url: string): void {
  if (cluster.isWorker && process.send) process.send({ lvzhi: "listening", url } satisfies ListeningMessage);
}

/** Whether this process is a worker forked by `runPrimary`. */
export function isServeWorker(): boolean {
  return cluster.isWorker;
}
