// multi-service frontend: serves a page built from the backend's answer. It reads the API
// contract that its image copied from the backend image (the artifact dependency).
/* global process, console, URL */
import { readFileSync } from "node:fs";
import http from "node:http";

/** @param {unknown} value @returns {{ version: string, greeting: string }} */
function asContract(value) {
  if (
    typeof value === "object" &&
    value !== null &&
    "version" in value &&
    typeof value.version === "string" &&
    "greeting" in value &&
    typeof value.greeting === "string"
  ) {
    return { version: value.version, greeting: value.greeting };
  }
  throw new Error("contract.json is not a valid API contract");
}

/** @param {unknown} value @returns {{ message: string }} */
function asGreeting(value) {
  if (
    typeof value === "object" &&
    value !== null &&
    "message" in value &&
    typeof value.message === "string"
  ) {
    return { message: value.message };
  }
  throw new Error("unexpected answer from the backend");
}

const contract = asContract(JSON.parse(readFileSync(new URL("./contract.json", import.meta.url), "utf8")));

const port = Number(process.env.PORT ?? 8080);
// BACKEND_URL wins; in the cluster, the backend Service's DNS name.
const backend = process.env.BACKEND_URL ?? "http://backend:8080";

/** @param {string} url @returns {Promise<{ message: string }>} */
function fetchJson(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 3000 }, (res) => {
      let data = "";
      res.on("data", (/** @type {string} */ chunk) => (data += chunk));
      res.on("end", () => {
        try {
          resolve(asGreeting(JSON.parse(data)));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

const server = http.createServer((req, res) => {
  if (req.url === "/healthz") {
    res.end("ok\n");
    return;
  }
  console.log(`${req.method ?? "GET"} ${req.url ?? "/"}`);
  fetchJson(backend + contract.greeting).then(
    (answer) => {
      res.setHeader("content-type", "text/plain");
      res.end(`frontend (contract ${contract.version}) got: ${answer.message}\n`);
    },
    (/** @type {unknown} */ e) => {
      res.statusCode = 502;
      res.end(`backend at ${backend} unreachable: ${e instanceof Error ? e.message : String(e)}\n`);
    },
  );
});
server.listen(port, () => {
  console.log(`frontend listening on :${port}, backend ${backend}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
