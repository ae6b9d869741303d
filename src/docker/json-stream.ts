/**
 * The engine's streaming JSON progress (`jsonmessage`, one object per line) from build, push, pull and load:
 * `stream` text, `status` lines with layer ids, `aux` results, and `error`/`errorDetail` failures that arrive
 * with HTTP 200 in the middle of the stream.
 */
import type { Readable } from "node:stream";
import { LineBuffer } from "../util/lines.js";

/** One progress message. */
export interface JsonMessage {
  readonly stream?: string;
  readonly status?: string;
  readonly id?: string;
  readonly progress?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly code?: number; readonly message?: string };
  readonly aux?: unknown;
}

/** What a progress stream ended with. */
export interface StreamOutcome {
  /** The engine's error message, when the operation failed. */
  readonly error?: string;
  /** Every `aux` payload, in order (build: `{ID}`, push: `{Tag, Digest, Size}`). */
  readonly aux: readonly unknown[];
}

/** Renders one status message as a line, or undefined for progress-bar ticks. */
function statusLine(message: JsonMessage): string | undefined {
  if (message.status === undefined) return undefined;
  if (message.progressDetail?.current !== undefined) return undefined;
  return message.id === undefined || message.id === "" ? message.status : `${message.id}: ${message.status}`;
}

function parse(line: string): JsonMessage | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a progress stream to its end, emitting human-readable lines (`stream` text split into lines, `status`
 * lines; progress ticks dropped) and collecting `aux` payloads and the error, if any.
 */
export async function readJsonMessages(
  body: Readable,
  output: (line: string) => void,
): Promise<StreamOutcome> {
  const text = new LineBuffer(output);
  const aux: unknown[] = [];
  let error: string | undefined;
  const handle = (raw: string): void => {
    if (raw.trim() === "") return;
    const message = parse(raw);
    if (message === undefined) {
      text.push(`${raw}\n`);
      return;
    }
    if (message.stream !== undefined) text.push(message.stream);
    const status = statusLine(message);
    if (status !== undefined) output(status);
    if (message.aux !== undefined) aux.push(message.aux);
    if (message.error !== undefined || message.errorDetail !== undefined) {
      error = message.errorDetail?.message ?? message.error ?? "unknown error";
    }
  };
  const lines = new LineBuffer(handle);
  body.setEncoding("utf8");
  for await (const chunk of body) lines.push(chunk as string);
  lines.flush();
  text.flush();
  return { aux, ...(error === undefined ? {} : { error }) };
}
