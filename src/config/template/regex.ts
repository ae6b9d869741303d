/**
 * Go `regexp` (RE2 syntax) on top of JavaScript RegExp: pattern translation for the common syntax,
 * Go's match iteration (empty matches after a match are skipped) and `$1`/`${name}` expansion.
 */
import { FuncError } from "./funcs.js";
import { canBackquote, goQuote } from "./quote.js";
import { own } from "./values.js";

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Go's wording for the JavaScript syntax errors users are likely to hit. */
const GO_ERRORS: Readonly<Record<string, string>> = {
  "Unterminated group": "missing closing )",
  "Unmatched ')'": "unexpected )",
  "Unterminated character class": "missing closing ]",
  "Nothing to repeat": "missing argument to repetition operator",
  "\\ at end of pattern": "trailing backslash at end of expression",
  "Range out of order in character class": "invalid character class range",
};

const JS_SYNTAX = "^$\\.*+?()[]{}|/";
const PERL_SPACE = "\\t\\n\\f\\r ";
const hexEscape = (ch: string): string => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;

function translateEscape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1] ?? "";
  if (c === "Q") {
    const end = p.indexOf("\\E", i + 2);
    const lit = p.slice(i + 2, end < 0 ? p.length : end);
    return [Array.from(lit).map(hexEscape).join(""), end < 0 ? p.length : end + 2];
  }
  if (c === "p" || c === "P") {
    const braced = p[i + 2] === "{";
    const name = braced ? p.slice(i + 3, p.indexOf("}", i + 3)) : (p[i + 2] ?? "");
    const prop = name.length <= 2 ? name : `Script=${name}`;
    return [`\\${c}{${prop}}`, i + 2 + (braced ? name.length + 2 : 1)];
  }
  const x = /^x\{([0-9a-fA-F]+)\}/.exec(p.slice(i + 1));
  if (x) return [`\\u{${x[1] ?? "0"}}`, i + 1 + x[0].length];
  const octal = /^[0-7]{1,3}/.exec(p.slice(i + 1));
  if (octal) return [hexEscape(String.fromCodePoint(parseInt(octal[0], 8))), i + 1 + octal[0].length];
  const simple: Readonly<Record<string, string>> = {
    A: "(?<![\\s\\S])",
    z: "(?![\\s\\S])",
    a: "\\x07",
    C: "[\\s\\S]",
    s: inClass ? PERL_SPACE : `[${PERL_SPACE}]`,
    S: inClass ? "\\S" : `[^${PERL_SPACE}]`,
  };
  const mapped = simple[c];
  if (mapped !== undefined) return [mapped, i + 2];
  if (/[A-Za-z0-9]/.test(c) || JS_SYNTAX.includes(c) || (inClass && c === "-")) return [`\\${c}`, i + 2];
  return [hexEscape(c), i + 2];
}

/** Translates a Go regular expression into a JavaScript RegExp (u flag, plus leading `(?ims)` flags). */
export function compileGoRegexp(expr: string): RegExp {
  let flags = "gu";
  let p = expr;
  const lead = /^\(\?([ims]+)\)/.exec(p);
  if (lead) {
    flags += [...new Set(lead[1])].join("");
    p = p.slice(lead[0].length);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length;) {
    const ch = p[i] ?? "";
    if (ch === "\\") {
      const [s, next] = translateEscape(p, i, inClass);
      out += s;
      i = next;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\w+):\]/.exec(p.slice(i));
      const cls = posix ? own(POSIX_CLASSES, posix[1] ?? "") : undefined;
      if (posix && cls !== undefined) {
        out += cls;
        i += posix[0].length;
        continue;
      }
      if (ch === "]") inClass = false;
      out += ch === "[" ? "\\[" : ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
      if (p[i + 1] === "^") out += p[++i] ?? "";
      if (p[i + 1] === "]") out += `\\${p[++i] ?? ""}`;
    } else if (p.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
    } else if (ch === "{" && !/^\{\d+(,\d*)?\}/.test(p.slice(i))) {
      out += "\\{";
    } else if (ch === "}" && !/\{\d+(,\d*)?$/.test(out)) {
      out += "\\}";
    } else {
      out += ch;
    }
    i++;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    const q = canBackquote(expr) ? `\`${expr}\`` : goQuote(expr);
    const detail =
      e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "") : "";
    const why = own(GO_ERRORS, detail) ?? `invalid or unsupported syntax (${detail})`;
    throw new FuncError(
      `regexp: Compile(${q}): error parsing regexp: ${why}: ${canBackquote(expr) ? `\`${expr}\`` : q}`,
    );
  }
}

/** Go's `allMatches`: successive non-overlapping matches; an empty match right after a match is skipped. */
export function allMatches(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      const cp = s.codePointAt(pos);
      pos += cp === undefined ? 1 : cp > 0xffff ? 2 : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's `Regexp.Expand` for `$1`, `${1}`, `$name`, `${name}` and `$$` in a replacement template. */
export function expand(template: string, m: RegExpExecArray): string {
  let out = "";
  let rest = template;
  for (let at = rest.indexOf("$"); at >= 0; at = rest.indexOf("$")) {
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (ref === null) {
      out += "$";
      continue;
    }
    rest = rest.slice(ref[0].length);
    const name = ref[1] ?? ref[2] ?? "";
    out += /^\d+$/.test(name) ? (m[Number(name)] ?? "") : (m.groups?.[name] ?? "");
  }
  return out + rest;
}
