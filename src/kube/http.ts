import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

/** A streaming GET against the API server, authenticated by the kubeconfig (TLS client certs, tokens, exec plugins). */
export interface ApiGet {
  /** Resolves with the response once headers arrive; a non-2xx status rejects with the server's Status. */
  stream(
    path: string,
    query: Readonly<Record<string, string | number | boolean | undefined>>,
    signal?: AbortSignal,
  ): Promise<IncomingMessage>;
  /** GETs and parses a JSON body. */
  json<T>(
    path: string,
    query: Readonly<Record<string, string | number | boolean | undefined>>,
    signal?: AbortSignal,
  ): Promise<T>;
}

/** An API server answer other than 2xx, carrying the HTTP code and the server's Status message. */
export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiStatusError";
  }
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function createApiGet(kc: KubeConfig): ApiGet {
  const stream: ApiGet["stream"] = async (path, query, signal) => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error("No currently active cluster in the kubeconfig");
    const url = new URL(cluster.server.replace(/\/+$/, "") + path);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const options: RequestOptions = { method: "GET", headers: { Accept: "application/json" } };
    await kc.applyToHTTPSOptions(options);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, { ...options, ...(signal ? { signal } : {}) }, (res) => {
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 300) {
          resolve(res);
          return;
        }
        readBody(res).then((body) => {
          let message = body.trim() || (res.statusMessage ?? `HTTP ${String(code)}`);
          try {
            const parsed = JSON.parse(body) as { message?: unknown };
            if (typeof parsed.message === "string") message = parsed.message;
          } catch {
            // not a Status object: keep the text
          }
          reject(new ApiStatusError(code, message));
        }, reject);
      });
      req.on("error", reject);
      req.end();
    });
  };
  return {
    stream,
    async json<T>(
      path: string,
      query: Readonly<Record<string, string | number | boolean | undefined>>,
      signal?: AbortSignal,
    ) {
      return JSON.parse(await readBody(await stream(path, query, signal))) as T;
    },
  };
}
