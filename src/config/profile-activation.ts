import { configError } from "../errors/errors.js";
import type { SourceLocation } from "../errors/errors.js";

/** What profile activation looks at: the environment, the kube-context and the command being run. */
export interface ActivationContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly command: string;
  /** The effective kube-context, read lazily (only profiles with a kubeContext activation need it). */
  readonly kubeContext: () => string;
}

export interface Activation {
  readonly env?: string | undefined;
  readonly kubeContext?: string | undefined;
  readonly command?: string | undefined;
}

export interface ActivatableProfile {
  readonly name: string;
  readonly activation?: readonly Activation[] | undefined;
  readonly requiresAllActivations?: boolean | undefined;
}

/** Skaffold's match: exact, else an unanchored regular expression; a leading `!` negates. */
export function regexEqual(expected: string, actual: string): boolean {
  if (expected.startsWith("!")) return !regexMatch(expected.slice(1), actual);
  return regexMatch(expected, actual);
}

function regexMatch(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  try {
    return new RegExp(expected).test(actual);
  } catch {
    return false;
  }
}

function envMatches(rule: string, env: ActivationContext["env"], where: () => SourceLocation): boolean {
  const eq = rule.indexOf("=");
  if (eq < 0) {
    throw configError(
      "CONFIG_BAD_ACTIVATION",
      `invalid env activation "${rule}": expected KEY=VALUE`,
      where(),
      "Write `env: NAME=value`, `env: NAME=!value` or `env: NAME=` (unset or empty).",
    );
  }
  const value = env[rule.slice(0, eq)] ?? "";
  const expected = rule.slice(eq + 1);
  return expected === "" ? value === "" : regexEqual(expected, value);
}

function triggered(cond: Activation, ctx: ActivationContext, where: () => SourceLocation): boolean {
  if (cond.command && !regexEqual(cond.command, ctx.command)) return false;
  if (cond.env && !envMatches(cond.env, ctx.env, where)) return false;
  if (cond.kubeContext && !regexEqual(cond.kubeContext, ctx.kubeContext())) return false;
  return true;
}

/** Whether a profile's activation rules fire; `byContext` tells if a kubeContext rule took part. */
export function isActivated(
  profile: ActivatableProfile,
  ctx: ActivationContext,
  where: (activationIndex: number) => SourceLocation,
): { active: boolean; byContext: boolean } {
  const conditions = profile.activation ?? [];
  if (profile.requiresAllActivations === true) {
    if (conditions.length === 0) return { active: false, byContext: false };
    const all = conditions.every((c, i) => triggered(c, ctx, () => where(i)));
    return { active: all, byContext: all && conditions.some((c) => Boolean(c.kubeContext)) };
  }
  const index = conditions.findIndex((c, i) => triggered(c, ctx, () => where(i)));
  const hit = conditions[index];
  return { active: hit !== undefined, byContext: Boolean(hit?.kubeContext) };
}

/**
 * The ordered list of profiles to apply: auto-activated ones first (when enabled), then the named ones in
 * order; `-name` removes a profile. Names that this config does not define are skipped here (the caller
 * reports names that no config defines).
 */
export function selectProfiles(
  profiles: readonly ActivatableProfile[],
  named: readonly string[],
  autoActivation: boolean,
  ctx: ActivationContext,
  where: (profileIndex: number, activationIndex: number) => SourceLocation,
): { names: string[]; byContext: string[] } {
  const names: string[] = [];
  const byContext: string[] = [];
  if (autoActivation) {
    profiles.forEach((profile, i) => {
      const result = isActivated(profile, ctx, (a) => where(i, a));
      if (!result.active) return;
      names.push(profile.name);
      if (result.byContext) byContext.push(profile.name);
    });
  }
  const defined = new Set(profiles.map((p) => p.name));
  let selected = names;
  for (const name of named) {
    if (name.startsWith("-")) selected = selected.filter((n) => n !== name.slice(1));
    else if (defined.has(name) && !selected.includes(name)) selected.push(name);
  }
  return { names: selected, byContext: byContext.filter((n) => selected.includes(n)) };
}
