/** Finds where JSON text goes wrong, since JSON.parse does not always say (V8: "Unexpected token … is not valid JSON"). */

const WS = new Set([" ", "\t", "\n", "\r"]);
const LITERALS = ["true", "false", "null"];
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const ESCAPE = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/;

class Fail extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

class Scanner {
  i = 0;
  constructor(private readonly text: string) {}

  private ws(): void {
    while (WS.has(this.text[this.i] ?? "")) this.i++;
  }

  private expect(char: string): void {
    this.ws();
    if (this.text[this.i] !== char) throw new Fail(this.i);
    this.i++;
  }

  private string(): void {
    if (this.text[this.i] !== '"') throw new Fail(this.i);
    for (this.i++; ; this.i++) {
      const c = this.text[this.i];
      if (c === undefined || c < " ") throw new Fail(this.i);
      if (c === '"') break;
      if (c === "\\") {
        const escape = ESCAPE.exec(this.text.slice(this.i + 1, this.i + 6));
        if (escape === null) throw new Fail(this.i);
        this.i += escape[0].length;
      }
    }
    this.i++;
  }

  private match(pattern: RegExp): void {
    const m = pattern.exec(this.text.slice(this.i));
    if (m === null) throw new Fail(this.i);
    this.i += m[0].length;
  }

  /** Parses a list of items between `open` and `close`, separated by commas. */
  private list(close: string, item: () => void): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) {
      this.i++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      const c = this.text[this.i];
      this.i++;
      if (c === close) return;
      if (c !== ",") throw new Fail(this.i - 1);
    }
  }

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === "{") {
      this.list("}", () => {
        this.ws();
        this.string();
        this.expect(":");
        this.value();
      });
    } else if (c === "[") {
      this.list("]", () => {
        this.value();
      });
    } else if (c === '"') this.string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) this.match(NUMBER);
    else {
      const literal = LITERALS.find((l) => this.text.startsWith(l, this.i));
      if (literal === undefined) throw new Fail(this.i);
      this.i += literal.length;
    }
  }

  document(): void {
    this.value();
    this.ws();
    if (this.i < this.text.length) throw new Fail(this.i);
  }
}

/** The 1-based line and column of the first JSON syntax error in `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(
  text: string,
): { readonly line: number; readonly column: number } | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    const before = text.slice(0, error.offset);
    return { line: before.split("\n").length, column: error.offset - before.lastIndexOf("\n") };
  }
}
