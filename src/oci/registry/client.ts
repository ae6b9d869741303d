/**
 * The registry client: one session per registry host that pings `/v2/` once (choosing HTTPS or, where
 * allowed, plain HTTP, and learning the auth challenge), then sends API requests with authorization,
 * retries transient failures with backoff, and follows blob redirects without leaking credentials.
 */
import { externalError, isTrestleError } from "../../errors/errors.js";
import { processExec } from "../../proc/exec.js";
import type { Authorizer } from "./auth.js";
import { createAuthorizer } from "./auth.js";
import { parseChallenges } from "./challenge.js";
import type { CredentialStore } from "./credentials.js";
import { dockerConfigCredentials } from "./credentials.js";
import { apiHost, createEndpointPolicy } from "./endpoint.js";
import type { EndpointPolicy } from "./endpoint.js";
import { isPlainHttpServer, unexpectedResponse, unreachable } from "./errors.js";
import { DEFAULT_RETRY_POLICY, isRetryableError, isRetryableStatus, retryDelay, sleep } from "./retry.js";
import type { RetryPolicy } from "./retry.js";
import { nodeTransport } from "./transport.js";
import type { HttpResponse, HttpTransport, RequestBody } from "./transport.js";

/** One request to a registry's API. */
export interface RegistryRequest {
  readonly method: string;
  /** A path such as `/v2/<repo>/manifests/<tag>`, or an absolute or relative `Location` from the registry. */
  readonly path: string;
  /** Token scopes the request needs, e.g. `repository:app:pull,push`. */
  readonly scopes: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
}

/** Sends authorised, retried requests to one registry. */
export interface RegistryApi {
  /** The registry host (`localhost:5000`). */
  readonly registry: string;
  send(request: RegistryRequest): Promise<HttpResponse>;
}

/** Options of the registry client (all optional; the defaults are the real network and Docker's config). */
export interface RegistryClientOptions {
  /** Registries that may use plain HTTP and unverified TLS (see endpoint.ts). */
  readonly insecureRegistries?: readonly string[];
  /** Environment for CA variables and credential helpers; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly certsDir?: string;
  readonly credentials?: CredentialStore;
  readonly transport?: HttpTransport;
  /** Wraps the transport (the default one, or `transport`): for counting or failing requests in tests. */
  readonly wrapTransport?: (transport: HttpTransport) => HttpTransport;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly userAgent?: string;
}

const MAX_REDIRECTS = 5;

/** Reads and writes images in registries; sessions are cached per registry host. */
export class RegistryClient {
  private readonly sessions = new Map<string, RegistryApi>();
  private readonly policy: EndpointPolicy;
  private readonly transport: HttpTransport;
  private readonly closeTransport: (() => void) | undefined;
  private readonly credentials: CredentialStore;

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.policy = createEndpointPolicy({
      ...(options.insecureRegistries === undefined ? {} : { insecureRegistries: options.insecureRegistries }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.certsDir === undefined ? {} : { certsDir: options.certsDir }),
    });
    let base: HttpTransport;
    if (options.transport === undefined) {
      const node = nodeTransport({
        tls: (host) => this.policy.tls(host),
        ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      });
      this.closeTransport = () => {
        node.close();
      };
      base = node;
    } else {
      this.closeTransport = undefined;
      base = options.transport;
    }
    this.transport = options.wrapTransport === undefined ? base : options.wrapTransport(base);
    this.credentials =
      options.credentials ??
      dockerConfigCredentials({
        exec: processExec,
        ...(options.env === undefined ? {} : { env: options.env }),
      });
  }

  /** The API of one registry host. */
  api(registry: string): RegistryApi {
    let session = this.sessions.get(registry);
    if (session === undefined) {
      session = this.createSession(registry);
      this.sessions.set(registry, session);
    }
    return session;
  }

  /** Closes idle connections. */
  close(): void {
    this.closeTransport?.();
  }

  private createSession(registry: string): RegistryApi {
    const transport = this.transport;
    const policy = this.options.retry ?? DEFAULT_RETRY_POLICY;
    const wait = this.options.sleep ?? sleep;
    const auth: Authorizer = createAuthorizer({
      registry,
      credential: () => this.credentials.lookup(registry),
      transport,
    });

    const retrying = async (
      send: () => Promise<HttpResponse>,
      signal?: AbortSignal,
    ): Promise<HttpResponse> => {
      for (let attempt = 1; ; attempt++) {
        const last = attempt >= policy.attempts;
        try {
          const res = await send();
          if (last || !isRetryableStatus(res.status)) return res;
          res.discard();
          await wait(retryDelay(policy, attempt, res.headers["retry-after"]), signal);
        } catch (error) {
          if (last || !isRetryableError(error)) throw error;
          await wait(retryDelay(policy, attempt), signal);
        }
      }
    };

    // One round tries each scheme the endpoint policy allows, in its order; rounds are retried (with
    // backoff) only while every failure, scheme mismatches aside, was transient. The error reported is the first real one: a scheme
    // mismatch (TLS to a plain server, or plain HTTP to a TLS server) gives way to the other scheme's.
    const pingOnce = async (): Promise<URL | { readonly error: Error; readonly transient: boolean }> => {
      const host = apiHost(registry);
      let first: { readonly plain: boolean; readonly error: Error } | undefined;
      let transient = true;
      for (const scheme of this.policy.schemes(host)) {
        const root = new URL(`${scheme}://${host}/`);
        let res: HttpResponse;
        try {
          res = await transport.send({ method: "GET", url: new URL("/v2/", root) });
        } catch (error) {
          if (error instanceof Error && error.name === "AbortError") throw error;
          const plain = isPlainHttpServer(error);
          if (!plain) transient &&= isRetryableError(error);
          if (first === undefined || first.plain) first = { plain, error: unreachable(registry, error) };
          continue;
        }
        if (res.status === 200 || res.status === 401) {
          if (res.status === 401) auth.challenged(parseChallenges(res.headers["www-authenticate"] ?? ""), []);
          res.discard();
          return root;
        }
        // A 400 to plain HTTP is a TLS-only server saying so: the HTTPS attempt's outcome matters more.
        const plain = res.status === 400;
        if (!plain) transient &&= isRetryableStatus(res.status);
        const error = await unexpectedResponse(`${registry} does not answer as a registry (GET /v2/)`, res);
        if (first === undefined || first.plain) first = { plain, error };
      }
      return { error: first?.error ?? unreachable(registry, new Error("no scheme to try")), transient };
    };
    const ping = async (): Promise<URL> => {
      for (let attempt = 1; ; attempt++) {
        const outcome = await pingOnce();
        if (outcome instanceof URL) return outcome;
        if (!outcome.transient || attempt >= policy.attempts) throw outcome.error;
        await wait(retryDelay(policy, attempt));
      }
    };
    let base: Promise<URL> | undefined;

    const send = async (request: RegistryRequest): Promise<HttpResponse> => {
      if (base === undefined) {
        base = ping();
        base.catch(() => {
          base = undefined; // a failed ping is tried again by the next request
        });
      }
      const root = await base;
      let url = new URL(request.path, root);
      const signal = request.signal === undefined ? {} : { signal: request.signal };
      for (let hop = 0, authTries = 0; ;) {
        const sameHost = url.host === root.host;
        const authorization = sameHost ? await auth.authorization(request.scopes, request.signal) : undefined;
        const headers = { ...request.headers, ...(authorization === undefined ? {} : { authorization }) };
        const body = request.body === undefined ? {} : { body: request.body };
        const target = url;
        const res = await retrying(
          () => transport.send({ method: request.method, url: target, headers, ...body, ...signal }),
          request.signal,
        );
        if (res.status === 401 && sameHost && authTries++ === 0) {
          res.discard();
          auth.challenged(parseChallenges(res.headers["www-authenticate"] ?? ""), request.scopes);
          continue;
        }
        if (res.status === 401) {
          res.discard();
          const credential = await this.credentials.lookup(registry);
          throw externalError(
            "REGISTRY_AUTH_FAILED",
            credential === undefined
              ? `registry ${registry} requires authentication and no credentials were found for it`
              : `registry ${registry} rejected the credentials from ${credential.source}`,
            `Log in with: docker login ${registry}`,
          );
        }
        const location = res.headers["location"];
        if (
          [301, 302, 303, 307, 308].includes(res.status) &&
          location !== undefined &&
          request.method === "GET"
        ) {
          res.discard();
          if (++hop > MAX_REDIRECTS)
            throw externalError("REGISTRY_ERROR", `too many redirects from ${registry}`);
          url = new URL(location, url);
          continue;
        }
        return res;
      }
    };

    return {
      registry,
      send: async (request) => {
        try {
          return await send(request);
        } catch (error) {
          throw wrap(registry, error);
        }
      },
    };
  }
}

function wrap(registry: string, error: unknown): Error {
  if (isTrestleError(error)) return error;
  if (error instanceof Error && error.name === "AbortError") return error;
  return unreachable(registry, error);
}
