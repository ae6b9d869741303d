/**
 * An in-memory registry on a loopback port, for tests of the client: the distribution API subset Trestle
 * uses (ping, manifests, blobs, monolithic and chunked uploads, mounts), Basic or Bearer auth with a
 * token endpoint, a request log, and injected failures.
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake registry authenticates. */
export type FakeAuth =
  | { readonly kind: "none" }
  | { readonly kind: "basic"; readonly username: string; readonly password: string }
  | { readonly kind: "bearer"; readonly username: string; readonly password: string };

/** A failure to inject: the next `times` requests matching `method` and `path` get `status`. */
export interface FakeFailure {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  times: number;
}

/** A running fake registry. */
export interface FakeRegistry {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  /** Every request as `METHOD /path?query`. */
  readonly log: string[];
  /** Blob contents by digest; a repository sees a blob only when linked (`<repo>@<digest>`). */
  readonly blobs: Map<string, Buffer>;
  readonly links: Set<string>;
  readonly manifests: Map<string, { readonly type: string; readonly body: Buffer }>;
  readonly failures: FakeFailure[];
  /** Bytes a PATCH may accept before it fails (to exercise resumption); unlimited when undefined. */
  patchLimit: number | undefined;
  close(): Promise<void>;
}

const TOKEN = "fake-token";

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function digestOf(body: Buffer): string {
  return `sha256:${createHash("sha256").update(body).digest("hex")}`;
}

/** Starts a fake registry. */
export async function startFakeRegistry(auth: FakeAuth = { kind: "none" }): Promise<FakeRegistry> {
  const uploads = new Map<string, Buffer>();
  let nextUpload = 0;
  const state: Omit<FakeRegistry, "host" | "close"> = {
    log: [],
    blobs: new Map(),
    links: new Set(),
    manifests: new Map(),
    failures: [],
    patchLimit: undefined,
  };
  const basic =
    auth.kind === "none"
      ? ""
      : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
  const authorized = (req: IncomingMessage): boolean =>
    auth.kind === "none" || req.headers.authorization === (auth.kind === "basic" ? basic : `Bearer ${TOKEN}`);

  const handle = async (req: IncomingMessage, res: ServerResponse, host: string): Promise<void> => {
    const url = new URL(req.url ?? "/", `http://${host}`);
    const method = req.method ?? "GET";
    state.log.push(`${method} ${url.pathname}${url.search}`);
    const body = await readBody(req);
    const failure = state.failures.find(
      (f) => f.times > 0 && f.method === method && f.path.test(url.pathname),
    );
    if (failure !== undefined) {
      failure.times--;
      res.writeHead(failure.status, { "retry-after": "0" }).end();
      return;
    }
    if (url.pathname === "/token") {
      const ok = req.headers.authorization === basic;
      res
        .writeHead(ok ? 200 : 401, { "content-type": "application/json" })
        .end(ok ? JSON.stringify({ token: TOKEN }) : "{}");
      return;
    }
    if (!authorized(req)) {
      const challenge =
        auth.kind === "bearer"
          ? `Bearer realm="http://${host}/token",service="fake",scope="repository:x:pull"`
          : `Basic realm="fake"`;
      res.writeHead(401, { "www-authenticate": challenge }).end();
      return;
    }
    if (url.pathname === "/v2/") {
      res.writeHead(200).end();
      return;
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    if (m?.[2] === "blobs" && m[3] === "uploads/" && method === "POST") {
      const mount = url.searchParams.get("mount");
      const from = url.searchParams.get("from");
      if (mount !== null && state.links.has(`${from ?? ""}@${mount}`)) {
        state.links.add(`${m[1] ?? ""}@${mount}`);
        res.writeHead(201, { location: `/v2/${m[1]}/blobs/${mount}` }).end();
        return;
      }
      const id = String(nextUpload++);
      uploads.set(id, Buffer.alloc(0));
      res.writeHead(202, { location: `/v2/${m[1]}/blobs/uploads/${id}?_state=s${id}`, range: "0-0" }).end();
      return;
    }
    const upload = /^uploads\/(\d+)$/.exec(m?.[3] ?? "");
    if (m?.[2] === "blobs" && upload?.[1] !== undefined) {
      const id = upload[1];
      const have = uploads.get(id) ?? Buffer.alloc(0);
      const location = `/v2/${m[1]}/blobs/uploads/${id}?_state=s${id}`;
      if (method === "GET") {
        res.writeHead(204, { location, range: `0-${have.length - 1}` }).end();
      } else if (method === "PATCH") {
        const start = Number((req.headers["content-range"] ?? `${have.length}-`).split("-")[0]);
        if (start !== have.length) {
          res.writeHead(416, { location, range: `0-${have.length - 1}` }).end();
          return;
        }
        const accepted = state.patchLimit === undefined ? body : body.subarray(0, state.patchLimit);
        uploads.set(id, Buffer.concat([have, accepted]));
        if (accepted.length < body.length) {
          state.patchLimit = undefined;
          res.writeHead(500).end();
          return;
        }
        res.writeHead(202, { location, range: `0-${have.length + body.length - 1}` }).end();
      } else if (method === "PUT") {
        const all = Buffer.concat([have, body]);
        const digest = url.searchParams.get("digest") ?? "";
        if (digestOf(all) !== digest) {
          res
            .writeHead(400, { "content-type": "application/json" })
            .end(JSON.stringify({ errors: [{ code: "DIGEST_INVALID", message: "digest mismatch" }] }));
          return;
        }
        state.blobs.set(digest, all);
        state.links.add(`${m[1] ?? ""}@${digest}`);
        uploads.delete(id);
        res.writeHead(201, { location: `/v2/${m[1]}/blobs/${digest}` }).end();
      }
      return;
    }
    if (m?.[2] === "blobs") {
      const blob = state.links.has(`${m[1] ?? ""}@${m[3] ?? ""}`) ? state.blobs.get(m[3] ?? "") : undefined;
      if (blob === undefined) res.writeHead(404).end();
      else
        res
          .writeHead(200, { "content-length": blob.length, "docker-content-digest": m[3] })
          .end(method === "HEAD" ? undefined : blob);
      return;
    }
    if (m?.[2] === "manifests") {
      const key = `${m[1]}:${m[3]}`;
      if (method === "PUT") {
        const stored = { type: req.headers["content-type"] ?? "", body };
        state.manifests.set(key, stored);
        state.manifests.set(`${m[1]}:${digestOf(body)}`, stored);
        res.writeHead(201, { "docker-content-digest": digestOf(body) }).end();
        return;
      }
      const found = state.manifests.get(key);
      if (found === undefined) res.writeHead(404).end();
      else {
        res.writeHead(200, {
          "content-type": found.type,
          "docker-content-digest": digestOf(found.body),
          "content-length": found.body.length,
        });
        res.end(method === "HEAD" ? undefined : found.body);
      }
      return;
    }
    res.writeHead(404).end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res, host).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}
