"""multi-service backend: a JSON API (standard library only) whose contract the frontend copies."""
import json
import os
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "8080"))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "contract.json")) as f:
    CONTRACT = json.load(f)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = b"ok\n"
        elif self.path == "/api/greeting":
            body = json.dumps({"message": "Hello from the backend", "host": socket.gethostname(),
                               "contract": CONTRACT["version"]}).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        if self.path != "/healthz":
            print("%s %s" % (self.command, self.path), flush=True)


if __name__ == "__main__":
    print("backend listening on :%d (contract %s)" % (PORT, CONTRACT["version"]), flush=True)
    ThreadingHTTPServer(("", PORT), Handler).serve_forever()
