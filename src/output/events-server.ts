/**
 * `--rpc-http-port`: the event stream over HTTP on 127.0.0.1, for IDEs and benchmarks.
 *
 * - `GET /v2/events`: every event so far, then new ones as they happen, as newline-delimited JSON with
 *   Skaffold's envelope `{"result": {...}}`; with `Accept: text/event-stream` (or `?sse=1`) as server-sent
 *   events instead (`id:` is the sequence number; `Last-Event-ID` resumes after it).
 * - `GET /v2/events?since=<seq>`: only events after that sequence number; `&follow=false` ends the response
 *   after the history (a plain JSON poll).
 * - `GET /v2/state`: the latest event of each kind and the auto-trigger settings.
 * - `POST /v2/execute`: run an iteration now (body ignored), as Skaffold's `Execute` intent.
 * - `PUT /v2/{build,sync,deploy}/auto_execute` with `{"enabled": bool}`: switch `--auto-*` at runtime.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { userError } from "../errors/errors.js";
import type { EventStream, TrestleEvent } from "./events.js";

/** What the dev loop lets the API control. */
export interface LoopControl {
  /** Runs an iteration with whatever changes are pending. */
  execute(): void;
  setAuto(phase: "build" | "sync" | "deploy", enabled: boolean): void;
  auto(): Readonly<Record<"build" | "sync" | "deploy", boolean>>;
}

export interface EventsServer {
  readonly port: number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(`${JSON.stringify(value)}\n`);
}

function streamEvents(req: IncomingMessage, res: ServerResponse, url: URL, events: EventStream): void {
  const sse = url.searchParams.get("sse") === "1" || (req.headers.accept ?? "").includes("text/event-stream");
  const since = Number(url.searchParams.get("since") ?? req.headers["last-event-id"] ?? 0) || 0;
  const follow = url.searchParams.get("follow") !== "false";
  res.writeHead(200, {
    "content-type": sse ? "text/event-stream" : "application/x-ndjson",
    "cache-control": "no-cache",
    connection: follow ? "keep-alive" : "close",
  });
  const write = (event: TrestleEvent): void => {
    if (event.seq <= since) return;
    if (sse) res.write(`id: ${String(event.seq)}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    else res.write(`${JSON.stringify({ result: event })}\n`);
  };
  for (const event of events.history()) write(event);
  if (!follow) {
    res.end();
    return;
  }
  const unsubscribe = events.subscribe(write);
  const keepAlive = setInterval(() => res.write(sse ? ": keep-alive\n\n" : ""), 15_000);
  req.on("close", () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

/** Starts the server; a taken port is a user error. Port 0 picks a free one. */
export async function startEventsServer(
  port: number,
  events: EventStream,
  control: LoopControl | undefined,
): Promise<EventsServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const path = url.pathname.replace(/^\/v1\//, "/v2/");
      if (req.method === "GET" && path === "/v2/events") {
        streamEvents(req, res, url, events);
        return;
      }
      if (req.method === "GET" && path === "/v2/state") {
        const latest: Record<string, TrestleEvent> = {};
        for (const e of events.history()) latest[e.kind] = e;
        sendJson(res, 200, { latest, auto: control?.auto() ?? {} });
        return;
      }
      if (req.method === "POST" && path === "/v2/execute" && control) {
        await body(req);
        control.execute();
        sendJson(res, 200, {});
        return;
      }
      const auto = /^\/v2\/(build|sync|deploy)\/auto_execute$/.exec(path);
      if (req.method === "PUT" && auto && control) {
        let enabled: unknown;
        try {
          enabled = (JSON.parse(await body(req)) as { enabled?: unknown }).enabled;
        } catch {
          enabled = undefined;
        }
        if (typeof enabled !== "boolean") {
          sendJson(res, 400, { error: 'body must be {"enabled": true|false}' });
          return;
        }
        control.setAuto(auto[1] as "build" | "sync" | "deploy", enabled);
        sendJson(res, 200, {});
        return;
      }
      sendJson(res, 404, { error: `no route ${req.method ?? "GET"} ${url.pathname}` });
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? userError(
              "RPC_PORT_IN_USE",
              `--rpc-http-port ${String(port)} is already in use`,
              "Pick another port.",
            )
          : error,
      );
    });
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
