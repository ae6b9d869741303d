// helm-app: the HTTP server of the helm-chart example; the chart sets GREETING from its values.
/* global process, console */
import http from "node:http";

const port = Number(process.env.PORT ?? 8080);
const greeting = process.env.GREETING ?? "Hello from helm-app";

const server = http.createServer((req, res) => {
  if (req.url === "/healthz") {
    res.end("ok\n");
    return;
  }
  console.log(`${req.method ?? "GET"} ${req.url ?? "/"}`);
  res.setHeader("content-type", "text/plain");
  res.end(`${greeting}\n`);
});

server.listen(port, () => {
  console.log(`helm-app listening on :${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
