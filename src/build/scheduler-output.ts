/** Words for the scheduler's results: progress lines as Skaffold prints them, prefixes, and the failure summary. */
import { TrestleError, isTrestleError } from "../errors/errors.js";
import type { BuildEvent, ScheduleResult } from "./scheduler.js";

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Skaffold's progress line for an event ("Building [app]...", "Build [app] succeeded", …). */
export function eventLine(event: BuildEvent): string {
  switch (event.type) {
    case "start":
      return `Building [${event.image}]...`;
    case "success":
      return `Build [${event.image}] succeeded`;
    case "failure":
      return `Build [${event.image}] failed: ${messageOf(event.error)}`;
    case "cancel":
      return `Build [${event.image}] was canceled: ${event.reason}`;
  }
}

/**
 * Returns a line writer that tags each line with its image when builds run in parallel — `[app] ` padded to
 * the longest image name, so columns line up — and writes lines unchanged when they run one at a time.
 */
export function prefixedLines(
  images: readonly string[],
  parallel: boolean,
  write: (line: string) => void,
): (image: string, line: string) => void {
  if (!parallel) {
    return (_image, line) => {
      write(line);
    };
  }
  const width = Math.max(0, ...images.map((image) => image.length)) + 2;
  return (image, line) => {
    write(`${`[${image}]`.padEnd(width)} ${line}`);
  };
}

/**
 * One error for an unsuccessful schedule, or undefined when every artifact was built: which builds failed and
 * why, and which were cancelled and why. Its kind, hint and cause are the first failure's.
 */
export function scheduleFailure(result: ScheduleResult): TrestleError | undefined {
  const failed = result.outcomes.flatMap((o) => (o.status === "failed" ? [o] : []));
  const cancelled = result.outcomes.flatMap((o) => (o.status === "cancelled" ? [o] : []));
  const first = failed[0];
  if (first === undefined) {
    if (cancelled.length === 0) return undefined;
    const lines = cancelled.map((o) => ` - ${o.image}: ${o.reason}`);
    return new TrestleError(`build cancelled:\n${lines.join("\n")}`, {
      kind: "user",
      code: "BUILD_CANCELLED",
    });
  }
  const firstError = isTrestleError(first.error) ? first.error : undefined;
  const options = {
    kind: firstError?.kind ?? "external",
    code: "BUILD_FAILED",
    cause: first.error,
    ...(firstError?.hint === undefined ? {} : { hint: firstError.hint }),
  } as const;
  if (failed.length === 1 && cancelled.length === 0) {
    return new TrestleError(`build [${first.image}] failed: ${messageOf(first.error)}`, options);
  }
  const total = result.outcomes.length;
  const lines = [
    `${failed.length} of ${total} artifacts failed to build:`,
    ...failed.map((o) => ` - ${o.image}: ${messageOf(o.error)}`),
  ];
  if (cancelled.length > 0) lines.push("cancelled:", ...cancelled.map((o) => ` - ${o.image}: ${o.reason}`));
  return new TrestleError(lines.join("\n"), options);
}
