import assert from "node:assert/strict";
import { request } from "node:http";
import { describe, it } from "node:test";
import { EventStream } from "./events.js";
import { startEventsServer, type LoopControl } from "./events-server.js";

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  until?: (text: string) => boolean,
) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        if (until?.(text)) {
          resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text });
          req.destroy();
        }
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function send(port: number, method: string, path: string, body: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      res.resume();
      res.on("end", () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("event stream over HTTP", () => {
  it("replays history as NDJSON, streams new events as SSE, and takes intents", async () => {
    const events = new EventStream();
    events.emit("build", { artifact: "web", status: "Completed" });
    const calls: string[] = [];
    const auto = { build: true, sync: true, deploy: true };
    const control: LoopControl = {
      execute: () => calls.push("execute"),
      setAuto: (phase, enabled) => {
        auto[phase] = enabled;
      },
      auto: () => auto,
    };
    const server = await startEventsServer(0, events, control);
    try {
      const poll = await get(server.port, "/v2/events?follow=false");
      assert.equal(poll.type, "application/x-ndjson");
      const first = JSON.parse(poll.text.trim()) as {
        result: { kind: string; artifact: string; seq: number };
      };
      assert.equal(first.result.kind, "build");
      assert.equal(first.result.artifact, "web");

      const sse = get(server.port, "/v2/events", { accept: "text/event-stream" }, (t) =>
        t.includes("event: sync"),
      );
      setTimeout(() => {
        events.emit("sync", { files: 2, status: "Completed" });
      }, 50);
      const streamed = await sse;
      assert.equal(streamed.type, "text/event-stream");
      assert.match(streamed.text, /id: 1\nevent: build\ndata: /);
      assert.match(streamed.text, /id: 2\nevent: sync\ndata: .*"files":2/);

      const since = await get(server.port, "/v2/events?since=1&follow=false");
      assert.equal(since.text.trim().split("\n").length, 1);

      assert.equal(await send(server.port, "POST", "/v2/execute", "{}"), 200);
      assert.equal(await send(server.port, "PUT", "/v2/sync/auto_execute", '{"enabled":false}'), 200);
      assert.equal(await send(server.port, "PUT", "/v2/sync/auto_execute", "nope"), 400);
      assert.deepEqual(calls, ["execute"]);
      const state = JSON.parse((await get(server.port, "/v2/state")).text) as { auto: { sync: boolean } };
      assert.equal(state.auto.sync, false);
      assert.equal((await get(server.port, "/nowhere")).status, 404);
    } finally {
      await server.close();
    }
  });
});
