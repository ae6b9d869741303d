/** The pipeline fields, inlined both in the top-level config and in every profile. */
import { z } from "zod";
import { buildConfigSchema } from "./build.js";
import { opt } from "./common.js";
import { deployConfigSchema } from "./deploy.js";
import { portForwardResourceSchema } from "./port-forward.js";
import { renderConfigSchema } from "./render.js";
import { resourceSelectorConfigSchema } from "./resource-selector.js";
import { testCaseSchema } from "./test.js";
import { actionSchema, verifyTestCaseSchema } from "./verify.js";

export const pipelineShape = {
  build: opt(buildConfigSchema, "How images are built and tagged."),
  test: opt(z.array(testCaseSchema), "Tests run on built images."),
  manifests: opt(renderConfigSchema, "How Kubernetes manifests are rendered."),
  deploy: opt(deployConfigSchema, "How manifests are deployed."),
  portForward: opt(z.array(portForwardResourceSchema), "Ports forwarded to the local machine."),
  resourceSelector: opt(resourceSelectorConfigSchema, "Which resources may be transformed while rendering."),
  verify: opt(z.array(verifyTestCaseSchema), "Containers run by `skaffold verify` after deployment."),
  customActions: opt(z.array(actionSchema), "Named actions run by `skaffold exec`."),
};

/** The pipeline keys, in Skaffold's order. */
export type PipelineField = keyof typeof pipelineShape;
