/**
 * Authorization for one registry, learnt from its challenges: Basic sends the credential on every
 * request; Bearer exchanges it at the challenge's realm for a token per scope set (Docker's token
 * spec: GET with Basic credentials, or the OAuth2 refresh-token POST for identity tokens).
 */
import { externalError } from "../../errors/errors.js";
import type { Challenge } from "./challenge.js";
import { pickChallenge } from "./challenge.js";
import type { Credential } from "./credentials.js";
import type { HttpResponse, HttpTransport } from "./transport.js";

/** Produces the Authorization header for a registry and a set of scopes. */
export interface Authorizer {
  /** The header to send, or undefined to go anonymous. */
  authorization(scopes: readonly string[], signal?: AbortSignal): Promise<string | undefined>;
  /** Learns from a challenge (from the ping or a 401); drops tokens that stopped working. */
  challenged(challenges: readonly Challenge[], scopes: readonly string[]): void;
}

/** Inputs of the authorizer. */
export interface AuthorizerOptions {
  readonly registry: string;
  readonly credential: () => Promise<Credential | undefined>;
  readonly transport: HttpTransport;
}

function basicHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

function scopeKey(scopes: readonly string[]): string {
  return [...new Set(scopes)].sort().join(" ");
}

async function tokenFrom(res: HttpResponse, realm: string): Promise<string> {
  const text = await res.text();
  let body: { token?: unknown; access_token?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch (cause) {
    throw externalError(
      "REGISTRY_AUTH_FAILED",
      `the token service ${realm} answered with something that is not JSON`,
      undefined,
      cause,
    );
  }
  const token = typeof body.token === "string" && body.token !== "" ? body.token : body.access_token;
  if (typeof token !== "string" || token === "") {
    throw externalError("REGISTRY_AUTH_FAILED", `the token service ${realm} answered without a token`);
  }
  return token;
}

/** Creates the authorizer for one registry. */
export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  let challenge: Challenge | undefined;
  const extraScopes = new Set<string>();
  const tokens = new Map<string, Promise<string>>();

  const fetchToken = async (scopes: readonly string[], signal?: AbortSignal): Promise<string> => {
    const params = challenge?.params ?? {};
    const realm = params["realm"];
    if (realm === undefined) {
      throw externalError(
        "REGISTRY_AUTH_FAILED",
        `${options.registry} sent a Bearer challenge without a realm`,
      );
    }
    const credential = await options.credential();
    if (credential?.kind === "registry-token") return credential.token;
    const url = new URL(realm);
    if (params["service"] !== undefined) url.searchParams.set("service", params["service"]);
    const what = `the token service ${url.origin}${url.pathname} for ${options.registry}`;
    let res: HttpResponse;
    if (credential?.kind === "identity-token") {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: credential.token,
        service: params["service"] ?? "",
        scope: scopes.join(" "),
        client_id: "trestle",
      });
      res = await options.transport.send({
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new TextEncoder().encode(form.toString()),
        ...(signal === undefined ? {} : { signal }),
      });
    } else {
      for (const scope of scopes) url.searchParams.append("scope", scope);
      const headers: Record<string, string> =
        credential?.kind === "basic"
          ? { authorization: basicHeader(credential.username, credential.password) }
          : {};
      res = await options.transport.send({
        method: "GET",
        url,
        headers,
        ...(signal === undefined ? {} : { signal }),
      });
    }
    if (res.status !== 200) {
      res.discard();
      const who = credential === undefined ? "anonymous access" : `the credentials from ${credential.source}`;
      throw externalError(
        "REGISTRY_AUTH_FAILED",
        `${what} refused ${who} (HTTP ${res.status})`,
        `Log in with: docker login ${options.registry}`,
      );
    }
    return tokenFrom(res, what);
  };

  return {
    async authorization(requested, signal) {
      if (challenge === undefined) return undefined;
      if (challenge.scheme === "basic") {
        const credential = await options.credential();
        if (credential === undefined) return undefined;
        if (credential.kind === "basic") return basicHeader(credential.username, credential.password);
        return basicHeader("<token>", credential.token);
      }
      const scopes = [...new Set([...requested, ...extraScopes])];
      const key = scopeKey(scopes);
      let token = tokens.get(key);
      if (token === undefined) {
        token = fetchToken(scopes, signal);
        tokens.set(key, token);
        token.catch(() => tokens.delete(key));
      }
      return `Bearer ${await token}`;
    },
    challenged(challenges, scopes) {
      const picked = pickChallenge(challenges);
      if (picked === undefined) return;
      challenge = picked;
      const scope = picked.params["scope"];
      if (scope !== undefined)
        for (const s of scope.split(" ")) if (s !== "" && !scopes.includes(s)) extraScopes.add(s);
      tokens.delete(scopeKey([...new Set([...scopes, ...extraScopes])]));
      tokens.delete(scopeKey(scopes));
    },
  };
}
