/** Shared helpers for the template tests (not part of the public API). */
import assert from "node:assert/strict";
import { renderTemplate, TemplateError } from "./index.js";
import type { TemplateOptions } from "./index.js";

export const DATA: Readonly<Record<string, string>> = {
  A: "a",
  B: "",
  IMAGE_NAME: "img",
  IMAGE_REPO: "gcr.io/proj",
  IMAGE_TAG: "v1",
  USER: "alice",
};

export const FIXED_NOW = new Date("2024-03-05T14:07:09.123Z");

export const OPTIONS: TemplateOptions = {
  now: () => FIXED_NOW,
  env: { HOME: "/home/alice", EMPTY: "" },
  runCommand: (name, args) => `  ${[name, ...args].join("|")}\n`,
};

/** A case expecting output `want`, or a TemplateError with `error` (and, when given, `at`). */
export interface Case {
  readonly t: string;
  readonly want?: string;
  readonly error?: string;
  readonly at?: number;
  readonly data?: Readonly<Record<string, string>>;
  readonly options?: TemplateOptions;
  /** Render without the default OPTIONS (no clock, environment or command runner). */
  readonly bare?: boolean;
}

export function check(c: Case): void {
  const options = c.bare === true ? (c.options ?? {}) : { ...OPTIONS, ...c.options };
  const run = (): string => renderTemplate(c.t, c.data ?? DATA, options);
  if (c.error === undefined) {
    assert.equal(run(), c.want);
    return;
  }
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof TemplateError, `expected TemplateError, got ${String(e)}`);
    assert.equal(e.message, c.error);
    if (c.at !== undefined) assert.equal(e.position, c.at);
    return true;
  });
}
