/** The `docker` builder: Dockerfile builds through the Docker Engine API or the `docker` CLI. See README.md. */
export { DockerBuilder, type DockerBuilderOptions } from "./builder.js";
export { evaluateBuildArgs, imageEnvTags, DEBUG_BUILD_ARGS, type BuildArgInputs } from "./build-args.js";
export { buildContext, type BuildContext } from "./context.js";
export { adjustCacheFrom, cliReason, type DockerBuildSettings } from "./plan.js";
export { dockerSyncMap, type SyncRuleInputs } from "./sync.js";
