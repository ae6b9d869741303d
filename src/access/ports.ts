/** Pure choices for port forwarding: which local ports to try, and the table of active forwards. */
import type { ActiveForward, PortForwardMode } from "./types.js";

/** Skaffold's fallback range for automatic forwards. */
const FALLBACK_FIRST = 4503;
const FALLBACK_LAST = 4533;

/**
 * Local ports to try, in order: the requested one, the next ten, then 4503–4533, then 0 (any free port).
 * Ports already used by other forwards are skipped. An undefined request starts in the fallback range.
 */
export function candidatePorts(requested: number | undefined, inUse: ReadonlySet<number>): number[] {
  const out: number[] = [];
  const add = (p: number): void => {
    if (p > 0 && p < 65536 && !inUse.has(p) && !out.includes(p)) out.push(p);
  };
  if (requested !== undefined && requested > 0) for (let p = requested; p <= requested + 10; p++) add(p);
  for (let p = FALLBACK_FIRST; p <= FALLBACK_LAST; p++) add(p);
  out.push(0);
  return out;
}

/** The local port an automatic forward asks for: the remote port when it is not privileged (as Skaffold). */
export function automaticLocalPort(remote: number | string): number | undefined {
  return typeof remote === "number" && remote > 1023 ? remote : undefined;
}

/** `--port-forward` values to modes: `off`/`false` → none, `true` → user + services (+ debug for debug). */
export function parsePortForwardModes(values: readonly string[], debugCommand = false): Set<PortForwardMode> {
  const modes = new Set<PortForwardMode>();
  for (const raw of values.flatMap((v) => v.split(","))) {
    const v = raw.trim().toLowerCase();
    if (v === "" || v === "off" || v === "false") continue;
    if (v === "true") {
      modes.add("user");
      modes.add("services");
      if (debugCommand) modes.add("debug");
    } else if (v === "user" || v === "services" || v === "pods" || v === "debug") modes.add(v);
    else throw new Error(`unknown --port-forward mode '${raw}' (use user, services, pods, debug or off)`);
  }
  return modes;
}

/** A plain-text table of forwards. */
export function forwardTable(forwards: readonly ActiveForward[]): string {
  const rows = [
    ["RESOURCE", "NAMESPACE", "REMOTE", "LOCAL"],
    ...forwards.map((f) => [
      f.resource,
      f.namespace,
      String(f.remotePort),
      `http://${f.address}:${String(f.localPort)}`,
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}
