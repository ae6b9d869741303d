/**
 * Lexer for Go `text/template` syntax, a port of the state machine in Go's `text/template/parse/lex.go`.
 * Positions are 0-based offsets into the JavaScript string (UTF-16 code units), not Go byte offsets.
 */
import { formatRuneU, goQuote } from "./quote.js";
import {
  EOF,
  LEFT,
  Lexer,
  RIGHT,
  hasLeftTrim,
  hasRightTrim,
  isAlphaNumeric,
  isSpaceCode,
  trimLeftLen,
  trimRightLen,
} from "./lexer-core.js";
import type { LexOptions, StateFn } from "./lexer-core.js";
import { KEYWORDS } from "./tokens.js";
import type { Token, TokenType } from "./tokens.js";

const lexText: StateFn = (l) => {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x < 0) {
    l.pos = l.input.length;
    return l.emit(l.pos > l.start ? "text" : "eof");
  }
  if (x > l.pos) {
    l.pos = x;
    const trim = hasLeftTrim(l.input, x + LEFT.length) ? trimRightLen(l.input.slice(l.start, x)) : 0;
    l.pos -= trim;
    const text = l.input.slice(l.start, l.pos);
    const startPos = l.start;
    l.pos += trim;
    l.ignore();
    if (text.length > 0) {
      l.item = { type: "text", pos: startPos, val: text };
      return null;
    }
  }
  return lexLeftDelim;
};

const lexLeftDelim: StateFn = (l) => {
  l.pos += LEFT.length;
  const trim = hasLeftTrim(l.input, l.pos);
  const after = trim ? 2 : 0;
  if (l.input.startsWith("/*", l.pos + after)) {
    l.pos += after;
    l.ignore();
    return lexComment;
  }
  l.emit("leftDelim");
  l.insideAction = true;
  l.pos += after;
  l.ignore();
  l.parenDepth = 0;
  return null;
};

const lexComment: StateFn = (l) => {
  l.pos += 2;
  const x = l.input.indexOf("*/", l.pos);
  if (x < 0) return l.errorf("unclosed comment");
  l.pos = x + 2;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf("comment ends before closing delimiter");
  l.pos += (trim ? 2 : 0) + RIGHT.length;
  if (trim) l.pos += trimLeftLen(l.input.slice(l.pos));
  l.ignore();
  return lexText;
};

const lexRightDelim: StateFn = (l) => {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  l.emit("rightDelim");
  if (trim) {
    l.pos += trimLeftLen(l.input.slice(l.pos));
    l.ignore();
  }
  l.insideAction = false;
  return null;
};

const lexInsideAction: StateFn = (l) => {
  if (l.atRightDelim().delim) {
    return l.parenDepth === 0 ? lexRightDelim : l.errorf("unclosed left paren");
  }
  const r = l.next();
  const ch = r === EOF ? "" : String.fromCodePoint(r);
  if (r === EOF) return l.errorf("unclosed action");
  if (isSpaceCode(r)) {
    l.backup();
    return lexSpace;
  }
  switch (ch) {
    case "=":
      return l.emit("assign");
    case ":":
      return l.next() === 0x3d ? l.emit("declare") : l.errorf("expected :=");
    case "|":
      return l.emit("pipe");
    case '"':
      return lexQuoted('"', "unterminated quoted string", "string");
    case "`":
      return lexRaw;
    case "'":
      return lexQuoted("'", "unterminated character constant", "charConstant");
    case "$":
      return l.atTerminator() ? l.emit("variable") : lexFieldOrVariable("variable");
    case "(":
      l.parenDepth++;
      return l.emit("leftParen");
    case ")":
      l.parenDepth--;
      return l.parenDepth < 0 ? l.errorf("unexpected right paren") : l.emit("rightParen");
    default:
      break;
  }
  if (ch === "." && !/[0-9]/.test(l.input[l.pos] ?? "")) return lexFieldOrVariable("field");
  if (ch === "." || ch === "+" || ch === "-" || /[0-9]/.test(ch)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r >= 0x20 && r < 0x7f) return l.emit("char");
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
};

const lexSpace: StateFn = (l) => {
  let n = 0;
  while (isSpaceCode(l.peek())) {
    l.next();
    n++;
  }
  if (hasRightTrim(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos + 1)) {
    l.backup();
    if (n === 1) return lexRightDelim;
  }
  return l.emit("space");
};

const badChar = (l: Lexer): null => l.errorf(`bad character ${formatRuneU(l.peek())}`);

const lexIdentifier: StateFn = (l) => {
  while (isAlphaNumeric(l.peek())) l.next();
  if (!l.atTerminator()) return badChar(l);
  const word = l.input.slice(l.start, l.pos);
  const kw = KEYWORDS.get(word);
  if (kw !== undefined && kw !== "dot") {
    if ((kw === "break" && !l.options.breakOK) || (kw === "continue" && !l.options.continueOK)) {
      return l.emit("identifier");
    }
    return l.emit(kw);
  }
  return l.emit(word === "true" || word === "false" ? "bool" : "identifier");
};

function lexFieldOrVariable(type: "field" | "variable"): StateFn {
  return (l) => {
    if (l.atTerminator()) return l.emit(type === "variable" ? "variable" : "dot");
    while (isAlphaNumeric(l.peek())) l.next();
    if (!l.atTerminator()) return badChar(l);
    return l.emit(type);
  };
}

function lexQuoted(quote: string, unterminated: string, type: TokenType): StateFn {
  return (l) => {
    for (;;) {
      let c = l.next();
      if (c === 0x5c) {
        c = l.next();
        if (c !== EOF && c !== 0x0a) continue;
      }
      if (c === EOF || c === 0x0a) return l.errorf(unterminated);
      if (String.fromCodePoint(c) === quote) return l.emit(type);
    }
  };
}

const lexRaw: StateFn = (l) => {
  const x = l.input.indexOf("`", l.pos);
  if (x < 0) return l.errorf("unterminated raw quoted string");
  l.pos = x + 1;
  return l.emit("rawString");
};

function scanNumber(l: Lexer): boolean {
  l.accept("+-");
  let digits = "0123456789_";
  if (l.accept("0")) {
    if (l.accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (l.accept("oO")) digits = "01234567_";
    else if (l.accept("bB")) digits = "01_";
  }
  l.acceptRun(digits);
  if (l.accept(".")) l.acceptRun(digits);
  if (digits.length === 11 && l.accept("eE")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  if (digits.length === 23 && l.accept("pP")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  l.accept("i");
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

const lexNumber: StateFn = (l) => {
  const bad = (): null => l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  if (!scanNumber(l)) return bad();
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== "i") return bad();
    return l.emit("complex");
  }
  return l.emit("number");
};

/** Tokenizes the whole template; the stream ends with an `eof` or an `error` token. */
export function lex(input: string, options: LexOptions): Token[] {
  const l = new Lexer(input, options);
  const out: Token[] = [];
  for (;;) {
    l.item = null;
    let state: StateFn | null = l.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(l);
    const item: Token = l.item ?? { type: "eof", pos: l.pos, val: "EOF" };
    out.push(item);
    if (item.type === "eof" || item.type === "error") return out;
  }
}
