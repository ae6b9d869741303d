/** Lifecycle hooks: commands run on the host or inside containers around build, sync, render and deploy. */
import { z } from "zod";
import { goBool, goString, opt, requiredString, stringList, struct } from "./common.js";

const command = z.array(goString).describe("Command and arguments, run without a shell.");

const hostHookShape = {
  command,
  os: opt(
    stringList,
    "Operating systems (Go names: linux, darwin, windows) the hook runs on; empty means all.",
  ),
  dir: opt(goString, "Working directory of the command; defaults to the current directory."),
};

export const hostHookSchema = struct(hostHookShape).meta({
  id: "HostHook",
  description: "A command run on the host machine.",
});

export const postRenderHostHookSchema = struct({
  ...hostHookShape,
  withChange: opt(
    goBool,
    "Feed the rendered manifests on stdin and use the command's stdout as the new manifests.",
  ),
}).meta({ id: "PostRenderHostHook", description: "A command run on the host after rendering." });

export const containerHookSchema = struct({ command }).meta({
  id: "ContainerHook",
  description: "A command run inside the artifact's running containers.",
});

export const namedContainerHookSchema = struct({
  command,
  podName: requiredString.describe("Pod name (glob) to run the command in."),
  containerName: opt(goString, "Container name (glob) to run the command in."),
}).meta({ id: "NamedContainerHook", description: "A command run inside matching containers." });

/** A `{before, after}` pair of hook lists. */
function beforeAfter<B extends z.ZodType, A extends z.ZodType>(before: B, after: A, stage: string) {
  return struct({
    before: opt(z.array(before), `Hooks run before ${stage}.`),
    after: opt(z.array(after), `Hooks run after ${stage}.`),
  });
}

/** Build hooks (phase-wide or per artifact) and the Cloud Run deployer hooks: host commands only. */
export const hostHooksSchema = beforeAfter(hostHookSchema, hostHookSchema, "the step").meta({
  id: "HostHooks",
  description: "Host commands run before and after a step.",
});

export const syncHookItemSchema = struct({
  host: opt(hostHookSchema, "Run on the host."),
  container: opt(containerHookSchema, "Run in the synced containers."),
}).meta({ id: "SyncHookItem", description: "One sync hook: set exactly one of `host` or `container`." });

export const syncHooksSchema = beforeAfter(syncHookItemSchema, syncHookItemSchema, "each file sync").meta({
  id: "SyncHooks",
});

export const renderHooksSchema = beforeAfter(
  struct({ host: opt(hostHookSchema, "Run on the host.") }),
  struct({ host: opt(postRenderHostHookSchema, "Run on the host; may rewrite the manifests.") }),
  "each render",
).meta({ id: "RenderHooks" });

export const deployHookItemSchema = struct({
  host: opt(hostHookSchema, "Run on the host."),
  container: opt(namedContainerHookSchema, "Run in matching deployed containers."),
}).meta({ id: "DeployHookItem", description: "One deploy hook: set exactly one of `host` or `container`." });

export const deployHooksSchema = beforeAfter(
  deployHookItemSchema,
  deployHookItemSchema,
  "each deploy (container hooks before a deploy only reach containers from an earlier iteration)",
).meta({ id: "DeployHooks" });

export type HostHook = z.infer<typeof hostHookSchema>;
export type PostRenderHostHook = z.infer<typeof postRenderHostHookSchema>;
export type ContainerHook = z.infer<typeof containerHookSchema>;
export type NamedContainerHook = z.infer<typeof namedContainerHookSchema>;
export type HostHooks = z.infer<typeof hostHooksSchema>;
export type SyncHookItem = z.infer<typeof syncHookItemSchema>;
export type SyncHooks = z.infer<typeof syncHooksSchema>;
export type RenderHooks = z.infer<typeof renderHooksSchema>;
export type DeployHookItem = z.infer<typeof deployHookItemSchema>;
export type DeployHooks = z.infer<typeof deployHooksSchema>;
