import { createServer, type Server, type Socket } from "node:net";
import type { KubeConfig } from "@kubernetes/client-node";
import { externalError } from "../errors/errors.js";
import { socketHandler } from "./exec.js";
import type { ForwardListener, ForwardTarget, ListenRequest, PortForwarder } from "./types.js";

const DATA = 0;
const ERROR = 1;

/** Listens on a port; a taken port rejects with code PORT_IN_USE. */
export function listenOn(server: Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? externalError(
              "PORT_IN_USE",
              `local port ${String(port)} on ${address} is not available (${error.code})`,
              "Free the port, or pick another localPort.",
              error,
            )
          : error,
      );
    };
    server.once("error", onError);
    server.listen({ port, host: address }, () => {
      server.off("error", onError);
      const bound = server.address();
      resolve(typeof bound === "object" && bound ? bound.port : port);
    });
  });
}

/**
 * Port forwarding over the API server's WebSocket port-forward stream (channel protocol: per port a
 * data and an error channel, each opened by the 2-byte port number). One stream per accepted
 * connection, so a replaced pod only affects connections opened before the replacement.
 */
export function createPortForwarder(kc: KubeConfig): PortForwarder {
  const connect = async (
    target: ForwardTarget,
    socket: Socket,
    onError: (e: Error) => void,
  ): Promise<void> => {
    const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/portforward?ports=${String(target.port)}`;
    const seen = new Set<number>();
    let errorText = "";
    const ws = await socketHandler(kc).connect(path, null, (channel, data) => {
      let payload = data;
      if (channel === DATA || channel === ERROR) {
        if (!seen.has(channel)) {
          seen.add(channel);
          payload = payload.subarray(2); // the port number opening each channel
        }
        if (payload.length === 0) return true;
        if (channel === DATA) socket.write(payload);
        else errorText += payload.toString("utf8");
      }
      return true;
    });
    ws.on("close", () => {
      if (errorText.trim())
        onError(
          new Error(
            `forwarding to ${target.namespace}/${target.pod}:${String(target.port)}: ${errorText.trim()}`,
          ),
        );
      socket.end();
    });
    ws.on("error", (e: Error) => {
      onError(e);
      socket.destroy();
    });
    socket.on("data", (chunk: Buffer) => {
      const frame = Buffer.allocUnsafe(chunk.length + 1);
      frame[0] = DATA;
      chunk.copy(frame, 1);
      ws.send(frame);
    });
    socket.on("end", () => {
      ws.close();
    });
    socket.on("close", () => {
      ws.close();
    });
    socket.on("error", () => {
      ws.close();
    });
    socket.resume();
  };

  const handle = async (socket: Socket, request: ListenRequest): Promise<void> => {
    socket.pause();
    socket.on("error", () => undefined);
    const onError = request.onError ?? (() => undefined);
    let lastError: unknown;
    // The target may name a pod that is just being replaced: ask again, briefly, before giving up.
    for (let attempt = 0; attempt < 20 && !socket.destroyed; attempt++) {
      try {
        await connect(await request.target(), socket, onError);
        return;
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    onError(lastError instanceof Error ? lastError : new Error(String(lastError)));
    socket.destroy();
  };

  return {
    async listen(request) {
      const address = request.address ?? "127.0.0.1";
      const sockets = new Set<Socket>();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        void handle(socket, request);
      });
      const localPort = await listenOn(server, address, request.localPort);
      const listener: ForwardListener = {
        address,
        localPort,
        close: () =>
          new Promise<void>((resolve) => {
            for (const s of sockets) s.destroy();
            server.close(() => {
              resolve();
            });
          }),
      };
      return listener;
    },
  };
}
