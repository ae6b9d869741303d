import { parseAllDocuments } from "yaml";
import { externalError } from "../errors/errors.js";
import type { Exec } from "../proc/exec.js";
import type { AppliedObject, DeleteOptions, KubeObjectRef, ManifestApplier } from "./types.js";

export interface KubectlOptions {
  readonly exec: Exec;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly kubeconfig?: string;
  readonly context: string;
  /** The namespace objects without one go to (`-n`, else the context's). */
  readonly namespace: string;
  /** Whether `namespace` was asked for (`-n`): then kubectl gets `--namespace` even when a call names none. */
  readonly namespaceGiven?: boolean;
  readonly binary?: string;
}

interface RawObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly generation?: number;
    readonly labels?: Record<string, string>;
    readonly deletionTimestamp?: string;
  };
  readonly items?: RawObject[];
}

/** The objects in `kubectl ... -o json` output (one object or a List). */
export function objectsOfJson(stdout: string): AppliedObject[] {
  const out: AppliedObject[] = [];
  const visit = (o: RawObject): void => {
    if (o.kind === "List" || (o.kind?.endsWith("List") && Array.isArray(o.items))) {
      for (const item of o.items ?? []) visit(item);
      return;
    }
    if (!o.kind || !o.metadata?.name) return;
    out.push({
      apiVersion: o.apiVersion ?? "v1",
      kind: o.kind,
      name: o.metadata.name,
      ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
      ...(o.metadata.uid === undefined ? {} : { uid: o.metadata.uid }),
      ...(o.metadata.generation === undefined ? {} : { generation: o.metadata.generation }),
      labels: o.metadata.labels ?? {},
    });
  };
  const text = stdout.trim();
  if (!text) return out;
  // kubectl prints one JSON document per object for some inputs: split on top-level boundaries.
  for (const doc of text.split(/\n(?=\{)/)) visit(JSON.parse(doc) as RawObject);
  return out;
}

/** The objects in `kubectl get -o json` output that carry a `deletionTimestamp` (being deleted). */
export function terminatingOfJson(stdout: string): AppliedObject[] {
  const text = stdout.trim();
  if (!text) return [];
  const marked: RawObject[] = [];
  const visit = (o: RawObject): void => {
    if (Array.isArray(o.items)) for (const item of o.items) visit(item);
    else if (o.metadata?.deletionTimestamp) marked.push(o);
  };
  for (const doc of text.split(/\n(?=\{)/)) visit(JSON.parse(doc) as RawObject);
  return objectsOfJson(JSON.stringify({ kind: "List", items: marked }));
}

/** `kind.group/name` lines of `-o name` output, with the namespace they were deleted from. */
export function refsOfNames(stdout: string, namespace: string | undefined): KubeObjectRef[] {
  return stdout
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.includes("/"))
    .map((l) => {
      const [type = "", name = ""] = l.split("/");
      const dot = type.indexOf(".");
      const kind = dot < 0 ? type : type.slice(0, dot);
      const group = dot < 0 ? "" : type.slice(dot + 1);
      return { apiVersion: group ? `${group}/` : "v1", kind, name, ...(namespace ? { namespace } : {}) };
    });
}

/** The objects a multi-document YAML names (for waiting on their deletion). */
export function refsOfYaml(yaml: string, namespace: string): KubeObjectRef[] {
  const refs: KubeObjectRef[] = [];
  for (const doc of parseAllDocuments(yaml)) {
    const o = doc.toJS() as RawObject | null;
    if (!o?.kind || !o.metadata?.name) continue;
    refs.push({
      apiVersion: o.apiVersion ?? "v1",
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? namespace,
    });
  }
  return refs;
}

function typeOf(ref: KubeObjectRef): string {
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.slice(0, ref.apiVersion.indexOf("/")) : "";
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ""}/${ref.name}`;
}

/**
 * kubectl apply/delete with users' flags passed through. Deletions cascade in the foreground (a workload goes only
 * after its pods), and are awaited with `kubectl wait --for=delete`, so a finished delete leaves no pod behind.
 */
export function createKubectlApplier(options: KubectlOptions): ManifestApplier {
  const binary = options.binary ?? "kubectl";
  // `--namespace` only when one is asked for (by the call or by `-n`): kubectl refuses objects naming another
  // namespace than the flag's, and without the flag it uses the context's namespace, as `options.namespace` does.
  const base = (namespace: string | undefined, global: readonly string[] = []): string[] => [
    ...(options.kubeconfig ? ["--kubeconfig", options.kubeconfig] : []),
    ...(options.context ? ["--context", options.context] : []),
    ...(namespace !== undefined
      ? ["--namespace", namespace]
      : options.namespaceGiven === true
        ? ["--namespace", options.namespace]
        : []),
    ...global,
  ];
  const run = async (args: string[], input: string, what: string, signal?: AbortSignal): Promise<string> => {
    const result = await options.exec.run(binary, args, {
      env: options.env,
      input,
      ...(signal ? { signal } : {}),
    });
    if (result.code !== 0) {
      const stderr = result.stderr.trim();
      const unreachable =
        /connection refused|Unable to connect to the server|no such host|i\/o timeout/i.test(stderr);
      throw externalError(
        unreachable ? "KUBE_UNREACHABLE" : /forbidden/i.test(stderr) ? "KUBE_FORBIDDEN" : "KUBECTL_FAILED",
        `kubectl ${what} failed: ${stderr || `exit code ${String(result.code)}`}`,
        unreachable
          ? "Check that the cluster is running and that --kube-context/--kubeconfig select it."
          : "Check the manifests and the kubectl flags in deploy.kubectl.flags.",
      );
    }
    return result.stdout;
  };
  const waitGone = async (refs: readonly KubeObjectRef[], opts: DeleteOptions): Promise<void> => {
    if (opts.wait === false || refs.length === 0) return;
    const byNamespace = new Map<string, KubeObjectRef[]>();
    for (const ref of refs)
      byNamespace.set(ref.namespace ?? options.namespace, [
        ...(byNamespace.get(ref.namespace ?? options.namespace) ?? []),
        ref,
      ]);
    opts.onWaiting?.(refs);
    const seconds = Math.max(1, Math.ceil((opts.waitMaxMs ?? 60_000) / 1000));
    for (const [namespace, list] of byNamespace) {
      await run(
        [
          ...base(namespace, opts.flags?.global),
          "wait",
          "--for=delete",
          `--timeout=${String(seconds)}s`,
          ...list.map(typeOf),
        ],
        "",
        "wait --for=delete",
        opts.signal,
      ).catch((error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        if (/not found/i.test(text)) return ""; // already gone
        throw externalError(
          "KUBE_DELETE_TIMEOUT",
          `objects were still being deleted after ${String(seconds)}s: ${list.map(typeOf).join(", ")}`,
          "Something (a finalizer?) holds them; look with kubectl describe.",
          error,
        );
      });
    }
  };
  return {
    async apply(yaml, opts = {}) {
      const args = [
        ...base(opts.namespace, opts.flags?.global),
        "apply",
        "-f",
        "-",
        "-o",
        "json",
        ...(opts.force ? ["--force", "--grace-period=0"] : []),
        ...(opts.flags?.apply ?? []),
      ];
      return objectsOfJson(await run(args, yaml, "apply", opts.signal));
    },
    async delete(yaml, opts = {}) {
      const refs = refsOfYaml(yaml, opts.namespace ?? options.namespace);
      const args = [
        ...base(opts.namespace, opts.flags?.global),
        "delete",
        "--ignore-not-found=true",
        "--wait=false",
        "--cascade=foreground",
        "-f",
        "-",
        ...(opts.flags?.delete ?? []),
      ];
      await run(args, yaml, "delete", opts.signal);
      await waitGone(refs, opts);
      return refs;
    },
    async terminating(yaml, opts = {}) {
      const args = [
        ...base(opts.namespace, opts.flags?.global),
        "get",
        "-f",
        "-",
        "--ignore-not-found",
        "-o",
        "json",
      ];
      return terminatingOfJson(await run(args, yaml, "get", opts.signal));
    },
    async read(resource, opts = {}) {
      const args = [...base(opts.namespace, opts.flags?.global), "get", resource, "-o", "yaml"];
      const out: Record<string, unknown>[] = [];
      for (const doc of parseAllDocuments(await run(args, "", `get ${resource}`, opts.signal))) {
        const o = doc.toJS() as (Record<string, unknown> & { items?: unknown }) | null;
        if (o === null || typeof o !== "object") continue;
        if (Array.isArray(o.items)) out.push(...(o.items as Record<string, unknown>[]));
        else out.push(o);
      }
      return out;
    },
    async deleteSelected(kinds, labelSelector, opts = {}) {
      if (kinds.length === 0) return [];
      const namespace = opts.namespace ?? options.namespace;
      const args = [
        ...base(namespace, opts.flags?.global),
        "delete",
        kinds.join(","),
        "-l",
        labelSelector,
        "--ignore-not-found=true",
        "--wait=false",
        "--cascade=foreground",
        "-o",
        "name",
        ...(opts.flags?.delete ?? []),
      ];
      const refs = refsOfNames(await run(args, "", "delete", opts.signal), namespace);
      await waitGone(refs, opts);
      return refs;
    },
  };
}
