/** Local TCP ports for container bindings: the requested one when it is free, else one the OS picks. */
import { createServer } from "node:net";

function tryListen(address: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => {
      resolve(undefined);
    });
    server.listen(port, address, () => {
      const bound = server.address();
      const chosen = typeof bound === "object" && bound !== null ? bound.port : undefined;
      server.close(() => {
        resolve(chosen);
      });
    });
  });
}

/** `preferred` when it can be bound on `address`, else a free port chosen by the OS. */
export async function freePort(address: string, preferred: number | undefined): Promise<number> {
  if (preferred !== undefined && preferred > 0) {
    const got = await tryListen(address, preferred);
    if (got !== undefined) return got;
  }
  const any = await tryListen(address, 0);
  if (any === undefined) throw new Error(`no free TCP port on ${address}`);
  return any;
}
