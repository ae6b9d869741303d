import type { core } from "zod";
import { configError, type TrestleError } from "../errors/errors.js";
import { nearest } from "../util/nearest.js";
import { formatPath, type DataPath, type YamlDocument } from "./yaml-document.js";
import { knownKeysAt } from "./schema-keys.js";

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function expectedText(expected: string): string {
  switch (expected) {
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

/** Turns zod's issues for one document into config errors with file, line, field path and a hint. */
export function issuesToErrors(
  issues: readonly core.$ZodIssue[],
  doc: YamlDocument,
  data: unknown,
  note: string,
): TrestleError[] {
  const errors: TrestleError[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const fieldPath = [...path, key];
        const suggestion = nearest(key, knownKeysAt(path));
        const where = path.length === 0 ? "at the top level" : `in ${formatPath(path)}`;
        errors.push(
          configError(
            "CONFIG_UNKNOWN_FIELD",
            `unknown field "${key}" ${where}${note}`,
            doc.locate(fieldPath, true),
            suggestion
              ? `Did you mean "${suggestion}"?`
              : `Valid fields here: ${knownKeysAt(path).join(", ") || "none"}.`,
          ),
        );
      }
      continue;
    }
    const field = formatPath(path) || "the document";
    const actual = valueAt(data, path);
    let message: string;
    let hint: string | undefined;
    let code = "CONFIG_INVALID_VALUE";
    switch (issue.code) {
      case "invalid_type":
        if (actual === undefined) {
          code = "CONFIG_MISSING_FIELD";
          message = `missing required field ${field}${note}`;
          hint = `Add ${field} (${expectedText(issue.expected)}).`;
        } else {
          code = "CONFIG_WRONG_TYPE";
          message = `${field} must be ${expectedText(issue.expected)}, not ${describeValue(actual)}${note}`;
        }
        break;
      case "invalid_value":
        message = `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, not ${describeValue(actual)}${note}`;
        break;
      case "invalid_union":
        message = `${field} has an invalid value (${describeValue(actual)})${note}`;
        hint = issue.message;
        break;
      case "custom":
      case "invalid_element":
      case "invalid_format":
      case "invalid_key":
      case "not_multiple_of":
      case "too_big":
      case "too_small":
        message = `${field}: ${issue.message}${note}`;
    }
    errors.push(configError(code, message, doc.locate(path, actual === undefined), hint));
  }
  return errors;
}
