/** `manifests`: how the Kubernetes manifests are generated, transformed and validated (the render stage). */
import { z } from "zod";
import { goString, opt, requiredString, stringList, struct } from "./common.js";
import { helmDeployFlagsSchema, helmReleaseSchema } from "./helm.js";
import { renderHooksSchema } from "./hooks.js";

export const remoteManifestSchema = struct({
  manifest: opt(goString, "Resource in the remote cluster, e.g. `deployment/web`."),
  kubeContext: opt(goString, "Kubernetes context of the remote cluster."),
}).meta({ id: "RemoteManifest", description: "A manifest fetched from a cluster." });

export const kustomizeSchema = struct({
  paths: opt(stringList, "Kustomization directories (templated); defaults to `.`."),
  buildArgs: opt(stringList, "Extra arguments for `kustomize build`."),
}).meta({ id: "Kustomize", description: "Render kustomizations." });

export const helmRenderSchema = struct({
  flags: opt(helmDeployFlagsSchema, "Extra flags for `helm`."),
  releases: z.array(helmReleaseSchema).describe("Releases rendered with `helm template`."),
}).meta({ id: "Helm", description: "Render Helm charts (deploy them with kubectl or kpt)." });

const kptFunction = (id: string, what: string) =>
  struct({
    name: requiredString.describe(`Name of an allow-listed kpt ${what} function.`),
    configMap: opt(stringList, "`key:value` settings passed to the function."),
  }).meta({ id, description: `A kpt ${what} function.` });

export const transformerSchema = kptFunction("Transformer", "transformer");
export const validatorSchema = kptFunction("Validator", "validator");

export const renderConfigSchema = struct({
  rawYaml: opt(
    stringList,
    "Plain manifest files (globs); defaults to `k8s/*.yaml` when nothing else renders.",
  ),
  remoteManifests: opt(z.array(remoteManifestSchema), "Manifests read from clusters."),
  kustomize: opt(kustomizeSchema, "Kustomizations to render."),
  helm: opt(helmRenderSchema, "Helm charts to render."),
  kpt: opt(stringList, "kpt package directories rendered with `kpt fn render`."),
  hooks: opt(renderHooksSchema, "Hooks run before and after rendering."),
  transform: opt(z.array(transformerSchema), "kpt transformer functions, run in order."),
  validate: opt(z.array(validatorSchema), "kpt validator functions, run in order."),
  output: opt(goString, "Directory receiving the hydrated manifests."),
}).meta({ id: "RenderConfig", description: "How manifests are generated, transformed and validated." });

export type RemoteManifest = z.infer<typeof remoteManifestSchema>;
export type Kustomize = z.infer<typeof kustomizeSchema>;
export type HelmRender = z.infer<typeof helmRenderSchema>;
export type Transformer = z.infer<typeof transformerSchema>;
export type Validator = z.infer<typeof validatorSchema>;
export type RenderConfig = z.infer<typeof renderConfigSchema>;
