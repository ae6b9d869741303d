/**
 * A small TOML reader for the files a buildpacks platform reads (`project.toml`, the lifecycle's
 * `report.toml`): tables, arrays of tables, dotted and quoted keys, strings (basic, literal, multi-line),
 * integers, floats, booleans, arrays and inline tables. Dates come back as strings. Not a full TOML 1.0
 * validator: it accepts some documents TOML rejects (e.g. redefined tables) but never misreads a valid one
 * of the kinds above.
 */

/** A parsed TOML value. */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
/** A TOML table. */
export interface TomlTable {
  [key: string]: TomlValue;
}

/** A syntax error, with the 1-based line. */
export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  get line(): number {
    return this.text.slice(0, this.pos).split("\n").length;
  }

  fail(message: string): never {
    throw new TomlError(message, this.line);
  }

  peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Skips spaces and tabs (and, with `newlines`, line breaks and comments). */
  skip(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t" || (newlines && (c === "\n" || c === "\r"))) this.pos++;
      else if (c === "#") {
        while (this.pos < this.text.length && this.peek() !== "\n") this.pos++;
      } else return;
    }
  }

  endOfLine(): void {
    this.skip(false);
    if (this.pos >= this.text.length) return;
    if (this.peek() === "\r") this.pos++;
    if (this.peek() !== "\n") this.fail(`unexpected ${JSON.stringify(this.peek())}`);
    this.pos++;
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skip(false);
      const c = this.peek();
      if (c === '"' || c === "'") parts.push(this.string());
      else {
        const start = this.pos;
        while (BARE_KEY.test(this.peek())) this.pos++;
        if (start === this.pos) this.fail("expected a key");
        parts.push(this.text.slice(start, this.pos));
      }
      this.skip(false);
      if (this.peek() !== ".") return parts;
      this.pos++;
    }
  }

  string(): string {
    const quote = this.peek();
    const multi = this.startsWith(quote.repeat(3));
    this.pos += multi ? 3 : 1;
    if (multi && this.peek() === "\n") this.pos++;
    else if (multi && this.startsWith("\r\n")) this.pos += 2;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string");
      if (multi ? this.startsWith(quote.repeat(3)) : this.peek() === quote) {
        this.pos += multi ? 3 : 1;
        return out;
      }
      const c = this.peek();
      if (!multi && c === "\n") this.fail("newline in a string");
      if (quote === '"' && c === "\\") {
        out += this.escape();
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  escape(): string {
    const c = this.peek(1);
    this.pos += 2;
    const simple: Record<string, string> = {
      b: "\b",
      t: "\t",
      n: "\n",
      f: "\f",
      r: "\r",
      '"': '"',
      "\\": "\\",
    };
    const mapped = simple[c];
    if (mapped !== undefined) return mapped;
    if (c === "u" || c === "U") {
      const length = c === "u" ? 4 : 8;
      const hex = this.text.slice(this.pos, this.pos + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) this.fail("bad unicode escape");
      this.pos += length;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (c === "\n" || c === "\r" || c === " " || c === "\t") {
      // Line-ending backslash in a multi-line string: trims the following whitespace.
      while (/\s/.test(this.peek())) this.pos++;
      return "";
    }
    return this.fail(`bad escape \\${c}`);
  }

  value(): TomlValue {
    this.skip(false);
    const c = this.peek();
    if (c === '"' || c === "'") return this.string();
    if (c === "[") return this.array();
    if (c === "{") return this.inlineTable();
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.pos));
    if (match === null) return this.fail("expected a value");
    const word = match[0];
    this.pos += word.length;
    if (word === "true") return true;
    if (word === "false") return false;
    const plain = word.replace(/_/g, "");
    if (/^[+-]?(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+)$/.test(plain)) return Number(plain);
    if (/^[+-]?\d+$/.test(plain)) return parseInt(plain, 10);
    if (/^[+-]?(\d+(\.\d+)?([eE][+-]?\d+)?|inf|nan)$/.test(plain)) {
      return plain.endsWith("inf") ? (plain.startsWith("-") ? -Infinity : Infinity) : Number(plain);
    }
    if (/^\d{4}-\d{2}-\d{2}/.test(word) || /^\d{2}:\d{2}/.test(word)) return word;
    return this.fail(`unexpected ${JSON.stringify(word)}`);
  }

  array(): TomlValue[] {
    this.pos++;
    const out: TomlValue[] = [];
    for (;;) {
      this.skip(true);
      if (this.peek() === "]") {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.skip(true);
      if (this.peek() === ",") this.pos++;
      else if (this.peek() !== "]") this.fail("expected , or ] in an array");
    }
  }

  inlineTable(): TomlTable {
    this.pos++;
    const out: TomlTable = {};
    this.skip(false);
    if (this.peek() === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.key();
      if (this.peek() !== "=") this.fail("expected = in an inline table");
      this.pos++;
      assign(out, key, this.value(), this);
      this.skip(false);
      if (this.peek() === ",") this.pos++;
      else if (this.peek() === "}") {
        this.pos++;
        return out;
      } else this.fail("expected , or } in an inline table");
    }
  }
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === "object" && !Array.isArray(value);
}

function descend(root: TomlTable, path: readonly string[], reader: Reader): TomlTable {
  let table = root;
  for (const part of path) {
    let next = table[part];
    if (next === undefined) {
      next = {};
      table[part] = next;
    }
    if (Array.isArray(next)) next = next.at(-1);
    if (!isTable(next)) return reader.fail(`${path.join(".")} is not a table`);
    table = next;
  }
  return table;
}

function assign(table: TomlTable, key: readonly string[], value: TomlValue, reader: Reader): void {
  const last = key.at(-1) ?? "";
  const parent = descend(table, key.slice(0, -1), reader);
  if (last in parent) reader.fail(`duplicate key ${key.join(".")}`);
  parent[last] = value;
}

/** Parses a TOML document; a syntax error is a TomlError with the line. */
export function parseToml(text: string): TomlTable {
  const reader = new Reader(text);
  const root: TomlTable = {};
  let current = root;
  for (;;) {
    reader.skip(true);
    if (reader.pos >= text.length) return root;
    if (reader.startsWith("[[")) {
      reader.pos += 2;
      const path = reader.key();
      if (!reader.startsWith("]]")) reader.fail("expected ]]");
      reader.pos += 2;
      const parent = descend(root, path.slice(0, -1), reader);
      const name = path.at(-1) ?? "";
      const existing = parent[name] ?? [];
      if (!Array.isArray(existing)) return reader.fail(`${path.join(".")} is not an array of tables`);
      const list: TomlValue[] = existing;
      current = {};
      list.push(current);
      parent[name] = list;
    } else if (reader.peek() === "[") {
      reader.pos++;
      const path = reader.key();
      if (reader.peek() !== "]") reader.fail("expected ]");
      reader.pos++;
      current = descend(root, path, reader);
    } else {
      const key = reader.key();
      if (reader.peek() !== "=") reader.fail("expected =");
      reader.pos++;
      assign(current, key, reader.value(), reader);
    }
    reader.endOfLine();
  }
}
