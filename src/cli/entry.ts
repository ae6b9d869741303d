import { main } from "./main.js";

function installSignalHandlers(controller: AbortController): void {
  let interrupts = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts > 1) {
      process.stderr.write(`\nReceived ${name} again: exiting without waiting for cleanup.\n`);
      process.exit(130);
    }
    controller.abort(new Error(`interrupted by ${name}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

// A closed pipe (`trestle build | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const controller = new AbortController();
installSignalHandlers(controller);
process.exitCode = await main(process.argv.slice(2), process.env, controller.signal);
