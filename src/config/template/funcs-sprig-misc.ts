/** Sprig v2 OS, path, regex, reflection and random functions, and Skaffold's `cmd`. */
import { randomInt, randomUUID } from "node:crypto";
import { trimSpace } from "./funcs-sprig.js";
import { FuncError, fn, fnv } from "./funcs.js";
import type { FuncContext, FuncDef, FuncTable } from "./funcs.js";
import { allMatches, compileGoRegexp, expand } from "./regex.js";
import { deepEqual, kindName, strList, typeName } from "./values.js";
import type { Value } from "./values.js";

const SHELL_SPECIAL = "*#$@!?-0123456789";

/** Go's `os.Expand`: `$NAME`, `${NAME}` and single-character shell specials. */
function expandEnv(s: string, getenv: (name: string) => string): string {
  let out = "";
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== "$" || j + 1 >= s.length) continue;
    out += s.slice(i, j);
    const rest = s.slice(j + 1);
    let name = "";
    let width: number;
    if (rest.startsWith("{")) {
      const close = rest.indexOf("}");
      if (rest.length > 2 && SHELL_SPECIAL.includes(rest[1] ?? "") && rest[2] === "}")
        [name, width] = [rest[1] ?? "", 3];
      else if (close === 1) width = 2;
      else if (close < 0) width = 1;
      else [name, width] = [rest.slice(1, close), close + 1];
    } else if (SHELL_SPECIAL.includes(rest[0] ?? "")) {
      [name, width] = [rest[0] ?? "", 1];
    } else {
      name = /^[A-Za-z0-9_]*/.exec(rest)?.[0] ?? "";
      width = name.length;
    }
    if (name !== "") out += getenv(name);
    else if (width === 0) out += "$";
    j += width;
    i = j + 1;
  }
  return out + s.slice(i);
}

/** Go's `path.Clean`. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg !== "..") parts.push(seg);
    else if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (!rooted) parts.push("..");
  }
  const out = (rooted ? "/" : "") + parts.join("/");
  return out === "" ? "." : out;
}

function basePath(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function extPath(p: string): string {
  const m = /\.[^./]*$/.exec(p);
  return m ? m[0] : "";
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

const random = (chars: string): FuncDef =>
  fn(["int"], ([n]) =>
    Array.from({ length: Math.max(n, 0) }, () => chars[randomInt(chars.length)] ?? "").join(""),
  );

const regex2 = (f: (re: RegExp, s: string) => Value): FuncDef =>
  fn(["string", "string"], ([r, s]) => f(compileGoRegexp(r), s));
const regexInt = (f: (re: RegExp, s: string, n: number) => Value): FuncDef =>
  fn(["string", "string", "int"], ([r, s, n]) => f(compileGoRegexp(r), s, n));
const regexStr = (f: (re: RegExp, s: string, repl: string) => Value): FuncDef =>
  fn(["string", "string", "string"], ([r, s, repl]) => f(compileGoRegexp(r), s, repl));

/** Go's `Regexp.Split`. */
function regexSplit(re: RegExp, s: string, n: number): Value {
  if (n === 0) return strList([]);
  if (re.source !== "(?:)" && s === "") return strList([""]);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of allMatches(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return strList(out);
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = "";
  let last = 0;
  for (const m of allMatches(re, s, -1)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function runCmd(ctx: FuncContext, name: string, args: readonly string[]): string {
  if (ctx.runCommand === undefined) {
    throw new FuncError("running commands is not available here (no command runner was provided)");
  }
  try {
    return trimSpace(ctx.runCommand(name, args));
  } catch (e) {
    throw new FuncError(e instanceof Error ? e.message : String(e));
  }
}

export const SPRIG_MISC_FUNCS: FuncTable = {
  env: fn(["string"], ([name], ctx) => ctx.getenv(name) ?? ""),
  expandenv: fn(["string"], ([s], ctx) => expandEnv(s, (n) => ctx.getenv(n) ?? "")),
  base: fn(["string"], ([p]) => basePath(p)),
  dir: fn(["string"], ([p]) => cleanPath(p.slice(0, p.lastIndexOf("/") + 1))),
  clean: fn(["string"], ([p]) => cleanPath(p)),
  ext: fn(["string"], ([p]) => extPath(p)),
  isAbs: fn(["string"], ([p]) => p.startsWith("/")),
  uuidv4: fn([], () => randomUUID()),
  randAlphaNum: random(LETTERS + DIGITS),
  randAlpha: random(LETTERS),
  randNumeric: random(DIGITS),
  randAscii: random(ASCII),
  typeOf: fn(["any"], ([v]) => typeName(v)),
  typeIs: fn(["string", "any"], ([t, v]) => t === typeName(v)),
  typeIsLike: fn(["string", "any"], ([t, v]) => t === typeName(v) || `*${t}` === typeName(v)),
  kindOf: fn(["any"], ([v]) => kindName(v)),
  kindIs: fn(["string", "any"], ([k, v]) => k === kindName(v)),
  deepEqual: fn(["any", "any"], ([a, b]) => deepEqual(a, b)),
  regexMatch: fn(["string", "string"], ([r, s]) => {
    try {
      return allMatches(compileGoRegexp(r), s, 1).length > 0;
    } catch {
      return false;
    }
  }),
  regexFind: regex2((re, s) => allMatches(re, s, 1)[0]?.[0] ?? ""),
  regexFindAll: regexInt((re, s, n) => strList(allMatches(re, s, n).map((m) => m[0]))),
  regexReplaceAll: regexStr((re, s, repl) => replaceAll(re, s, (m) => expand(repl, m))),
  regexReplaceAllLiteral: regexStr((re, s, repl) => replaceAll(re, s, () => repl)),
  regexSplit: regexInt(regexSplit),
  cmd: fnv(["string"], "string", ([name], args, ctx) => runCmd(ctx, name, args)),
};
