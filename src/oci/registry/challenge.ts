/**
 * `WWW-Authenticate` parsing (RFC 9110 §11.6.1): one header may carry several challenges, each a scheme
 * followed by comma-separated `key=value` or `key="quoted \"value\""` parameters.
 */

/** One authentication challenge: the scheme (lowercase) and its parameters (lowercase keys). */
export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
/** Unquoted parameter values in the wild include URLs, so they run to the next comma or space. */
const BARE_VALUE = /[^,\s]*/y;

function readToken(text: string, at: number): string | undefined {
  TOKEN.lastIndex = at;
  return TOKEN.exec(text)?.[0];
}

function skip(text: string, at: number, chars: string): number {
  let i = at;
  while (i < text.length && chars.includes(text.charAt(i))) i++;
  return i;
}

function readQuoted(text: string, at: number): { readonly value: string; readonly end: number } {
  let value = "";
  let i = at + 1;
  while (i < text.length && text.charAt(i) !== '"') {
    if (text.charAt(i) === "\\" && i + 1 < text.length) i++;
    value += text.charAt(i);
    i++;
  }
  return { value, end: i + 1 };
}

/** Parses every challenge in a `WWW-Authenticate` value; unparseable fragments are skipped. */
export function parseChallenges(header: string): Challenge[] {
  const out: { scheme: string; params: Record<string, string> }[] = [];
  let i = 0;
  while (i < header.length) {
    i = skip(header, i, " \t,");
    const token = readToken(header, i);
    if (token === undefined) {
      i++;
      continue;
    }
    const afterToken = skip(header, i + token.length, " \t");
    const current = out[out.length - 1];
    if (header.charAt(afterToken) === "=" && current !== undefined) {
      const valueAt = skip(header, afterToken + 1, " \t");
      if (header.charAt(valueAt) === '"') {
        const quoted = readQuoted(header, valueAt);
        current.params[token.toLowerCase()] = quoted.value;
        i = quoted.end;
      } else {
        BARE_VALUE.lastIndex = valueAt;
        const value = BARE_VALUE.exec(header)?.[0] ?? "";
        current.params[token.toLowerCase()] = value;
        i = valueAt + value.length;
      }
    } else {
      out.push({ scheme: token.toLowerCase(), params: {} });
      i = afterToken;
    }
  }
  return out;
}

/** The first challenge of a scheme Trestle can answer: Bearer preferred over Basic. */
export function pickChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
}
