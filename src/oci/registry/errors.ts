/** Registry failures as TrestleErrors that say what failed, where, and what to do next. */
import { externalError } from "../../errors/errors.js";
import type { TrestleError } from "../../errors/errors.js";
import { errorCode } from "./retry.js";
import type { HttpResponse } from "./transport.js";

interface ErrorBody {
  readonly errors?: readonly { readonly code?: string; readonly message?: string }[];
}

/** The distribution-spec error list of a response body (`CODE: message; …`), or a prefix of the raw text. */
export function describeErrorBody(text: string): string {
  try {
    const body = JSON.parse(text) as ErrorBody;
    const parts = (body.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(": "));
    if (parts.length > 0) return parts.join("; ");
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 200);
}

/** An error for a response with an unexpected status; reads (and so releases) the body. */
export async function unexpectedResponse(what: string, res: HttpResponse): Promise<TrestleError> {
  const detail = describeErrorBody(await res.text().catch(() => ""));
  const hint =
    res.status === 403
      ? "The credentials are valid but lack permission for this repository."
      : res.status === 404
        ? "Check the repository name and tag."
        : undefined;
  return externalError(
    "REGISTRY_ERROR",
    `${what}: the registry answered HTTP ${res.status}${detail === "" ? "" : ` (${detail})`}`,
    hint,
  );
}

const TLS_TRUST_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_UNTRUSTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** True when the error is a TLS protocol mismatch: the server speaks plain HTTP. */
export function isPlainHttpServer(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === "EPROTO" || code === "ERR_SSL_WRONG_VERSION_NUMBER" || code === "ERR_SSL_PACKET_LENGTH_TOO_LONG"
  );
}

/** An error for a registry that could not be reached at all. */
export function unreachable(registry: string, error: unknown): TrestleError {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && TLS_TRUST_CODES.has(code)) {
    return externalError(
      "REGISTRY_TLS_UNTRUSTED",
      `the TLS certificate of registry ${registry} is not trusted (${message})`,
      `Trust its CA with SSL_CERT_FILE=<ca.pem> or /etc/docker/certs.d/${registry}/ca.crt, or mark it insecure with --insecure-registry ${registry}.`,
      error,
    );
  }
  if (isPlainHttpServer(error)) {
    return externalError(
      "REGISTRY_PLAIN_HTTP",
      `registry ${registry} does not speak TLS`,
      `If it is a plain-HTTP registry, mark it insecure with --insecure-registry ${registry}.`,
      error,
    );
  }
  return externalError(
    "REGISTRY_UNREACHABLE",
    `cannot reach registry ${registry}: ${message}${code === undefined || message.includes(code) ? "" : ` (${code})`}`,
    "Check that the registry is running and that the address and port are right.",
    error,
  );
}
