import type { CommandSpec } from "./command-spec.js";

/** Every command, in the order `trestle --help` lists them. */
export const commandSpecs: readonly CommandSpec[] = [
  {
    name: "dev",
    summary: "Run a pipeline in development mode: build, deploy, watch, sync or rebuild on change",
    usage: "trestle dev [flags]",
    details:
      "Builds and deploys like `trestle run`, then watches the workspace: a change that matches an artifact's sync rules is copied into its running containers (deletions too, also into images without tar), any other change rebuilds that artifact (and those that require it) and redeploys; a manifest change redeploys; a skaffold.yaml change reloads. Ctrl+C deletes what was deployed (--cleanup). See docs/dev.md.",
    load: () => import("./commands/dev.js"),
  },
  {
    name: "run",
    summary: "Build, deploy and check the status of a pipeline once",
    usage: "trestle run [flags]",
    details:
      "Builds like `trestle build`, renders the manifests with the built tags and the run's labels, deploys them with every configured deployer (docker, helm, kpt, kubectl, in that order, with their hooks) and waits for the status check. --tail and --port-forward keep it attached until Ctrl+C; then --cleanup (default true) deletes what was deployed. An interrupted deploy says what was applied and what was not.",
    load: () => import("./commands/run.js"),
  },
  {
    name: "debug",
    summary: "Run a pipeline in debug mode: like dev, with workloads rewritten for remote debuggers",
    usage: "trestle debug [--render-only] [--ide-config file] [--protocols p] [flags]",
    details:
      "Like `trestle dev`, with artifacts built without optimisations and every workload running a built Go, Node.js, Python, JVM or .NET image rewritten so that a debugger can attach (Skaffold's debug.cloud.google.com/config annotation, support files in /dbg from <debug-helpers-registry>/<runtime> init containers, replicas 1). The debug ports are forwarded (--port-forward defaults to user,debug) and one line per port says where and how to attach; --ide-config writes VS Code launch configurations. --render-only prints the rewritten manifests (-o file) instead; images then come from --build-artifacts/--images or --digest-source (default: local build). See docs/debug.md.",
    load: () => import("./commands/debug.js"),
  },
  {
    name: "build",
    summary: "Build, tag and publish the artifacts",
    usage: "trestle build [flags]",
    details:
      "Tags every artifact by its tag policy, reuses images whose inputs did not change (--cache-artifacts), builds the rest in `requires` order, then pushes them (--push, build.local.push, or when the cluster is not local) or keeps them in the local Docker engine. --file-output writes Skaffold's build.json; -q prints it.",
    load: () => import("./commands/build.js"),
  },
  {
    name: "render",
    summary: "Print the hydrated Kubernetes manifests",
    usage: "trestle render [flags]",
    details:
      "Generates the manifests (rawYaml, kustomize, helm template, kpt), replaces the images with the built ones and adds --label labels and the -n namespace. Images come from --build-artifacts/--images, else --digest-source: local builds, tag uses the computed tags, remote pins them to the registry's digests (the default unless the cluster is local), none leaves images as written. See docs/render.md.",
    load: () => import("./commands/render.js"),
  },
  {
    name: "deploy",
    summary: "Deploy pre-built artifacts",
    usage: "trestle deploy [-a build.json] [-i name=tag...] [flags]",
    details:
      "Renders the manifests with the given images (-a/--build-artifacts: the build.json of `trestle build --file-output`, or - for stdin; -i/--images: name=tag pairs, winning over the file), deploys them with the configured deployers and waits for the status check. --skip-render deploys the manifests with the images they name (no replacement), still labelled with the run.",
    load: () => import("./commands/deploy.js"),
  },
  {
    name: "apply",
    summary: "Apply hydrated manifests to a cluster and check their status",
    usage: "trestle apply <files...> [flags]",
    details:
      "Applies manifests that are already hydrated (the output of `trestle render`) with kubectl, using deploy.kubectl's flags and hooks from skaffold.yaml, then waits for the status check. Nothing is built or rendered.",
    load: () => import("./commands/apply.js"),
  },
  {
    name: "delete",
    summary: "Delete everything the pipeline deployed",
    usage: "trestle delete [--dry-run] [flags]",
    details:
      "Deletes what the config's deployers would deploy: the manifests rendered again (without building), the Helm releases, and the Docker containers and networks of deploy.docker; waits for the deletions with a progress message. --dry-run lists what would be deleted.",
    load: () => import("./commands/delete.js"),
  },
  {
    name: "diagnose",
    summary: "Print the effective configuration of every module, after profiles, templates and defaults",
    usage: "trestle diagnose [--yaml-only] [flags]",
    details:
      "Without --yaml-only, also prints per artifact the size of its context and the time to list its dependencies.",
    load: () => import("./commands/diagnose.js"),
  },
  {
    name: "fix",
    summary: "Upgrade a skaffold.yaml to the latest (or --version) schema",
    usage: "trestle fix [--overwrite] [--version skaffold/vX] [-o file] [flags]",
    details:
      "Prints the upgraded config on stdout. --overwrite replaces the file atomically and keeps the original as <file>.v<old>.bak.",
    load: () => import("./commands/fix.js"),
  },
  {
    name: "schema",
    summary: "List the supported apiVersions, or print the JSON Schema of one",
    usage: "trestle schema list [-o plain|json]\n  trestle schema get [VERSION]",
    details:
      "JSON Schemas are generated from Trestle's own schema of the latest version; older versions are accepted and upgraded on load.",
    load: () => import("./commands/schema.js"),
  },
  {
    name: "init",
    summary: "Generate a skaffold.yaml for a project",
    usage: "trestle init [flags]",
    plannedIn: "#4",
  },
  {
    name: "inspect",
    summary: "Print information about the project's configs as JSON (for IDEs and scripts)",
    usage: "trestle inspect modules list\n  trestle inspect profiles list",
    load: () => import("./commands/inspect.js"),
  },
  {
    name: "config",
    summary: "Read and edit Trestle's global config (per kube-context settings)",
    usage:
      "trestle config list [-a] [-g] [--kube-context ctx]\n  trestle config set [-g] KEY VALUE\n  trestle config unset [-g] KEY",
    details:
      "Keys: default-repo, local-cluster, insecure-registries, debug-helpers-registry, multi-level-repo. The file is ~/.trestle/config (or -c).",
    load: () => import("./commands/config.js"),
  },
  {
    name: "version",
    summary: "Print the version of Trestle",
    usage: "trestle version [-o template]",
    load: () => import("./commands/version.js"),
  },
  {
    name: "filter",
    summary: "Replace images and add labels in manifests read from stdin (Helm's post-renderer)",
    usage: "trestle filter [--build-artifacts build.json] [--label key=value...]",
    hidden: true,
    load: () => import("./commands/filter.js"),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return commandSpecs.find((c) => c.name === name);
}
