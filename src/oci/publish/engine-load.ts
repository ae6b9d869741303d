/**
 * A tiny adapter for the few Docker Engine API calls the engine publisher makes, over the socket of
 * DOCKER_HOST (`unix://…` or plain `tcp://…`) or /var/run/docker.sock.
 * It moves into src/docker/ (the one door to the engine) when that adapter lands.
 */
import http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { externalError } from "../../errors/errors.js";
import type { Platform } from "../model.js";

/** The engine calls needed to load and tag images. */
export interface EngineImages {
  /** The engine's platform (`linux/amd64`). */
  platform(): Promise<Platform>;
  /** True when the engine has an image with this ID (`sha256:…`). */
  exists(imageId: string): Promise<boolean>;
  /** Tags an image the engine has. */
  tag(imageId: string, repository: string, tag: string): Promise<void>;
  /** Loads a docker-load tarball. */
  load(archive: AsyncIterable<Uint8Array>): Promise<void>;
}

interface Endpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
}

function endpointOf(dockerHost: string | undefined): Endpoint {
  const value = dockerHost === undefined || dockerHost === "" ? "unix:///var/run/docker.sock" : dockerHost;
  if (value.startsWith("unix://")) return { socketPath: value.slice("unix://".length) };
  if (value.startsWith("tcp://") || value.startsWith("http://")) {
    const url = new URL(value.replace(/^tcp:/, "http:"));
    return { host: url.hostname, port: Number(url.port || "2375") };
  }
  throw externalError(
    "DOCKER_HOST_UNSUPPORTED",
    `DOCKER_HOST=${value} is not supported for loading images`,
    "Use a unix:// socket or a plain tcp:// address.",
  );
}

function call(
  endpoint: Endpoint,
  method: string,
  path: string,
  body?: AsyncIterable<Uint8Array>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        ...endpoint,
        method,
        path,
        headers: body === undefined ? {} : { "content-type": "application/x-tar" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text });
        });
        res.on("error", reject);
      },
    );
    req.on("error", (error) => {
      reject(
        externalError(
          "DOCKER_UNREACHABLE",
          `cannot reach the Docker engine: ${error.message}`,
          "Start Docker, or set DOCKER_HOST.",
          error,
        ),
      );
    });
    if (body === undefined) req.end();
    else pipeline(Readable.from(body), req).catch(reject);
  });
}

function failed(what: string, status: number, text: string): Error {
  const message = /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? text.trim().slice(0, 300);
  return externalError("DOCKER_LOAD_FAILED", `${what}: the Docker engine answered ${status}: ${message}`);
}

/** The engine at DOCKER_HOST. */
export function engineImages(dockerHost: string | undefined = process.env["DOCKER_HOST"]): EngineImages {
  const endpoint = endpointOf(dockerHost);
  return {
    async platform() {
      const res = await call(endpoint, "GET", "/version");
      if (res.status !== 200) throw failed("asking the engine its version", res.status, res.text);
      const version = JSON.parse(res.text) as { Os?: string; Arch?: string };
      return { os: version.Os ?? "linux", architecture: version.Arch ?? "amd64" };
    },
    async exists(imageId) {
      const res = await call(endpoint, "GET", `/images/${encodeURIComponent(imageId)}/json`);
      if (res.status === 200) return true;
      if (res.status === 404) return false;
      throw failed(`inspecting image ${imageId}`, res.status, res.text);
    },
    async tag(imageId, repository, tag) {
      const query = new URLSearchParams({ repo: repository, tag });
      const res = await call(
        endpoint,
        "POST",
        `/images/${encodeURIComponent(imageId)}/tag?${query.toString()}`,
      );
      if (res.status !== 201 && res.status !== 200)
        throw failed(`tagging ${imageId} as ${repository}:${tag}`, res.status, res.text);
    },
    async load(archive) {
      const res = await call(endpoint, "POST", "/images/load?quiet=1", archive);
      // Errors during a load arrive in the JSON stream of a 200 answer.
      if (res.status !== 200 || res.text.includes('"errorDetail"'))
        throw failed("loading the image", res.status, res.text);
    },
  };
}
