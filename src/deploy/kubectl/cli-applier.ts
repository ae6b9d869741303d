/**
 * A `KubectlApplier` on the kubectl binary: `kubectl apply -f - -o json` (the applied objects come back as a
 * List), and `kubectl delete --ignore-not-found --wait=false --cascade=foreground -f -` (pods go before their
 * workloads) followed by polling `kubectl get -f -` until the objects are gone, reporting those still there.
 */
import { externalError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import type { KubectlApplier } from "./deployer.js";

/** Which cluster kubectl talks to. */
export interface KubectlTarget {
  readonly kubectl?: string;
  readonly kubeContext: string | undefined;
  readonly kubeconfig: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The objects of `kubectl … -o json` output (a List or a single object). */
export function objectsOfJson(text: string): ObjectRef[] {
  if (text.trim() === "") return [];
  const parsed = JSON.parse(text) as { kind?: string; items?: unknown[] } & Record<string, unknown>;
  const items = parsed.kind === "List" || Array.isArray(parsed.items) ? (parsed.items ?? []) : [parsed];
  const out: ObjectRef[] = [];
  for (const item of items) {
    const o = item as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
    };
    if (
      typeof o.apiVersion !== "string" ||
      typeof o.kind !== "string" ||
      typeof o.metadata?.name !== "string"
    )
      continue;
    out.push({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name,
      ...(typeof o.metadata.namespace === "string" ? { namespace: o.metadata.namespace } : {}),
    });
  }
  return out;
}

const WORKLOADS = new Set([
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "ReplicationController",
]);

/** Pod selectors of the workloads in `kubectl get -o json` output: their pods outlive them for a while. */
export function podSelectorsOfJson(text: string): { namespace: string | undefined; selector: string }[] {
  if (text.trim() === "") return [];
  const parsed = JSON.parse(text) as { items?: unknown[] } & Record<string, unknown>;
  const items = Array.isArray(parsed.items) ? parsed.items : [parsed];
  const out: { namespace: string | undefined; selector: string }[] = [];
  for (const item of items) {
    const o = item as {
      kind?: unknown;
      metadata?: { namespace?: unknown };
      spec?: { selector?: Record<string, unknown> };
    };
    if (typeof o.kind !== "string" || !WORKLOADS.has(o.kind)) continue;
    const sel = o.spec?.selector;
    const match = (sel !== undefined && "matchLabels" in sel ? sel["matchLabels"] : sel) as
      Record<string, unknown> | undefined;
    const pairs = Object.entries(match ?? {}).filter(([, v]) => typeof v === "string");
    if (pairs.length === 0) continue;
    out.push({
      namespace: typeof o.metadata?.namespace === "string" ? o.metadata.namespace : undefined,
      selector: pairs.map(([k, v]) => `${k}=${String(v)}`).join(","),
    });
  }
  return out;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** kubectl apply/delete with pass-through flags. */
export function kubectlCliApplier(exec: Exec, target: KubectlTarget): KubectlApplier {
  const kubectl = target.kubectl ?? "kubectl";
  const base = (global: readonly string[] | undefined, namespace: string | undefined): string[] => [
    ...(target.kubeContext === undefined ? [] : ["--context", target.kubeContext]),
    ...(target.kubeconfig === undefined ? [] : ["--kubeconfig", target.kubeconfig]),
    ...(namespace === undefined ? [] : ["--namespace", namespace]),
    ...(global ?? []),
  ];
  const run = async (args: string[], input: string, what: string, signal?: AbortSignal): Promise<string> => {
    const result = await exec.run(kubectl, args, {
      input,
      env: target.env,
      ...(signal === undefined ? {} : { signal }),
    });
    if (result.code !== 0) {
      throw externalError(
        "KUBECTL_FAILED",
        `kubectl ${what} failed: ${result.stderr.trim() || result.stdout.trim()}`,
        "Check the manifests and the cluster connection (kubectl cluster-info); kubectl's own message is above.",
      );
    }
    return result.stdout;
  };
  return {
    async apply(yaml, options = {}) {
      const args = [
        ...base(options.flags?.global, options.namespace),
        "apply",
        "-f",
        "-",
        "-o",
        "json",
        ...(options.force === true ? ["--force", "--grace-period=0"] : []),
        ...(options.flags?.apply ?? []),
      ];
      return objectsOfJson(await run(args, yaml, "apply", options.signal));
    },

    async delete(yaml, options = {}) {
      const prefix = base(options.flags?.global, options.namespace);
      const before = await run(
        [...prefix, "get", "-f", "-", "--ignore-not-found", "-o", "json"],
        yaml,
        "get",
        options.signal,
      );
      const present = objectsOfJson(before);
      const podSelectors = podSelectorsOfJson(before);
      await run(
        [
          ...prefix,
          "delete",
          "--ignore-not-found=true",
          "--wait=false",
          "--cascade=foreground",
          "-f",
          "-",
          ...(options.flags?.delete ?? []),
        ],
        yaml,
        "delete",
        options.signal,
      );
      if (options.wait === false) return present;
      const deadline = Date.now() + (options.waitMaxMs ?? 60_000);
      for (;;) {
        const left = objectsOfJson(
          await run(
            [...prefix, "get", "-f", "-", "--ignore-not-found", "-o", "json"],
            yaml,
            "get",
            options.signal,
          ),
        );
        // The workloads' pods (still terminating) are waited for too.
        for (const { namespace, selector } of podSelectors) {
          const pods = await run(
            [
              ...base(options.flags?.global, namespace ?? options.namespace),
              "get",
              "pods",
              "-l",
              selector,
              "-o",
              "json",
            ],
            "",
            "get pods",
            options.signal,
          );
          left.push(...objectsOfJson(pods));
        }
        if (left.length === 0 || options.signal?.aborted === true) break;
        if (Date.now() > deadline) {
          throw externalError(
            "DELETE_TIMEOUT",
            `${String(left.length)} object(s) still being deleted after ${String(Math.round((options.waitMaxMs ?? 60_000) / 1000))}s: ${left.map((o) => `${o.kind.toLowerCase()}/${o.name}`).join(", ")}`,
            "Look for finalizers on them (kubectl get -o yaml), or raise --wait-for-deletions-max.",
          );
        }
        options.onWaiting?.(left);
        await sleep(1000, options.signal);
      }
      return present;
    },
  };
}
