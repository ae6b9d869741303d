// The response of hello-node. server.js imports this file again whenever its content changes, so a file synced
// by `trestle dev` is served at once, without restarting the container.
/* global process */

/** The body of a response (the same for every path). */
export function respond() {
  return `${process.env.GREETING ?? "Hello from hello-node"}\n`;
}
