/** The buildpack group a user chose (`buildpacks` or project.toml), resolved against the builder, as order.toml. */
import { userError } from "../../errors/errors.js";
import type { TarEntry } from "../../util/tar.js";
import type { BuilderInfo, BuildpackRef } from "./builder-metadata.js";

/**
 * Resolves `id` or `id@version` entries to buildpacks of the builder (a missing version takes the builder's
 * only/first one). URIs (`docker://`, paths, `urn:cnb:registry:`) are not supported: a user error.
 */
export function resolveGroup(builder: string, chosen: readonly string[], info: BuilderInfo): BuildpackRef[] {
  return chosen.map((entry) => {
    if (
      /^[a-z]+:\/\//.test(entry) ||
      entry.startsWith("urn:") ||
      entry.startsWith(".") ||
      entry.startsWith("/")
    ) {
      throw userError(
        "BUILDPACKS_UNSUPPORTED_BUILDPACK",
        `buildpack ${entry}: Trestle uses buildpacks of the builder by id only`,
        `Use an id (and optional @version) of a buildpack in ${builder}, or a builder that has it.`,
      );
    }
    const at = entry.lastIndexOf("@");
    const id = at > 0 ? entry.slice(0, at) : entry;
    const version = at > 0 ? entry.slice(at + 1) : "";
    const found = info.buildpacks.find((bp) => bp.id === id && (version === "" || bp.version === version));
    if (found === undefined) {
      const have = info.buildpacks.map((bp) => `${bp.id}@${bp.version}`).join(", ");
      throw userError(
        "BUILDPACKS_UNKNOWN_BUILDPACK",
        `buildpack ${entry} is not in builder ${builder} (it has: ${have || "none"})`,
        "Pick one of the builder's buildpacks, or another builder.",
      );
    }
    return found;
  });
}

/** `layers/order.toml` with one group, owned by the CNB user. */
export function orderToml(
  group: readonly BuildpackRef[],
  owner: { readonly uid: number; readonly gid: number },
): TarEntry {
  const text =
    "[[order]]\n" +
    group
      .map(
        (bp) =>
          `  [[order.group]]\n    id = ${JSON.stringify(bp.id)}\n    version = ${JSON.stringify(bp.version)}\n`,
      )
      .join("");
  const bytes = new TextEncoder().encode(text);
  return {
    type: "file",
    path: "layers/order.toml",
    mode: 0o644,
    size: bytes.length,
    source: { bytes },
    meta: { uid: owner.uid, gid: owner.gid },
  };
}
