"""hello-python: a small HTTP server (standard library only), Trestle's Python example."""
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "8080"))
GREETING = os.environ.get("GREETING", "Hello from hello-python")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n" if self.path == "/healthz" else (GREETING + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        if self.path != "/healthz":
            print("%s %s" % (self.command, self.path), flush=True)


def main():
    server = ThreadingHTTPServer(("", PORT), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("hello-python listening on :%d" % PORT, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
