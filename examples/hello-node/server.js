// hello-node: a small HTTP server (Node.js standard library only), Trestle's Node.js example.
// The responses come from handler.js, imported again when its content changes (live reload for `trestle dev`).
/* global process, console, URL */
import { readFile } from "node:fs/promises";
import http from "node:http";

const port = Number(process.env.PORT ?? 8080);
const handlerUrl = new URL("./handler.js", import.meta.url);
/** @typedef {typeof import("./handler.js")} Handler */
/** @type {{ source: string, version: number, module: Handler } | undefined} */
let loaded;

/** The handler module, imported (again, as a new module version) when handler.js is new or changed. */
async function handler() {
  const source = await readFile(handlerUrl, "utf8");
  if (loaded === undefined || source !== loaded.source) {
    const version = (loaded?.version ?? 0) + 1;
    /** @type {unknown} */
    const imported = await import(`${handlerUrl.href}?v=${String(version)}`);
    loaded = { source, version, module: /** @type {Handler} */ (imported) };
  }
  return loaded.module;
}

/** @param {http.ServerResponse} res */
async function respond(res) {
  try {
    const module = await handler();
    res.setHeader("content-type", "text/plain");
    res.end(module.respond());
  } catch (error) {
    res.statusCode = 500;
    res.end(`handler.js failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

const server = http.createServer((req, res) => {
  if (req.url === "/healthz") {
    res.end("ok\n");
    return;
  }
  console.log(`${req.method ?? "GET"} ${req.url ?? "/"}`);
  void respond(res);
});

server.listen(port, () => {
  console.log(`hello-node listening on :${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
