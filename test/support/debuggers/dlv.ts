// A client for Delve's JSON-RPC API (api-version 2): Go's net/rpc JSON codec over TCP, one JSON object
// per request and per response, matched by id. Calls may be outstanding at the same time (a `continue`
// only answers when the program stops again).
import type { Socket } from "node:net";
import { connectWithRetry, withTimeout } from "./tcp.js";

/** Delve's `api.Breakpoint`, the fields the tests read. */
export interface DlvBreakpoint {
  readonly id: number;
  readonly file: string;
  readonly line: number;
  readonly functionName?: string;
}

/** Delve's `api.DebuggerState`, the fields the tests read. */
export interface DlvState {
  readonly Running: boolean;
  readonly exited: boolean;
  readonly currentThread?: {
    readonly file: string;
    readonly line: number;
    readonly breakPoint?: DlvBreakpoint;
  };
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** One connection to a headless Delve server. */
export class DlvClient {
  private nextId = 1;
  private buffer = "";
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly socket: Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.receive(chunk);
    });
    socket.on("close", () => {
      this.failAll(new Error("Delve closed the connection"));
    });
    socket.on("error", (error) => {
      this.failAll(error);
    });
  }

  static async connect(port: number, timeoutMs = 30_000): Promise<DlvClient> {
    return new DlvClient(await connectWithRetry(port, timeoutMs));
  }

  /** Calls `RPCServer.<method>` with one argument object; rejects with Delve's error text. */
  call<T>(method: string, args: object = {}, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
    });
    this.socket.write(`${JSON.stringify({ method: `RPCServer.${method}`, params: [args], id })}\n`);
    return withTimeout(answer, timeoutMs, `Delve ${method}`);
  }

  /** `RPCServer.State` without waiting for a running program to stop. */
  async state(): Promise<DlvState> {
    return (await this.call<{ State: DlvState }>("State", { NonBlocking: true })).State;
  }

  /** `RPCServer.Command` (`halt`, `continue`, …); resolves when the program stops. */
  async command(name: string, timeoutMs = 60_000): Promise<DlvState> {
    return (await this.call<{ State: DlvState }>("Command", { name }, timeoutMs)).State;
  }

  /** A breakpoint at `file:line`, where `file` may be a suffix of the compiled path (e.g. `main.go`). */
  async breakAt(file: string, line: number): Promise<DlvBreakpoint> {
    const found = await this.call<{ Locations: { file: string; line: number; pc: number }[] }>(
      "FindLocation",
      { Scope: { GoroutineID: -1 }, Loc: `${file}:${String(line)}`, IncludeNonExecutableLines: false },
    );
    const location = found.Locations[0];
    if (location === undefined) throw new Error(`Delve found no code at ${file}:${String(line)}`);
    const created = await this.call<{ Breakpoint: DlvBreakpoint }>("CreateBreakpoint", {
      Breakpoint: { file: location.file, line: location.line },
    });
    return created.Breakpoint;
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line === "") continue;
      const message = JSON.parse(line) as { id: number; result: unknown; error: string | null };
      const pending = this.pending.get(message.id);
      if (pending === undefined) continue;
      this.pending.delete(message.id);
      if (message.error !== null) pending.reject(new Error(`Delve: ${message.error}`));
      else pending.resolve(message.result);
    }
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
