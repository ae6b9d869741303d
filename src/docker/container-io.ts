/** Container state, logs and exec through the engine (exec stdin goes over a hijacked connection). */
import { Readable, type Duplex } from "node:stream";
import { isNotFound } from "./errors.js";
import { pathName } from "./image-ref.js";
import { LineBuffer } from "../util/lines.js";
import { demultiplex, type StdStream } from "./multiplex.js";
import type { EngineTransport } from "./transport.js";
import type { ContainerIO } from "./types.js";

interface RawContainer {
  readonly State?: { readonly Running?: boolean; readonly ExitCode?: number };
  readonly Config?: { readonly Tty?: boolean };
}

async function inspect(transport: EngineTransport, id: string): Promise<RawContainer | undefined> {
  try {
    return await transport.json<RawContainer>(
      { method: "GET", path: `/containers/${pathName(id)}/json` },
      `inspecting container ${id}`,
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Writes stdin (if any) to a hijacked connection, then closes its write side so the command sees EOF. */
function feed(socket: Duplex, stdin: AsyncIterable<Uint8Array> | Uint8Array | undefined): Promise<void> {
  if (stdin === undefined) {
    socket.end();
    return Promise.resolve();
  }
  const input = Readable.from(stdin instanceof Uint8Array ? [stdin] : stdin);
  return new Promise<void>((resolve, reject) => {
    input.on("error", reject);
    input.on("end", resolve);
    input.pipe(socket);
  });
}

async function* raw(source: AsyncIterable<Uint8Array>): AsyncGenerator<[StdStream, Buffer]> {
  for await (const chunk of source) yield ["stdout", Buffer.from(chunk)];
}

/** The engine's container I/O operations. */
export function engineContainerIO(transport: EngineTransport): ContainerIO {
  return {
    async state(id) {
      const found = await inspect(transport, id);
      return found === undefined
        ? undefined
        : { running: found.State?.Running === true, exitCode: found.State?.ExitCode ?? 0 };
    },

    async logs(id, onLine, options = {}) {
      const tty = (await inspect(transport, id))?.Config?.Tty === true;
      const res = await transport.send(
        {
          method: "GET",
          path: `/containers/${pathName(id)}/logs`,
          query: { stdout: true, stderr: true, follow: options.follow === true },
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        `reading the logs of container ${id}`,
      );
      const buffers = {
        stdout: new LineBuffer((line) => {
          onLine(line, "stdout");
        }),
        stderr: new LineBuffer((line) => {
          onLine(line, "stderr");
        }),
      };
      try {
        for await (const [stream, bytes] of tty ? raw(res.body) : demultiplex(res.body)) {
          buffers[stream].push(bytes.toString("utf8"));
        }
      } catch (error) {
        if (!options.signal?.aborted) throw error;
      }
      buffers.stdout.flush();
      buffers.stderr.flush();
    },

    async exec(id, cmd, options = {}) {
      const created = await transport.json<{ Id: string }>(
        {
          method: "POST",
          path: `/containers/${pathName(id)}/exec`,
          body: JSON.stringify({
            Cmd: cmd,
            AttachStdin: options.stdin !== undefined,
            AttachStdout: true,
            AttachStderr: true,
            Tty: false,
            User: options.user,
            WorkingDir: options.workingDir,
            Env: options.env,
          }),
        },
        `starting ${cmd.join(" ")} in container ${id}`,
      );
      const socket = await transport.hijack(
        {
          method: "POST",
          path: `/exec/${created.Id}/start`,
          body: JSON.stringify({ Detach: false, Tty: false }),
        },
        `running ${cmd.join(" ")} in container ${id}`,
      );
      const feeding = feed(socket, options.stdin);
      const out: Record<StdStream, Buffer[]> = { stdout: [], stderr: [] };
      for await (const [stream, bytes] of demultiplex(socket)) out[stream].push(Buffer.from(bytes));
      await feeding;
      const result = await transport.json<{ ExitCode: number | null }>(
        { method: "GET", path: `/exec/${created.Id}/json` },
        `reading the exit code of ${cmd.join(" ")}`,
      );
      return {
        exitCode: result.ExitCode ?? -1,
        stdout: Buffer.concat(out.stdout).toString("utf8"),
        stderr: Buffer.concat(out.stderr).toString("utf8"),
      };
    },
  };
}
