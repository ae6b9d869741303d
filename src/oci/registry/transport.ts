/**
 * HTTP for the registry client, on node:http and node:https: streamed request and response bodies,
 * keep-alive agents per host with that host's TLS settings, and an inactivity timeout.
 */
import http from "node:http";
import https from "node:https";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createSecureContext } from "node:tls";
import type { SecureContext } from "node:tls";
import { readAll } from "../blob.js";
import type { TlsSettings } from "./endpoint.js";

/** A request body: bytes, or a re-openable stream of known length (so a retry can send it again). */
export type RequestBody =
  Uint8Array | { readonly size: number; readonly open: () => AsyncIterable<Uint8Array> };

/** One HTTP request. */
export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
}

/** One HTTP response; read the body once, or `discard` it. */
export interface HttpResponse {
  readonly status: number;
  /** Lowercase names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: AsyncIterable<Uint8Array>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
  discard(): void;
}

/** Sends HTTP requests; the registry client's only door to the network (a test seam). */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** Options of the node transport. */
export interface NodeTransportOptions {
  readonly tls: (host: string) => TlsSettings;
  readonly userAgent?: string;
  /** Milliseconds without any traffic before a request fails with ETIMEDOUT; default 60 s. */
  readonly idleTimeoutMs?: number;
}

/** Wraps a response (or any status, headers and body) in the HttpResponse shape. */
export function httpResponse(
  status: number,
  headers: Readonly<Record<string, string | undefined>>,
  body: AsyncIterable<Uint8Array> & { resume?: () => unknown },
): HttpResponse {
  return {
    status,
    headers,
    body,
    bytes: () => readAll(body),
    text: async () => Buffer.from(await readAll(body)).toString("utf8"),
    discard: () => {
      body.resume?.();
    },
  };
}

function flatHeaders(res: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) out[name] = values?.join(", ");
  return out;
}

function bodySize(body: RequestBody): number {
  return body instanceof Uint8Array ? body.length : body.size;
}

/** The real transport. */
export function nodeTransport(options: NodeTransportOptions): HttpTransport & { close(): void } {
  const agents = new Map<string, http.Agent>();
  // Parsing a CA list costs tens of milliseconds per connection; build each list's context once.
  const contexts = new WeakMap<readonly string[], SecureContext>();
  const contextFor = (ca: readonly string[]): SecureContext => {
    let context = contexts.get(ca);
    if (context === undefined) {
      context = createSecureContext({ ca: [...ca] });
      contexts.set(ca, context);
    }
    return context;
  };
  const agentFor = (url: URL): http.Agent => {
    const key = `${url.protocol}//${url.host}`;
    let agent = agents.get(key);
    if (agent === undefined) {
      const tls = options.tls(url.host);
      agent =
        url.protocol === "https:"
          ? new https.Agent({
              keepAlive: true,
              rejectUnauthorized: tls.rejectUnauthorized,
              ...(tls.ca === undefined ? {} : { secureContext: contextFor(tls.ca) }),
            })
          : new http.Agent({ keepAlive: true });
      agents.set(key, agent);
    }
    return agent;
  };
  return {
    send(request) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string> = {
          "user-agent": options.userAgent ?? "trestle",
          ...request.headers,
        };
        if (request.body !== undefined) headers["content-length"] = String(bodySize(request.body));
        const module = request.url.protocol === "https:" ? https : http;
        const req = module.request(
          request.url,
          {
            method: request.method,
            headers,
            agent: agentFor(request.url),
            ...(request.signal === undefined ? {} : { signal: request.signal }),
          },
          (res) => {
            resolve(httpResponse(res.statusCode ?? 0, flatHeaders(res), res));
          },
        );
        req.setTimeout(options.idleTimeoutMs ?? 60_000, () => {
          req.destroy(Object.assign(new Error("the registry stopped answering"), { code: "ETIMEDOUT" }));
        });
        req.on("error", reject);
        const body = request.body;
        if (body === undefined) req.end();
        else if (body instanceof Uint8Array) req.end(body);
        else pipeline(Readable.from(body.open()), req).catch(reject);
      });
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}

/** A transport that records `METHOD /path` of every request in `log` before sending it. */
export function recordingTransport(inner: HttpTransport, log: string[]): HttpTransport {
  return {
    send(request) {
      log.push(`${request.method} ${request.url.pathname}`);
      return inner.send(request);
    },
  };
}
