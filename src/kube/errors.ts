import { externalError, isTrestleError, type TrestleError } from "../errors/errors.js";

/** What a failed API call means for the user. */
export type KubeFailure = "unreachable" | "unauthorized" | "forbidden" | "not-found" | "other";

const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
]);

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as Record<string, unknown>;
  for (const key of ["code", "statusCode"]) {
    const value = record[key];
    if (typeof value === "number" && value >= 100 && value < 600) return value;
  }
  return undefined;
}

function errnoOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== "object") return undefined;
    const code = (e as Record<string, unknown>)["code"];
    if (typeof code === "string") return code;
    e = (e as Record<string, unknown>)["cause"];
  }
  return undefined;
}

/** Classifies an error thrown by the client library or by a socket to the API server. */
export function classifyKubeError(error: unknown): KubeFailure {
  const status = statusCodeOf(error);
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  const errno = errnoOf(error);
  if (errno !== undefined && networkCodes.has(errno)) return "unreachable";
  const text = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|connect ETIMEDOUT|getaddrinfo|socket hang up|No (currently active )?cluster/i.test(text))
    return "unreachable";
  if (/\b403\b|forbidden/i.test(text)) return "forbidden";
  if (/\b401\b|unauthorized/i.test(text)) return "unauthorized";
  if (/\b404\b|not found/i.test(text)) return "not-found";
  return "other";
}

function describe(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const body = (error as Record<string, unknown>)["body"];
    if (
      typeof body === "object" &&
      body !== null &&
      typeof (body as Record<string, unknown>)["message"] === "string"
    )
      return (body as Record<string, string>)["message"] ?? "";
    if (typeof body === "string" && body.trim()) {
      try {
        const parsed = JSON.parse(body) as { message?: unknown };
        if (typeof parsed.message === "string") return parsed.message;
      } catch {
        return body.trim().slice(0, 300);
      }
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Turns an API failure into a TrestleError naming what was attempted and what to do next. */
export function kubeError(action: string, error: unknown, context: string): TrestleError {
  if (isTrestleError(error)) return error;
  const what = describe(error);
  switch (classifyKubeError(error)) {
    case "unreachable":
      return externalError(
        "KUBE_UNREACHABLE",
        `cannot reach the Kubernetes cluster of context '${context}' to ${action}: ${what}`,
        "Check that the cluster is running and that --kube-context/--kubeconfig select it (kubectl cluster-info).",
        error,
      );
    case "unauthorized":
      return externalError(
        "KUBE_UNAUTHORIZED",
        `the cluster of context '${context}' rejected Trestle's credentials to ${action}: ${what}`,
        "Refresh the credentials in your kubeconfig (kubectl get pods should work).",
        error,
      );
    case "forbidden":
      return externalError(
        "KUBE_FORBIDDEN",
        `not allowed to ${action} (context '${context}'): ${what}`,
        "Ask for the RBAC permission, or pick another namespace with -n.",
        error,
      );
    case "not-found":
      return externalError("KUBE_NOT_FOUND", `cannot ${action}: not found (${what})`, undefined, error);
    case "other":
      return externalError("KUBE_API_ERROR", `cannot ${action}: ${what}`, undefined, error);
  }
}
