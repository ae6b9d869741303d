// The start of a JDWP session: the 14-byte "JDWP-Handshake" that the JVM echoes, then one command,
// VirtualMachine.Version (command set 1, command 1), whose reply names the JVM.
import type { Socket } from "node:net";
import { connectWithRetry, withTimeout } from "./tcp.js";

const HANDSHAKE = Buffer.from("JDWP-Handshake", "ascii");

function readBytes(socket: Socket, count: number, what: string): Promise<Buffer> {
  let received = Buffer.alloc(0);
  return withTimeout(
    new Promise<Buffer>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        received = Buffer.concat([received, chunk]);
        if (received.length >= count) {
          socket.removeListener("data", onData);
          socket.pause();
          if (received.length > count) socket.unshift(received.subarray(count));
          resolve(received.subarray(0, count));
        }
      };
      socket.on("data", onData);
      socket.once("close", () => {
        reject(new Error(`the JVM closed the connection before ${what}`));
      });
      socket.resume();
    }),
    30_000,
    what,
  );
}

/** What the JVM answered. */
export interface JdwpHello {
  readonly handshake: string;
  /** VirtualMachine.Version: the description, e.g. "Java Debug Wire Protocol (Reference Implementation) …". */
  readonly description: string;
  readonly vmName: string;
}

/** Connects, exchanges the handshake and asks the JVM for its version. */
export async function jdwpHello(port: number, timeoutMs = 30_000): Promise<JdwpHello> {
  const socket = await connectWithRetry(port, timeoutMs);
  try {
    socket.write(HANDSHAKE);
    const handshake = (await readBytes(socket, HANDSHAKE.length, "the JDWP handshake")).toString("ascii");
    const command = Buffer.alloc(11);
    command.writeUInt32BE(11, 0); // length
    command.writeUInt32BE(1, 4); // id
    command.writeUInt8(0, 8); // flags: command
    command.writeUInt8(1, 9); // command set VirtualMachine
    command.writeUInt8(1, 10); // command Version
    socket.write(command);
    const header = await readBytes(socket, 11, "the Version reply header");
    const length = header.readUInt32BE(0);
    const errorCode = header.readUInt16BE(9);
    if (errorCode !== 0)
      throw new Error(`VirtualMachine.Version failed with JDWP error ${String(errorCode)}`);
    const data = await readBytes(socket, length - 11, "the Version reply");
    const strings: string[] = [];
    let offset = 0;
    const readString = (): string => {
      const size = data.readUInt32BE(offset);
      const text = data.subarray(offset + 4, offset + 4 + size).toString("utf8");
      offset += 4 + size;
      return text;
    };
    strings.push(readString());
    offset += 8; // jdwpMajor, jdwpMinor
    strings.push(readString()); // vmVersion
    strings.push(readString()); // vmName
    return { handshake, description: strings[0] ?? "", vmName: strings[2] ?? "" };
  } finally {
    socket.destroy();
  }
}
