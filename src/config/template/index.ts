/**
 * Skaffold-compatible templating: Go `text/template` with the Sprig v2.22 function library and Skaffold's
 * `cmd` function, executed over a `map[string]string` of environment and per-feature values.
 *
 * Not supported: complex-number constants, the `call` builtin, and the Sprig functions listed in
 * `UNSUPPORTED_FUNCTIONS` (crypto/certificates, semver, network, mergo-based merges, xstrings case
 * conversions, `toDate`, URL helpers); using them fails at parse time with a clear message.
 * Times have millisecond precision and print without Go's monotonic-clock suffix; zone abbreviations come
 * from ICU (en-US), so zones without one print a numeric offset ("+0530" where Go's tzdata says "IST").
 * `printf` lacks Go's hexadecimal float verbs (%x/%X/%b on floats). Offsets are UTF-16 indices, not bytes.
 */
import { execute } from "./exec.js";
import type { MissingKey } from "./exec.js";
import type { FuncContext } from "./funcs.js";
import { parseTemplate } from "./parser.js";
import type { ParsedTemplate } from "./parser.js";
import { FUNCTIONS, checkFunction, lookupMethod } from "./registry.js";
import { GoMap } from "./values.js";

export { TemplateError } from "./error.js";
export type { MissingKey } from "./exec.js";
export { FUNCTIONS, UNSUPPORTED_FUNCTIONS } from "./registry.js";

export interface TemplateOptions {
  /**
   * Runs a process synchronously and returns its standard output, for Skaffold's `cmd` function
   * (`{{cmd "git" "rev-parse" "HEAD"}}`); the output is trimmed as Skaffold does. Throw to fail the template.
   * Without it, calling `cmd` is a template error.
   */
  readonly runCommand?: (name: string, args: readonly string[]) => string;
  /** Clock for `now`, `date`, `ago`… (default: the system clock). */
  readonly now?: () => Date;
  /** Environment read by Sprig's `env` and `expandenv` (default: `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Go's `missingkey` option. Skaffold uses the default (`<no value>`) almost everywhere and `error`
   * (its `ExpandEnvTemplateOrFail`) for Helm release names, namespaces, chart paths, versions and repos,
   * and port-forward resource names/namespaces.
   */
  readonly missingKey?: MissingKey;
}

const CACHE_LIMIT = 256;
const cache = new Map<string, ParsedTemplate>();

function parseCached(template: string): ParsedTemplate {
  const hit = cache.get(template);
  if (hit !== undefined) return hit;
  const parsed = parseTemplate(template, checkFunction);
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(template, parsed);
  return parsed;
}

/** Parses `template` without executing it; throws TemplateError on syntax errors (and unknown functions). */
export function checkTemplateSyntax(template: string): void {
  parseCached(template);
}

/** True when the text contains a template action, i.e. rendering may change it. */
export function isTemplated(text: string): boolean {
  return text.includes("{{");
}

/**
 * Renders `template` with `data` as dot (Skaffold passes the process environment overlaid with
 * feature values such as IMAGE_NAME; see `templateData`). Throws TemplateError on parse or execution errors.
 */
export function renderTemplate(
  template: string,
  data: Readonly<Record<string, string>>,
  options: TemplateOptions = {},
): string {
  const parsed = parseCached(template);
  const env = options.env ?? process.env;
  const ctx: FuncContext = {
    runCommand: options.runCommand,
    now: options.now ?? (() => new Date()),
    getenv: (name) => (Object.hasOwn(env, name) ? env[name] : undefined),
  };
  const dot = new GoMap("string", new Map(Object.entries(data)));
  return execute(parsed, dot, {
    text: template,
    lookupFunction: (name) => FUNCTIONS.get(name),
    lookupMethod,
    ctx,
    missingKey: options.missingKey ?? "default",
  });
}

/** Skaffold's template data: the environment (variables with a value) overlaid with `custom`. */
export function templateData(
  custom: Readonly<Record<string, string>> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return Object.assign(out, custom);
}
