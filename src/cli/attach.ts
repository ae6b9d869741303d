/**
 * Staying attached to a deployed run: log tailing (`--tail`) and port forwarding (`--port-forward`), built from
 * src/access over the one cluster client. `run`/`deploy` start it after the status check; the dev loop also
 * refreshes it after every redeploy and mutes the logs while an iteration runs.
 */
import type { PortForwardResource } from "../config/schema/port-forward.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { renderTemplate, templateData, TemplateError } from "../config/template/index.js";
import { configError, userError } from "../errors/errors.js";
import { createLogTailer } from "../access/log-tailer.js";
import { createPortForwardManager } from "../access/port-forward-manager.js";
import { parsePortForwardModes } from "../access/ports.js";
import type { LogPrefix, LogTailer, PortForwardManager, PortForwardMode } from "../access/types.js";
import type { KubeClient } from "../kube/types.js";
import type { Attachment } from "../runner/run-pipeline.js";
import { parseDurationMs } from "./argv.js";
import type { CommandContext } from "./command-spec.js";
import type { DeploySetup } from "./deploy-setup.js";

/** What to attach: `--tail`, the `--port-forward` modes (empty: none), and `--since`. */
export interface AttachOptions {
  readonly tail: boolean;
  readonly portForwardModes: ReadonlySet<PortForwardMode>;
  /** `--since`: only log lines this recent (milliseconds); undefined: every line the containers printed. */
  readonly sinceMs?: number;
}

/** Reads `--tail`, `--port-forward` (bare = Skaffold's `true`: user + services, + debug for `debug`) and `--since`. */
export function attachOptions(context: CommandContext): AttachOptions {
  const flags = context.parsed.flags;
  let modes: Set<PortForwardMode>;
  try {
    modes = parsePortForwardModes(flags.strings("port-forward"), context.parsed.command === "debug");
  } catch (error) {
    throw userError(
      "PORT_FORWARD_MODE",
      error instanceof Error ? error.message : String(error),
      "Use --port-forward=user,services,pods,debug or off.",
    );
  }
  const since = flags.optionalString("since");
  const sinceMs = since === undefined || since === "" ? undefined : parseDurationMs(since);
  return { tail: flags.bool("tail"), portForwardModes: modes, ...(sinceMs === undefined ? {} : { sinceMs }) };
}

/** Whether the options ask for anything to attach. */
export function wantsAttachment(options: AttachOptions): boolean {
  return options.tail || options.portForwardModes.size > 0;
}

/** `deploy.logs.prefix` of the first module that sets it. */
function logPrefix(project: ResolvedConfig): LogPrefix {
  for (const m of project.modules) {
    const p = m.config.deploy?.logs?.prefix;
    if (p === "auto" || p === "container" || p === "podAndContainer" || p === "none") return p;
  }
  return "auto";
}

/** The `portForward` entries of every module, `resourceName` and `namespace` templated over the environment. */
export function portForwardEntries(
  project: ResolvedConfig,
  env: Readonly<Record<string, string | undefined>>,
): PortForwardResource[] {
  const data = templateData({}, env);
  const expand = (text: string | undefined, field: string): string | undefined => {
    if (text === undefined) return undefined;
    try {
      return renderTemplate(text, data, { env });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw configError(
        "CONFIG_BAD_TEMPLATE",
        `portForward.${field}: cannot expand ${JSON.stringify(text)}: ${error.message}`,
      );
    }
  };
  return project.modules.flatMap((m) =>
    (m.config.portForward ?? []).map((e) => {
      const resourceName = expand(e.resourceName, "resourceName");
      const namespace = expand(e.namespace, "namespace");
      return {
        ...e,
        ...(resourceName === undefined ? {} : { resourceName }),
        ...(namespace === undefined || namespace === "" ? {} : { namespace }),
      };
    }),
  );
}

/**
 * Starts tailing and forwarding for the run's pods (label `skaffold.dev/run-id=<setup.runId>`) in the given
 * namespaces. The returned Attachment's refresh(namespaces) follows new namespaces and new resources after a
 * redeploy (forwards keep their local ports) and prints the table of forwards; mute()/unmute() hold log lines
 * back in order; stop() closes every stream and listener.
 */
export function createAttachment(
  context: CommandContext,
  project: ResolvedConfig,
  setup: DeploySetup,
  kube: () => KubeClient,
  options: AttachOptions,
): (namespaces: readonly string[]) => Promise<Attachment> {
  return async (initial) => {
    const selector = `skaffold.dev/run-id=${setup.runId}`;
    const namespaces: string[] = [];
    const tailers: LogTailer[] = [];
    let muted = false;
    const since = options.sinceMs === undefined ? undefined : new Date(Date.now() - options.sinceMs);
    const entries = portForwardEntries(project, setup.env);
    const userKube =
      options.portForwardModes.has("user") &&
      entries.some((e) => (e.resourceType ?? "service").toLowerCase() !== "container");
    // The cluster client and the forwards are created once there is something on a cluster to attach to (a
    // docker-only project needs no kubeconfig; its containers publish their own ports).
    let client: KubeClient | undefined;
    let forwards: PortForwardManager | undefined;
    const connect = (): KubeClient => {
      if (client !== undefined) return client;
      const c = kube();
      client = c;
      if (options.portForwardModes.size > 0)
        forwards = createPortForwardManager({
          client: c,
          modes: options.portForwardModes,
          entries,
          namespaces, // read on every refresh, so namespaces added later are covered
          defaultNamespace: setup.namespace ?? c.namespace,
          labelSelector: selector,
          out: context.stdout,
          alwaysPrintTable: true,
          signal: context.signal,
        });
      return c;
    };
    const follow = async (list: readonly string[]): Promise<void> => {
      const fresh = [...new Set(list)].filter((ns) => !namespaces.includes(ns));
      if (fresh.length === 0 && !userKube) return;
      const c = connect();
      namespaces.push(...fresh);
      if (!options.tail || fresh.length === 0) return;
      const tailer = createLogTailer({
        client: c,
        namespaces: fresh,
        labelSelector: selector,
        out: context.stdout,
        colour: context.colour,
        prefix: logPrefix(project),
        ...(since === undefined ? {} : { since }),
        signal: context.signal,
      });
      if (muted) tailer.mute();
      tailers.push(tailer);
      await tailer.start();
    };
    const attachment: Attachment = {
      async refresh(list) {
        await follow(list);
        await forwards?.refresh();
      },
      mute() {
        muted = true;
        for (const t of tailers) t.mute();
      },
      unmute() {
        muted = false;
        for (const t of tailers) t.unmute();
      },
      async stop() {
        await Promise.all([...tailers.map((t) => t.stop()), forwards?.stop()]);
      },
      forwards: () => forwards?.forwards() ?? [],
    };
    await attachment.refresh(initial);
    return attachment;
  };
}
