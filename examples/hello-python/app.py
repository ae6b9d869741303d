"""hello-python: a small HTTP server (standard library only), Trestle's Python example.

The responses come from handler.py, loaded again when its content changes (live reload for `trestle dev`)."""
import os
import signal
import sys
import threading
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "8080"))
HANDLER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "handler.py")
_loaded = {"source": None, "module": None}
_lock = threading.Lock()


def handler():
    """The handler module, run again when handler.py changed."""
    with open(HANDLER, encoding="utf-8") as f:
        source = f.read()
    with _lock:
        if source != _loaded["source"]:
            module = types.ModuleType("handler")
            module.__file__ = HANDLER
            exec(compile(source, HANDLER, "exec"), module.__dict__)
            _loaded.update(source=source, module=module)
        return _loaded["module"]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n" if self.path == "/healthz" else handler().respond(self.path).encode()
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
