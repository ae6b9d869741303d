// A Chrome DevTools Protocol client for Node.js's inspector: find the target with GET /json/list, open its
// WebSocket, send commands matched to results by id.
import WebSocket from "ws";
import { withTimeout } from "./tcp.js";

/** One target of GET /json/list. */
export interface InspectorTarget {
  readonly id: string;
  readonly title: string;
  readonly webSocketDebuggerUrl: string;
}

/** Node's inspector targets behind a (forwarded) local port; retries until it answers. */
export async function listTargets(port: number, timeoutMs = 30_000): Promise<InspectorTarget[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${String(port)}/json/list`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) return (await response.json()) as InspectorTarget[];
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no inspector answered on port ${String(port)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A WebSocket session with one inspector target. */
export class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: Record<string, unknown>) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: WebSocket.RawData) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(new Uint8Array(data));
      const text = bytes.toString("utf8");
      const message = JSON.parse(text) as Record<string, unknown>;
      const id = typeof message["id"] === "number" ? message["id"] : undefined;
      const resolve = id === undefined ? undefined : this.pending.get(id);
      if (id !== undefined && resolve) {
        this.pending.delete(id);
        resolve(message);
      }
    });
  }

  /** Opens the target's WebSocket through the local port (the target reports the pod's address). */
  static async connect(port: number, target: InspectorTarget): Promise<CdpClient> {
    const url = new URL(target.webSocketDebuggerUrl);
    url.host = `127.0.0.1:${String(port)}`;
    const ws = new WebSocket(url.toString());
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once("open", () => {
          resolve();
        });
        ws.once("error", reject);
      }),
      30_000,
      `the inspector WebSocket ${url.toString()}`,
    );
    return new CdpClient(ws);
  }

  /** Sends a command; resolves with its `result`, rejects with its `error`. */
  async send(method: string, params: object = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const answer = new Promise<Record<string, unknown>>((resolve) => this.pending.set(id, resolve));
    this.ws.send(JSON.stringify({ id, method, params }));
    const message = await withTimeout(answer, 30_000, `the result of ${method}`);
    if (message["error"] !== undefined) throw new Error(`${method}: ${JSON.stringify(message["error"])}`);
    return message["result"] as Record<string, unknown>;
  }

  /** `Runtime.evaluate` of an expression in the debugged process; resolves with its value. */
  async evaluate(expression: string): Promise<unknown> {
    const result = await this.send("Runtime.evaluate", { expression, returnByValue: true });
    const remote = result["result"] as { value?: unknown } | undefined;
    if (result["exceptionDetails"] !== undefined) {
      throw new Error(`evaluating ${expression} threw: ${JSON.stringify(result["exceptionDetails"])}`);
    }
    return remote?.value;
  }

  close(): void {
    this.ws.close();
  }
}
