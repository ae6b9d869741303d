/** Docker Engine failures as Trestle errors: an unreachable daemon, and API error responses. */
import { externalError, userError, type TrestleError } from "../errors/errors.js";
import { describeEndpoint, type EngineEndpoint } from "./endpoint.js";

/** Stable codes for API error responses, by HTTP status. */
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: "DOCKER_BAD_REQUEST",
  401: "DOCKER_UNAUTHORIZED",
  403: "DOCKER_FORBIDDEN",
  404: "DOCKER_NOT_FOUND",
  409: "DOCKER_CONFLICT",
};

/** Turns a failure to connect into an error that says what to do. */
export function connectionError(endpoint: EngineEndpoint, cause: unknown): TrestleError {
  const where = describeEndpoint(endpoint);
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return externalError(
        "DOCKER_SOCKET_MISSING",
        `the Docker daemon socket ${where} does not exist`,
        "Start the Docker daemon, or point DOCKER_HOST at a running one (unix:///path/to/docker.sock or tcp://host:port).",
        cause,
      );
    case "ECONNREFUSED":
      return externalError(
        "DOCKER_NOT_RUNNING",
        `the Docker daemon is not running at ${where} (connection refused)`,
        "Start the Docker daemon (e.g. `sudo systemctl start docker`), or check DOCKER_HOST.",
        cause,
      );
    case "EACCES":
    case "EPERM":
      return externalError(
        "DOCKER_PERMISSION_DENIED",
        `permission denied connecting to the Docker daemon at ${where}`,
        "Add your user to the `docker` group (then log in again), run a rootless daemon, or set DOCKER_HOST to a socket you may use.",
        cause,
      );
    default:
      return externalError(
        "DOCKER_UNREACHABLE",
        `cannot reach the Docker daemon at ${where}: ${cause instanceof Error ? cause.message : String(cause)}`,
        "Check that the daemon is running and that DOCKER_HOST is right.",
        cause,
      );
  }
}

/** The engine's error message from a response body (`{"message": "…"}`), or the raw text. */
export function engineMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // not JSON: use the text as it is
  }
  return body.trim();
}

/** An API error response: `what` failed with the engine's message; 4xx are the caller's, 5xx the engine's. */
export function responseError(status: number, body: string, what: string): TrestleError {
  const message = `${what}: ${engineMessage(body) || `HTTP ${status}`}`;
  const code = STATUS_CODES[status] ?? (status >= 500 ? "DOCKER_ENGINE_ERROR" : `DOCKER_HTTP_${status}`);
  return status >= 400 && status < 500 && status !== 401 && status !== 403
    ? userError(code, message)
    : externalError(
        code,
        message,
        status === 401 || status === 403 ? "Check your registry credentials (docker login)." : undefined,
      );
}

/** Whether an error is the engine's 404. */
export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "DOCKER_NOT_FOUND";
}
