/**
 * Trestle's error taxonomy. Every failure a user can cause or fix is a TrestleError with a stable code and
 * an actionable hint; only `cli/main.ts` renders them. Anything else reaching the top is an internal bug.
 */

/** Who is at fault: the config file, the user's input, an external system, or Trestle itself. */
export type ErrorKind = "config" | "user" | "external" | "internal";

/** Where in a config file an error sits. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Field path inside the document, e.g. `build.artifacts[0].docker.dockerfile`. */
  readonly path?: string;
}

export interface TrestleErrorOptions {
  readonly kind: ErrorKind;
  /** Stable, greppable identifier, e.g. `CONFIG_UNKNOWN_FIELD`. */
  readonly code: string;
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly cause?: unknown;
  /** Process exit code; defaults by kind. */
  readonly exitCode?: number;
}

const defaultExitCodes: Record<ErrorKind, number> = { config: 1, user: 1, external: 1, internal: 70 };

export class TrestleError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly exitCode: number;

  constructor(message: string, options: TrestleErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TrestleError";
    this.kind = options.kind;
    this.code = options.code;
    this.hint = options.hint;
    this.location = options.location;
    this.exitCode = options.exitCode ?? defaultExitCodes[options.kind];
  }
}

/** Several errors found together (for example every schema problem in one file), reported at once. */
export class TrestleErrors extends TrestleError {
  readonly errors: readonly TrestleError[];

  constructor(errors: readonly TrestleError[]) {
    const first = errors[0];
    super(first ? first.message : "no errors", {
      kind: first?.kind ?? "internal",
      code: first?.code ?? "MULTIPLE",
      ...(first?.hint === undefined ? {} : { hint: first.hint }),
      ...(first?.location === undefined ? {} : { location: first.location }),
    });
    this.errors = errors;
  }
}

export function configError(
  code: string,
  message: string,
  location?: SourceLocation,
  hint?: string,
  cause?: unknown,
): TrestleError {
  return new TrestleError(message, {
    kind: "config",
    code,
    ...(location === undefined ? {} : { location }),
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  });
}

export function userError(code: string, message: string, hint?: string, exitCode?: number): TrestleError {
  return new TrestleError(message, {
    kind: "user",
    code,
    ...(hint === undefined ? {} : { hint }),
    ...(exitCode === undefined ? {} : { exitCode }),
  });
}

export function externalError(code: string, message: string, hint?: string, cause?: unknown): TrestleError {
  return new TrestleError(message, {
    kind: "external",
    code,
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  });
}

export function isTrestleError(value: unknown): value is TrestleError {
  return value instanceof TrestleError;
}
