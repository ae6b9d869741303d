/** The kinds of value a command-line flag takes. `tristate` is a bool that can also be left unset. */
export type FlagKind = "bool" | "tristate" | "string" | "strings" | "int" | "duration";

/** Which commands accept a flag: every command, or the listed ones. */
export type FlagScope = "all" | readonly string[];

/** One command-line flag, named and defaulted exactly as Skaffold names and defaults it. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly kind: FlagKind;
  readonly description: string;
  readonly scope: FlagScope;
  /** Default for every command; `perCommand` overrides it for some. */
  readonly default?: FlagValue;
  readonly perCommand?: Readonly<Record<string, FlagValue>>;
  /** Allowed values for enumerations (each element of a `strings` flag is checked). */
  readonly choices?: readonly string[];
  readonly hidden?: boolean;
  /** Value used when a `tristate` or `strings` flag is given bare, without `=value`. */
  readonly bareValue?: FlagValue;
}

export type FlagValue = boolean | string | number | readonly string[] | undefined;

export function appliesTo(spec: FlagSpec, command: string): boolean {
  return spec.scope === "all" || spec.scope.includes(command);
}

export function defaultFor(spec: FlagSpec, command: string): FlagValue {
  const perCommand = spec.perCommand?.[command];
  return perCommand !== undefined ? perCommand : spec.default;
}

/** `default-repo` → `DEFAULT_REPO`, the suffix of the TRESTLE_ and SKAFFOLD_ environment variables. */
export function envSuffix(flagName: string): string {
  return flagName.toUpperCase().replaceAll("-", "_");
}
