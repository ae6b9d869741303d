import { existsSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import { userError } from "../errors/errors.js";
import { processExec, type Exec } from "../proc/exec.js";
import { kubeError } from "./errors.js";
import { createPodExec } from "./exec.js";
import { createPortForwarder } from "./forward.js";
import { createApiGet } from "./http.js";
import { kubeconfigPaths } from "./kubeconfig.js";
import { createKubectlApplier } from "./kubectl.js";
import { createPodLogs } from "./logs.js";
import type { KubeClient, KubeClientOptions, Pod } from "./types.js";
import { createWatcher } from "./watcher.js";

/** Loads the kubeconfig files in effect (merged, first current-context wins, as kubectl does). */
function loadKubeConfig(paths: readonly string[]): KubeConfig {
  const kc = new KubeConfig();
  let loaded = false;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const next = new KubeConfig();
    next.loadFromFile(path);
    if (!loaded) {
      kc.loadFromFile(path);
      loaded = true;
    } else kc.mergeConfig(next, true);
  }
  if (!loaded)
    throw userError(
      "KUBECONFIG_MISSING",
      `no kubeconfig found (looked at ${paths.join(", ")})`,
      "Pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config.",
    );
  return kc;
}

export interface CreateKubeClientOptions extends KubeClientOptions {
  /** Runs kubectl; defaults to child processes. */
  readonly exec?: Exec;
}

/**
 * The one door to a cluster: `--kubeconfig`/KUBECONFIG/~/.kube/config, `--kube-context` (else the
 * current context) and `-n` (else the context's namespace, else `default`), as Skaffold selects them.
 */
export function createKubeClient(options: CreateKubeClientOptions = {}): KubeClient {
  const env = options.env ?? process.env;
  const kc = loadKubeConfig(kubeconfigPaths(options.kubeconfig, env));
  if (options.context) {
    if (!kc.getContextObject(options.context))
      throw userError(
        "KUBE_CONTEXT_UNKNOWN",
        `kube-context '${options.context}' is not in the kubeconfig`,
        `Known contexts: ${
          kc
            .getContexts()
            .map((c) => c.name)
            .join(", ") || "(none)"
        }.`,
      );
    kc.setCurrentContext(options.context);
  }
  const context = kc.getCurrentContext();
  const namespace = options.namespace ?? kc.getContextObject(context)?.namespace ?? "default";
  const api = createApiGet(kc);
  const firstContainer = async (ns: string, pod: string): Promise<string> => {
    try {
      const object = await api.json<Pod>(
        `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}`,
        {},
      );
      const name = object.spec?.containers[0]?.name;
      if (!name) throw new Error(`pod ${ns}/${pod} has no containers`);
      return name;
    } catch (error) {
      throw kubeError(`read pod ${ns}/${pod}`, error, context);
    }
  };
  return {
    context,
    namespace,
    applier: createKubectlApplier({
      exec: options.exec ?? processExec,
      env,
      ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
      context,
      namespace,
      namespaceGiven: options.namespace !== undefined,
    }),
    exec: createPodExec(kc, firstContainer),
    logs: createPodLogs(api),
    watcher: createWatcher(api),
    forwarder: createPortForwarder(kc),
  };
}
