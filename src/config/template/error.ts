import { TrestleError } from "../../errors/errors.js";

/** A template failed to parse or to execute. Messages follow Go's `text/template` wording. */
export class TemplateError extends TrestleError {
  /** 0-based offset of the offending token or node in `template` (UTF-16 code units). */
  readonly position: number;
  readonly template: string;
  /** 1-based line and column of `position`. */
  readonly line: number;
  readonly column: number;
  readonly phase: "parse" | "exec";

  constructor(message: string, position: number, template: string, phase: "parse" | "exec") {
    super(message, { kind: "config", code: phase === "parse" ? "TEMPLATE_PARSE" : "TEMPLATE_EXEC" });
    this.name = "TemplateError";
    this.position = position;
    this.template = template;
    this.phase = phase;
    const before = template.slice(0, position);
    const lastNewline = before.lastIndexOf("\n");
    this.line = before.split("\n").length;
    this.column = position - lastNewline;
  }
}
