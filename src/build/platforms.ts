/**
 * The target platforms of each artifact, resolved as Skaffold's platform resolver does: `--platform` wins
 * over the module's `build.platforms`; an artifact's own `platforms` are constraints (used alone when
 * nothing else asks for platforms, else intersected, and an empty intersection is an error);
 * `--disable-multi-platform-build` keeps one platform (the host's when selected, else the first). `all`
 * means every platform the base image offers (ko); it intersects as "anything".
 */
import { userError } from "../errors/errors.js";
import { formatPlatform, hostPlatform, parsePlatform } from "../oci/platform.js";

/** A resolved selection: every platform, or a list of `os/arch[/variant]` (empty: the host's). */
type Selection = "all" | readonly string[];

function parse(specs: readonly string[] | undefined): Selection {
  const list = (specs ?? [])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (list.some((s) => s.toLowerCase() === "all")) return "all";
  return list.map((s) => formatPlatform(parsePlatform(s)));
}

const isEmpty = (s: Selection): boolean => s !== "all" && s.length === 0;

function intersect(a: Selection, b: Selection): Selection {
  if (a === "all") return b;
  if (b === "all") return a;
  return a.filter((p) => b.includes(p));
}

/** What decides the platforms of one artifact. */
export interface PlatformInputs {
  /** `--platform` values (comma-separated lists allowed). */
  readonly cli: readonly string[];
  /** The artifact's module's `build.platforms`. */
  readonly build: readonly string[] | undefined;
  /** The artifact's `platforms`. */
  readonly artifact: readonly string[] | undefined;
  readonly image: string;
  /** `--disable-multi-platform-build`. */
  readonly singlePlatform?: boolean;
}

/** The platforms to build one artifact for: `["all"]`, a list, or `[]` for the host's. */
export function resolveArtifactPlatforms(inputs: PlatformInputs): string[] {
  const cli = parse(inputs.cli);
  let wanted = isEmpty(cli) ? parse(inputs.build) : cli;
  const constraints = parse(inputs.artifact);
  if (!isEmpty(constraints)) {
    if (isEmpty(wanted)) wanted = constraints;
    else {
      const both = intersect(wanted, constraints);
      if (isEmpty(both)) {
        throw userError(
          "PLATFORM_MISMATCH",
          `build target platforms "${wanted === "all" ? "all" : wanted.join(",")}" do not match platform constraints "${(inputs.artifact ?? []).join(",")}" defined for artifact "${inputs.image}"`,
          "Change --platform or build.platforms, or the artifact's platforms, so that they share a platform.",
        );
      }
      wanted = both;
    }
  }
  const multi = wanted === "all" || wanted.length > 1;
  if (inputs.singlePlatform === true && multi) {
    const host = formatPlatform(hostPlatform());
    if (wanted === "all" || wanted.includes(host)) return [host];
    return wanted.slice(0, 1);
  }
  return wanted === "all" ? ["all"] : [...wanted];
}
