import { PassThrough, Readable, Writable } from "node:stream";
import { Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";
import { WebSocketHandler } from "@kubernetes/client-node/dist/web-socket-handler.js";
import { externalError } from "../errors/errors.js";
import type { ExecResult, Plain, PodExec } from "./types.js";

/**
 * A WebSocket handler whose "close stream" frames end throwaway streams: the library's default would end
 * this process's own stdout/stderr when the server closes a channel.
 */
export function socketHandler(kc: KubeConfig): WebSocketHandler {
  return new WebSocketHandler(kc, undefined, {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
  });
}

/** The exit code a finished exec's Status reports (0 on Success), or undefined when the command never ran. */
export function exitCodeOf(status: Plain<V1Status>): number | undefined {
  if (status.status === "Success") return 0;
  if (status.reason === "NonZeroExitCode") {
    const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
    const code = Number(cause?.message);
    return Number.isInteger(code) ? code : 1;
  }
  return undefined;
}

function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
}

/** Exec over the API server's WebSocket exec stream (v5 channel protocol: stdin is closed, not the socket). */
/** The client library frames stdin chunks as Buffers (a bare Uint8Array is taken for a string and throws). */
async function* asBuffers(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  for await (const chunk of chunks)
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export function createPodExec(
  kc: KubeConfig,
  firstContainer: (ns: string, pod: string) => Promise<string>,
): PodExec {
  return {
    async exec(request) {
      const container = request.container ?? (await firstContainer(request.namespace, request.pod));
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const stdin =
        request.stdin === undefined
          ? null
          : request.stdin instanceof Uint8Array
            ? Readable.from([Buffer.from(request.stdin)])
            : Readable.from(asBuffers(request.stdin));
      let status: V1Status | undefined;
      const ws = await new Exec(kc, socketHandler(kc)).exec(
        request.namespace,
        request.pod,
        container,
        [...request.command],
        collector(out),
        collector(err),
        stdin,
        false,
        (s) => (status = s),
      );
      await new Promise<void>((resolve, reject) => {
        const abort = (): void => {
          ws.close();
          reject(
            externalError("EXEC_ABORTED", `exec in ${request.namespace}/${request.pod} was interrupted`),
          );
        };
        if (request.signal?.aborted) abort();
        request.signal?.addEventListener("abort", abort, { once: true });
        ws.on("close", () => {
          request.signal?.removeEventListener("abort", abort);
          resolve();
        });
        ws.on("error", (e) => {
          reject(e);
        });
      });
      const stdout = Buffer.concat(out);
      const stderr = Buffer.concat(err);
      if (status === undefined)
        throw externalError(
          "EXEC_STREAM_CLOSED",
          `the exec stream to ${request.namespace}/${request.pod} (${container}) closed before the command finished`,
          "The pod may have been deleted or restarted; try again.",
        );
      const exitCode = exitCodeOf(status);
      if (exitCode === undefined)
        throw externalError(
          "EXEC_FAILED",
          `cannot run '${request.command.join(" ")}' in ${request.namespace}/${request.pod} (${container}): ${status.message ?? status.reason ?? "unknown error"}`,
          "Check that the command exists in the container image.",
        );
      return { exitCode, stdout, stderr } satisfies ExecResult;
    },
  };
}
