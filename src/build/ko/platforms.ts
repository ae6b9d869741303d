/**
 * Which platforms to build and on which base images: the requested platforms (`all` = every platform of
 * the base), else `.ko.yaml` `defaultPlatforms`, else the host's. An index base gives one base per
 * selected entry, in the index's order; a single-image base must match a requested platform, as in ko.
 */
import { userError } from "../../errors/errors.js";
import type { Image } from "../../oci/image.js";
import type { Descriptor, Platform } from "../../oci/model.js";
import type { PlatformSelection } from "../../oci/platform.js";
import {
  formatPlatform,
  hostPlatform,
  parsePlatformSelection,
  platformSelected,
} from "../../oci/platform.js";
import type { Pulled } from "../../oci/registry/pull.js";

/** One platform to build: its base image and, for an index, the base's entry. */
export interface PlatformBase {
  readonly platform: Platform;
  readonly image: Image;
  readonly digest: string;
  readonly descriptor?: Descriptor;
}

/** The platform selection for a build. */
export function platformSelection(
  requested: readonly string[],
  defaults: readonly string[] | undefined,
): PlatformSelection {
  const specs = requested.length > 0 ? requested : (defaults ?? []);
  return specs.length > 0 ? parsePlatformSelection(specs) : [hostPlatform()];
}

/** The platform an image's config declares (ko's defaults: linux, amd64). */
export function configPlatform(image: Image): Platform {
  const { os, architecture, variant } = image.config;
  return {
    os: os === undefined || os === "" ? "linux" : os,
    architecture: architecture === undefined || architecture === "" ? "amd64" : architecture,
    ...(variant === undefined || variant === "" ? {} : { variant }),
  };
}

/** The bases to build on. */
export function platformBases(
  pulled: Pulled,
  selection: PlatformSelection,
  baseName: string,
): PlatformBase[] {
  if (pulled.kind === "index") {
    return pulled.entries.map(({ descriptor, image }) => ({
      platform: descriptor.platform ?? configPlatform(image),
      image,
      digest: descriptor.digest,
      descriptor,
    }));
  }
  const platform = configPlatform(pulled.image);
  if (!platformSelected(selection, platform)) {
    const wanted = selection === "all" ? "all" : selection.map(formatPlatform).join(", ");
    throw userError(
      "KO_BASE_PLATFORM",
      `base image ${baseName} is a single-platform image for ${formatPlatform(platform)}, but the build asks for ${wanted}`,
      "Use a multi-platform base image (an index) or build for the base image's platform.",
    );
  }
  return [{ platform, image: pulled.image, digest: pulled.digest }];
}
