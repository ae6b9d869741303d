import { isTrestleError, TrestleErrors, type TrestleError } from "../errors/errors.js";

function locationLine(error: TrestleError): string | undefined {
  const loc = error.location;
  if (!loc) return undefined;
  const position =
    loc.line === undefined ? "" : `:${loc.line}${loc.column === undefined ? "" : `:${loc.column}`}`;
  const path = loc.path ? ` (${loc.path})` : "";
  return `  --> ${loc.file}${position}${path}`;
}

function renderOne(error: TrestleError, paint: (code: number, text: string) => string): string[] {
  const lines = [`${paint(31, "error:")} ${error.message}`];
  const where = locationLine(error);
  if (where) lines.push(where);
  if (error.hint) lines.push(`  ${paint(36, "hint:")} ${error.hint}`);
  return lines;
}

function causeChain(error: unknown): string[] {
  const out: string[] = [];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    out.push(`  caused by: ${cause.message}`);
    cause = cause.cause;
  }
  return out;
}

/**
 * Renders any error for the terminal. User-facing errors never show a stack trace; an unexpected error
 * (a bug in Trestle) shows its stack only when `verbose` is set.
 */
export function renderError(error: unknown, options: { colour: boolean; verbose: boolean }): string {
  const paint = (code: number, text: string): string =>
    options.colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  if (error instanceof TrestleErrors) {
    const lines = error.errors.flatMap((e) => renderOne(e, paint));
    if (error.errors.length > 1) lines.push(`${error.errors.length} errors`);
    return lines.join("\n");
  }
  if (isTrestleError(error)) {
    const lines = renderOne(error, paint);
    if (options.verbose || error.kind === "external") lines.push(...causeChain(error));
    if (options.verbose && error.kind === "internal" && error.stack) lines.push(error.stack);
    return lines.join("\n");
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${paint(31, "internal error:")} ${message}`];
  lines.push("  This is a bug in Trestle. Run again with -v debug for details and report it.");
  if (options.verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join("\n");
}

export function exitCodeOf(error: unknown): number {
  return isTrestleError(error) ? error.exitCode : 70;
}
