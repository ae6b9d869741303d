/** Helm command lines, as Skaffold builds them (pure). */
import type { HelmDeployFlags } from "../../config/schema/helm.js";
import type { ResolvedRelease } from "./release.js";

/** Which cluster helm talks to. */
export interface HelmKube {
  readonly kubeContext: string | undefined;
  readonly kubeconfig: string | undefined;
}

/** `--kube-context` and `--kubeconfig` when set. */
export function kubeArgs(kube: HelmKube): string[] {
  return [
    ...(kube.kubeContext === undefined ? [] : ["--kube-context", kube.kubeContext]),
    ...(kube.kubeconfig === undefined ? [] : ["--kubeconfig", kube.kubeconfig]),
  ];
}

/** A post-renderer executable and its arguments (`--post-renderer`, `--post-renderer-args`). */
export interface PostRenderer {
  readonly command: string;
  readonly args: readonly string[];
}

/** Everything besides the release that goes on an upgrade command line. */
export interface UpgradeOptions {
  readonly flags: HelmDeployFlags;
  readonly kube: HelmKube;
  /** A values file holding the release's `overrides`. */
  readonly overridesFile: string | undefined;
  readonly postRenderer: PostRenderer | undefined;
  /** Whether the release is new (adds `flags.install`) or exists (adds `flags.upgrade`). */
  readonly installing: boolean;
  /** Stored as the revision's description: Trestle keeps the input digest there. */
  readonly description: string;
}

function namespaceArgs(release: Pick<ResolvedRelease, "namespace">): string[] {
  return release.namespace === undefined ? [] : ["--namespace", release.namespace];
}

/** `helm upgrade <name> <chart> --install …` for one release. */
export function upgradeArgs(release: ResolvedRelease, options: UpgradeOptions): string[] {
  const args = [...(options.flags.global ?? []), "upgrade", release.name, release.chart, "--install"];
  args.push(...kubeArgs(options.kube), ...namespaceArgs(release));
  if (release.createNamespace) args.push("--create-namespace");
  if (release.version !== undefined) args.push("--version", release.version);
  if (release.repo !== undefined) args.push("--repo", release.repo);
  if (release.wait) args.push("--wait");
  args.push(...release.valueArgs);
  if (options.overridesFile !== undefined) args.push("-f", options.overridesFile);
  args.push(...((options.installing ? options.flags.install : options.flags.upgrade) ?? []));
  if (options.postRenderer !== undefined) {
    args.push("--post-renderer", options.postRenderer.command);
    for (const arg of options.postRenderer.args) args.push("--post-renderer-args", arg);
  }
  args.push("--description", options.description);
  return args;
}

/** `helm dep build <chart>`. */
export function depBuildArgs(release: ResolvedRelease, flags: HelmDeployFlags): string[] {
  return [...(flags.global ?? []), "dep", "build", release.chart, ...(flags.depBuild ?? [])];
}

/** `helm <global flags> <verb…> <name> <kube flags> <namespace> <tail…>`: the shape of every per-release command. */
function releaseCommand(
  verb: readonly string[],
  release: Pick<ResolvedRelease, "name" | "namespace">,
  flags: HelmDeployFlags,
  kube: HelmKube,
  tail: readonly string[],
): string[] {
  return [
    ...(flags.global ?? []),
    ...verb,
    release.name,
    ...kubeArgs(kube),
    ...namespaceArgs(release),
    ...tail,
  ];
}

/** `helm status <name> -o json` (what is deployed now, and with which description). */
export function statusArgs(
  release: Pick<ResolvedRelease, "name" | "namespace">,
  flags: HelmDeployFlags,
  kube: HelmKube,
): string[] {
  return releaseCommand(["status"], release, flags, kube, ["-o", "json"]);
}

/** `helm get manifest <name>` (the objects of the deployed revision). */
export function manifestArgs(
  release: Pick<ResolvedRelease, "name" | "namespace">,
  flags: HelmDeployFlags,
  kube: HelmKube,
): string[] {
  return releaseCommand(["get", "manifest"], release, flags, kube, []);
}

/** `helm uninstall <name> --wait --cascade=foreground` (cleanup: returns once the workloads' pods are gone too). */
export function uninstallArgs(
  release: Pick<ResolvedRelease, "name" | "namespace">,
  flags: HelmDeployFlags,
  kube: HelmKube,
): string[] {
  return releaseCommand(["uninstall"], release, flags, kube, [
    "--ignore-not-found",
    "--wait",
    "--cascade=foreground",
  ]);
}
