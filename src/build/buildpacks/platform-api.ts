/** Platform API negotiation: the highest version both Trestle and the builder's lifecycle speak. */
import { userError } from "../../errors/errors.js";

/**
 * The Platform APIs Trestle speaks. 0.7 moved the analyzer first and the run image choice into it; the
 * flags Trestle passes exist unchanged from 0.7 to 0.15 (the lifecycle checks the rest).
 */
export const TRESTLE_PLATFORM_APIS = ["0.7", "0.8", "0.9", "0.10", "0.11", "0.12", "0.13", "0.14", "0.15"];

/** Compares two `major.minor` API versions numerically. */
export function compareApi(a: string, b: string): number {
  const [amaj = 0, amin = 0] = a.split(".").map(Number);
  const [bmaj = 0, bmin = 0] = b.split(".").map(Number);
  return amaj !== bmaj ? amaj - bmaj : amin - bmin;
}

/** Whether `api` is at least `min`. */
export function apiAtLeast(api: string, min: string): boolean {
  return compareApi(api, min) >= 0;
}

/** Picks the highest Platform API both sides support; none in common is a user error naming both lists. */
export function choosePlatformApi(
  builder: string,
  lifecycleApis: readonly string[],
  ours: readonly string[] = TRESTLE_PLATFORM_APIS,
): string {
  const common = lifecycleApis.filter((api) => ours.includes(api)).sort(compareApi);
  const best = common.at(-1);
  if (best === undefined) {
    throw userError(
      "BUILDPACKS_PLATFORM_API",
      `the lifecycle of builder ${builder} supports Platform API ${lifecycleApis.join(", ") || "(none listed)"}; Trestle speaks ${ours.join(", ")}`,
      "Use a builder with a lifecycle from 0.13 or later.",
    );
  }
  return best;
}
