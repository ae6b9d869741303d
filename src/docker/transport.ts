/**
 * HTTP to the Docker Engine over its unix socket or TCP (node:http/https), with API version negotiation
 * (`/_ping` → `Api-Version`, capped at the newest version Trestle speaks) and typed errors.
 */
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { Duplex } from "node:stream";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EngineEndpoint } from "./endpoint.js";
import { connectionError, responseError } from "./errors.js";

/** The newest Engine API version Trestle knows; older engines are spoken to in their own version. */
export const MAX_API_VERSION = "1.45";
/** Engine 17.05 and later; every endpoint Trestle uses exists there. */
export const MIN_API_VERSION = "1.29";

/** One API call. Paths are unversioned (`/images/json`); the negotiated version is prefixed. */
export interface EngineCall {
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  readonly path: string;
  /** Query parameters; a list repeats the parameter (`t=a&t=b`). */
  readonly query?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | AsyncIterable<Uint8Array>;
  readonly signal?: AbortSignal;
}

/** A response whose body has not been read yet. */
export interface EngineResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
}

/** Compares dotted API versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function queryString(query: EngineCall["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** After a cancellation, the signal's reason is the error to report (not the torn connection). */
export function rethrowIfAborted(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw signal.reason instanceof Error ? signal.reason : error;
}

/** Reads a whole (small) response body as text. */
export async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends calls to one engine. */
export class EngineTransport {
  private version: Promise<string> | undefined;

  constructor(readonly endpoint: EngineEndpoint) {}

  private open(
    method: string,
    path: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): ClientRequest {
    const common = { method, path, headers, ...(signal === undefined ? {} : { signal }) };
    const ep = this.endpoint;
    if (ep.kind === "unix") return httpRequest({ ...common, socketPath: ep.socketPath });
    if (ep.tls === undefined) return httpRequest({ ...common, host: ep.host, port: ep.port });
    return httpsRequest({ ...common, host: ep.host, port: ep.port, ...ep.tls });
  }

  /** Sends a request; rejects only when the engine cannot be reached or the body source fails. */
  private exchange(call: EngineCall, fullPath: string): Promise<EngineResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...call.headers };
      if (typeof call.body === "string") headers["content-type"] ??= "application/json";
      const req = this.open(call.method, fullPath, headers, call.signal);
      let sourceError: Error | undefined;
      req.on("response", (res) => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
      });
      req.on("error", (error) => {
        if (sourceError !== undefined) reject(sourceError);
        else if (call.signal?.aborted)
          reject(call.signal.reason instanceof Error ? call.signal.reason : error);
        else reject(connectionError(this.endpoint, error));
      });
      const body = call.body;
      if (body === undefined || typeof body === "string" || body instanceof Uint8Array) {
        req.end(body);
        return;
      }
      pipeline(Readable.from(body), req).catch((error: unknown) => {
        sourceError = error instanceof Error ? error : new Error(String(error));
        req.destroy(sourceError);
      });
    });
  }

  /** The API version in use: `DOCKER_API_VERSION`, else negotiated once with `/_ping`. */
  apiVersion(signal?: AbortSignal): Promise<string> {
    if (this.endpoint.apiVersion !== undefined) return Promise.resolve(this.endpoint.apiVersion);
    this.version ??= this.negotiate(signal);
    this.version.catch(() => {
      this.version = undefined; // retry on the next call: the daemon may have been started meanwhile
    });
    return this.version;
  }

  private async negotiate(signal?: AbortSignal): Promise<string> {
    const res = await this.exchange(
      { method: "GET", path: "/_ping", ...(signal ? { signal } : {}) },
      "/_ping",
    );
    const body = await readText(res.body);
    if (res.status >= 400) throw responseError(res.status, body, "pinging the Docker daemon");
    const server = res.headers["api-version"];
    if (typeof server !== "string" || server === "") return MIN_API_VERSION;
    return compareVersions(server, MAX_API_VERSION) < 0 ? server : MAX_API_VERSION;
  }

  private async versionedPath(call: EngineCall): Promise<string> {
    const version = await this.apiVersion(call.signal);
    return `/v${version}${call.path}${queryString(call.query)}`;
  }

  /** Sends a call; an error status becomes a TrestleError naming `what` and carrying the engine's message. */
  async send(call: EngineCall, what: string): Promise<EngineResponse> {
    const res = await this.exchange(call, await this.versionedPath(call));
    if (res.status >= 400) throw responseError(res.status, await readText(res.body), what);
    return res;
  }

  /** Sends a call and parses the JSON response. */
  async json<T>(call: EngineCall, what: string): Promise<T> {
    const res = await this.send(call, what);
    return JSON.parse(await readText(res.body)) as T;
  }

  /** Sends a call whose response body does not matter. */
  async empty(call: EngineCall, what: string): Promise<void> {
    const res = await this.send(call, what);
    res.body.resume();
    await new Promise<void>((resolve) => res.body.on("end", resolve).on("close", resolve));
  }

  /**
   * Sends a call that upgrades the connection (`Upgrade: tcp`) and returns the raw stream: the engine's
   * "hijacked" connection used for attaching stdin to exec sessions.
   */
  async hijack(call: EngineCall, what: string): Promise<Duplex> {
    const path = await this.versionedPath(call);
    return new Promise((resolve, reject) => {
      const headers = {
        ...call.headers,
        connection: "Upgrade",
        upgrade: "tcp",
        "content-type": "application/json",
      };
      const req = this.open(call.method, path, headers, call.signal);
      req.on("upgrade", (_res: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      req.on("response", (res) => {
        void readText(res).then((text) => {
          reject(responseError(res.statusCode ?? 0, text, what));
        }, reject);
      });
      req.on("error", (error) => {
        reject(connectionError(this.endpoint, error));
      });
      req.end(typeof call.body === "string" ? call.body : undefined);
    });
  }
}
