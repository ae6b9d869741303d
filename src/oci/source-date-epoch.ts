/** SOURCE_DATE_EPOCH (reproducible-builds.org): a fixed build time in whole seconds since 1970. */
import { userError } from "../errors/errors.js";

/**
 * Reads an epoch variable (SOURCE_DATE_EPOCH, KO_DATA_DATE_EPOCH) from `env`: seconds since 1970 as a
 * decimal integer, or `fallback` when unset or empty. Anything else is a user error, as in ko.
 */
export function epochFromEnv<T extends number | undefined>(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: T,
): number | T {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw userError(
      "INVALID_EPOCH",
      `${name} must be a number of seconds since January 1st 1970, 00:00 UTC, got "${text}"`,
      `Set ${name} to an integer such as $(git log -1 --format=%ct), or unset it.`,
    );
  }
  return Number(text);
}

/** RFC 3339 text of an epoch, as image configs store times (`1970-01-01T00:00:00Z`). */
export function epochToRfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}
