// The runtime transformers in their fixed order, and the choice of one for an image.

import { goTransformer } from "./runtime-go.js";
import { jvmTransformer } from "./runtime-jvm.js";
import { netcoreTransformer } from "./runtime-netcore.js";
import { nodejsTransformer } from "./runtime-nodejs.js";
import { pythonTransformer } from "./runtime-python.js";
import type {
  ContainerSpec,
  ContainerTransformer,
  ImageConfiguration,
  PortAllocator,
  Runtime,
  TransformOutcome,
} from "./types.js";
import { failure } from "./types.js";

/** One transformer per runtime; the `satisfies` keeps the table complete when a runtime is added. */
const BY_RUNTIME = {
  go: goTransformer,
  jvm: jvmTransformer,
  netcore: netcoreTransformer,
  nodejs: nodejsTransformer,
  python: pythonTransformer,
} as const satisfies Record<Runtime, ContainerTransformer>;

/**
 * Detection order. Skaffold registered its transformers from each file's init() in file-name order (go,
 * jvm, netcore, nodejs, python) and tried them in that order while they were kept in a slice; it now keeps
 * them in a Go map, whose order is random. We keep the registration order, so an image with both
 * JAVA_TOOL_OPTIONS and NODE_VERSION is always treated as a JVM image.
 */
export const TRANSFORMERS: readonly ContainerTransformer[] = [
  BY_RUNTIME.go,
  BY_RUNTIME.jvm,
  BY_RUNTIME.netcore,
  BY_RUNTIME.nodejs,
  BY_RUNTIME.python,
];

/** The artifact's declared `runtimeType` wins; otherwise the first transformer that recognises the image. */
export function selectTransformer(config: ImageConfiguration): ContainerTransformer | undefined {
  if (config.runtimeType !== undefined) return BY_RUNTIME[config.runtimeType];
  return TRANSFORMERS.find((transformer) => transformer.isApplicable(config));
}

/** Applies the selected transformer, or explains that the runtime could not be determined. */
export function applyRuntimeTransform(
  container: ContainerSpec,
  config: ImageConfiguration,
  allocatePort: PortAllocator,
  protocols: readonly string[],
): TransformOutcome {
  const transformer = selectTransformer(config);
  if (transformer === undefined) return failure(`unable to determine runtime for "${container.name}"`);
  return transformer.apply(container, config, allocatePort, protocols);
}
