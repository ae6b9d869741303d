import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { EngineTransport, compareVersions, readText } from "./transport.js";

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

/** A fake engine on a unix socket: answers /_ping with `apiVersion` and records everything else. */
async function fakeEngine(
  apiVersion: string,
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ socketPath: string; seen: Seen[]; server: Server }> {
  const socketPath = join(mkdtempSync(join(tmpdir(), "trestle-engine-")), "docker.sock");
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    void readText(req).then((body) => {
      if (req.url === "/_ping") {
        res.writeHead(200, { "Api-Version": apiVersion }).end("OK");
        return;
      }
      seen.push({ method: req.method ?? "", url: req.url ?? "", body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  servers.push(server);
  return { socketPath, seen, server };
}

const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

describe("engine transport", () => {
  it("negotiates the API version once and prefixes paths with it", async () => {
    const engine = await fakeEngine("1.41", (_req, res) => res.end('{"ok":true}'));
    const transport = new EngineTransport({ kind: "unix", socketPath: engine.socketPath });
    assert.deepEqual(
      await transport.json(
        { method: "GET", path: "/info", query: { t: ["a:1", "b:2"], q: true, x: undefined } },
        "info",
      ),
      {
        ok: true,
      },
    );
    await transport.json({ method: "GET", path: "/version" }, "version");
    assert.deepEqual(
      engine.seen.map((s) => s.url),
      ["/v1.41/info?t=a%3A1&t=b%3A2&q=1", "/v1.41/version"],
    );
  });

  it("caps the version at the newest it knows, and honours a pinned one", async () => {
    const engine = await fakeEngine("1.99", (_req, res) => res.end("{}"));
    await new EngineTransport({ kind: "unix", socketPath: engine.socketPath }).json(
      { method: "GET", path: "/x" },
      "x",
    );
    await new EngineTransport({ kind: "unix", socketPath: engine.socketPath, apiVersion: "1.30" }).json(
      { method: "GET", path: "/y" },
      "y",
    );
    assert.deepEqual(
      engine.seen.map((s) => s.url),
      ["/v1.45/x", "/v1.30/y"],
    );
    assert.ok(compareVersions("1.9", "1.41") < 0);
  });

  it("turns error responses into typed errors with the engine's message", async () => {
    const engine = await fakeEngine("1.41", (_req, res) =>
      res.writeHead(404).end('{"message":"No such image: nope"}'),
    );
    const transport = new EngineTransport({ kind: "unix", socketPath: engine.socketPath });
    await assert.rejects(
      transport.json({ method: "GET", path: "/images/nope/json" }, "inspecting image nope"),
      {
        code: "DOCKER_NOT_FOUND",
        message: "inspecting image nope: No such image: nope",
      },
    );
  });

  it("streams request bodies and reports a failing body source as itself", async () => {
    const engine = await fakeEngine("1.41", (_req, res, body) =>
      res.end(JSON.stringify({ size: body.length })),
    );
    const transport = new EngineTransport({ kind: "unix", socketPath: engine.socketPath });
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) yield await Promise.resolve(Buffer.alloc(1000, 1));
    }
    assert.deepEqual(await transport.json({ method: "POST", path: "/build", body: body() }, "build"), {
      size: 100_000,
    });
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(Buffer.alloc(10));
      throw new Error("context file vanished");
    }
    await assert.rejects(
      transport.json({ method: "POST", path: "/build", body: broken() }, "build"),
      /context file vanished/,
    );
  });

  it("explains a missing socket", async () => {
    const transport = new EngineTransport({
      kind: "unix",
      socketPath: join(tmpdir(), "no-such-dir", "docker.sock"),
    });
    await assert.rejects(transport.json({ method: "GET", path: "/x" }, "x"), {
      code: "DOCKER_SOCKET_MISSING",
    });
  });
});
