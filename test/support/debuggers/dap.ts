// A Debug Adapter Protocol client over TCP: messages framed by a `Content-Length` header, requests
// matched to responses by `request_seq`, events kept so that a test can wait for one that already came.
import type { Socket } from "node:net";
import { connectWithRetry, withTimeout } from "./tcp.js";

/** A DAP message as it arrives (response or event). */
export interface DapMessage {
  readonly seq: number;
  readonly type: "response" | "event" | "request";
  readonly command?: string;
  readonly event?: string;
  readonly request_seq?: number;
  readonly success?: boolean;
  readonly message?: string;
  readonly body?: Record<string, unknown>;
}

interface Waiter {
  matches(message: DapMessage): boolean;
  resolve(message: DapMessage): void;
}

/** One DAP session with a debug adapter (debugpy's, here). */
export class DapClient {
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly received: DapMessage[] = [];
  private waiters: Waiter[] = [];
  private closed: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.receive(chunk);
    });
    socket.on("close", () => (this.closed = new Error("the debug adapter closed the connection")));
  }

  static async connect(port: number, timeoutMs = 30_000): Promise<DapClient> {
    return new DapClient(await connectWithRetry(port, timeoutMs));
  }

  /** Sends a request; resolves with its response (rejects when `success` is false). */
  async request(command: string, args: object = {}, timeoutMs = 60_000): Promise<DapMessage> {
    const seq = this.seq++;
    const json = Buffer.from(JSON.stringify({ seq, type: "request", command, arguments: args }), "utf8");
    this.socket.write(Buffer.concat([Buffer.from(`Content-Length: ${String(json.length)}\r\n\r\n`), json]));
    const response = await this.waitFor(
      `the response to ${command}`,
      (m) => m.type === "response" && m.request_seq === seq,
      timeoutMs,
    );
    if (response.success !== true)
      throw new Error(`${command} failed: ${response.message ?? "(no message)"}`);
    return response;
  }

  /** Resolves with the first event named `event` (already received or still to come) that matches. */
  event(
    event: string,
    timeoutMs = 60_000,
    matches: (m: DapMessage) => boolean = () => true,
  ): Promise<DapMessage> {
    return this.waitFor(
      `the ${event} event`,
      (m) => m.type === "event" && m.event === event && matches(m),
      timeoutMs,
    );
  }

  close(): void {
    this.socket.destroy();
  }

  private waitFor(what: string, matches: (m: DapMessage) => boolean, timeoutMs: number): Promise<DapMessage> {
    const index = this.received.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as DapMessage);
    if (this.closed) return Promise.reject(this.closed);
    const found = new Promise<DapMessage>((resolve) => this.waiters.push({ matches, resolve }));
    return withTimeout(found, timeoutMs, what);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const header = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString("latin1"));
      if (!header?.[1]) throw new Error(`bad DAP header: ${this.buffer.subarray(0, end).toString("latin1")}`);
      const length = Number(header[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(JSON.parse(body) as DapMessage);
    }
  }

  private dispatch(message: DapMessage): void {
    const waiter = this.waiters.find((w) => w.matches(message));
    if (waiter === undefined) {
      this.received.push(message);
      return;
    }
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(message);
  }
}
