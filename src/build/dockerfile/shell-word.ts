/**
 * Dockerfile word expansion (BuildKit's `shell.Lex.ProcessWord`): quote removal (`'…'` literal, `"…"` with
 * `$` expansion), the escape character, and `$VAR`, `${VAR}`, `${VAR:-w}`, `${VAR-w}`, `${VAR:+w}`, `${VAR+w}`,
 * `${VAR:?w}`, `${VAR?w}`, `${VAR#p}`, `${VAR##p}`, `${VAR%p}`, `${VAR%%p}`. Unset variables expand to nothing.
 */
import { userError } from "../../errors/errors.js";
import { goMatch } from "./go-match.js";

/** Looks a variable up; undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined;

class Scanner {
  private at = 0;
  constructor(private readonly chars: readonly string[]) {}
  peek(): string | undefined {
    return this.chars[this.at];
  }
  next(): string | undefined {
    return this.chars[this.at++];
  }
}

function fail(word: string, what: string): never {
  throw userError("DOCKERFILE_PARSE", `cannot expand ${JSON.stringify(word)}: ${what}`);
}

function trimPattern(value: string, pattern: string, fromStart: boolean, longest: boolean): string {
  const lengths = Array.from({ length: value.length + 1 }, (_, i) => i);
  if (longest) lengths.reverse();
  for (const n of lengths) {
    const part = fromStart ? value.slice(0, n) : value.slice(value.length - n);
    if (goMatch(pattern, part)) return fromStart ? value.slice(n) : value.slice(0, value.length - n);
  }
  return value;
}

class Expander {
  private readonly scanner: Scanner;
  constructor(
    private readonly word: string,
    private readonly escape: string,
    private readonly lookup: VariableLookup,
  ) {
    this.scanner = new Scanner(Array.from(word));
  }

  /** Reads up to (and consuming) `stop`, or to the end when `stop` is undefined. */
  process(stop?: string): string {
    let out = "";
    for (;;) {
      const c = this.scanner.peek();
      if (c === undefined) {
        if (stop !== undefined) fail(this.word, `missing '${stop}'`);
        return out;
      }
      if (c === stop) {
        this.scanner.next();
        return out;
      }
      if (c === "'") out += this.singleQuoted();
      else if (c === '"') out += this.doubleQuoted();
      else if (c === "$") out += this.dollar();
      else {
        this.scanner.next();
        if (c === this.escape) {
          const escaped = this.scanner.next();
          out += escaped ?? "";
        } else out += c;
      }
    }
  }

  private singleQuoted(): string {
    this.scanner.next();
    let out = "";
    for (let c = this.scanner.next(); c !== "'"; c = this.scanner.next()) {
      if (c === undefined)
        fail(this.word, "unexpected end of statement while looking for matching single-quote");
      out += c;
    }
    return out;
  }

  private doubleQuoted(): string {
    this.scanner.next();
    let out = "";
    for (;;) {
      const c = this.scanner.peek();
      if (c === undefined)
        fail(this.word, "unexpected end of statement while looking for matching double-quote");
      if (c === '"') {
        this.scanner.next();
        return out;
      }
      if (c === "$") {
        out += this.dollar();
        continue;
      }
      this.scanner.next();
      const after = this.scanner.peek();
      if (c === this.escape && (after === '"' || after === "$" || after === this.escape)) {
        out += this.scanner.next() ?? "";
      } else out += c;
    }
  }

  private name(): string {
    let name = "";
    for (let c = this.scanner.peek(); c !== undefined && /[A-Za-z0-9_]/.test(c); c = this.scanner.peek()) {
      name += c;
      this.scanner.next();
    }
    return name;
  }

  private dollar(): string {
    this.scanner.next();
    if (this.scanner.peek() !== "{") {
      const name = this.name();
      return name === "" ? "$" : (this.lookup(name) ?? "");
    }
    this.scanner.next();
    const name = this.name();
    if (name === "") fail(this.word, "bad substitution");
    const value = this.lookup(name);
    const op = this.scanner.next();
    if (op === undefined) fail(this.word, "missing '}'");
    if (op === "}") return value ?? "";
    if (op === ":") {
      const kind = this.scanner.next();
      const word = this.process("}");
      const empty = value === undefined || value === "";
      if (kind === "-") return empty ? word : value;
      if (kind === "+") return empty ? "" : word;
      if (kind === "?")
        return empty ? fail(this.word, `${name}: ${word || "is not allowed to be unset"}`) : value;
      return fail(this.word, `unsupported modifier (${kind ?? "end"}) in substitution`);
    }
    if (op === "-" || op === "+" || op === "?") {
      const word = this.process("}");
      if (op === "-") return value ?? word;
      if (op === "+") return value === undefined ? "" : word;
      return value ?? fail(this.word, `${name}: ${word || "is not allowed to be unset"}`);
    }
    if (op === "#" || op === "%") {
      const longest = this.scanner.peek() === op;
      if (longest) this.scanner.next();
      const pattern = this.process("}");
      return trimPattern(value ?? "", pattern, op === "#", longest);
    }
    return fail(this.word, `unsupported modifier (${op}) in substitution`);
  }
}

/** Expands one Dockerfile word; throws a user error for a malformed one. */
export function expandWord(word: string, lookup: VariableLookup, escape = "\\"): string {
  return new Expander(word, escape, lookup).process();
}

/**
 * Splits on unquoted whitespace keeping quotes and escapes in the words (BuildKit's `parseWords`), the form
 * `ARG`, `ENV` and `FROM` arguments are read in before expansion.
 */
export function splitWords(text: string, escape = "\\"): string[] {
  const words: string[] = [];
  let word = "";
  let quote = "";
  let escaped = false;
  for (const c of text) {
    if (escaped) {
      word += c;
      escaped = false;
    } else if (c === escape) {
      word += c;
      escaped = true;
    } else if (quote !== "") {
      word += c;
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      word += c;
      quote = c;
    } else if (/\s/.test(c)) {
      if (word !== "") words.push(word);
      word = "";
    } else word += c;
  }
  if (word !== "") words.push(word);
  return words;
}
