// One container, end to end: merge what the workload overrides into the image configuration, look through
// buildpacks launchers and `sh -c`, run the runtime transform, and complete the debug configuration.

import { isCnbImage, updateForCnbImage } from "./cnb.js";
import { applyRuntimeTransform } from "./transformers.js";
import type { ContainerSpec, ImageConfiguration, PortAllocator, TransformOutcome } from "./types.js";
import { updateForShDashC } from "./unwrap-sh.js";

/**
 * The image configuration as the container will actually run it: the workload's `env` values override the
 * image's, a non-empty `command`/`args` replaces the entrypoint/cmd, and `workingDir` the image's.
 */
export function effectiveImageConfiguration(
  container: ContainerSpec,
  image: ImageConfiguration,
): ImageConfiguration {
  const env: Record<string, string> = { ...image.env };
  for (const entry of container.env) env[entry.name] = entry.value;
  return {
    ...image,
    env,
    ...(container.command !== undefined && container.command.length > 0
      ? { entrypoint: container.command }
      : {}),
    ...(container.args !== undefined && container.args.length > 0 ? { cmd: container.args } : {}),
    ...(container.workingDir !== undefined && container.workingDir !== ""
      ? { workingDir: container.workingDir }
      : {}),
  };
}

/**
 * Configures one container for debugging. On success the debug configuration carries the artifact name
 * and a working directory (the transform's, else the image's); failures say why the container was skipped.
 */
export function transformContainer(
  container: ContainerSpec,
  image: ImageConfiguration,
  allocatePort: PortAllocator,
  protocols: readonly string[],
): TransformOutcome {
  const config = effectiveImageConfiguration(container, image);
  const next = (c: ContainerSpec, ic: ImageConfiguration): TransformOutcome =>
    applyRuntimeTransform(c, ic, allocatePort, protocols);
  const outcome = isCnbImage(config)
    ? updateForCnbImage(container, config, next)
    : updateForShDashC(container, config, next);
  if (!outcome.ok) return outcome;
  const workingDir = outcome.debug.workingDir || config.workingDir;
  return {
    ...outcome,
    debug: {
      ...(image.artifact ? { artifact: image.artifact } : {}),
      ...outcome.debug,
      ...(workingDir ? { workingDir } : {}),
    },
  };
}
