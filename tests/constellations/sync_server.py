"""A real HTTP server on 127.0.0.1 for the sync tests (standard library only): each path answers as told.

Routes map a path (with its query) to a function ``(handler) -> (status, headers, body)``. The server honours
conditional requests for routes declared with an ETag / Last-Modified (``static``), so a second sync really
receives a 304 from the socket, and it keeps every request it saw (method, path, headers).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict


@dataclass
class CatalogServer:
    routes: dict = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def static(self, path: str, body: bytes, *, etag: str | None = None, last_modified: str | None = None,
               content_type: str = "application/json", status: int = 200):
        def answer(handler):
            if etag and handler.headers.get("If-None-Match") == etag:
                return 304, {"ETag": etag}, b""
            if last_modified and handler.headers.get("If-Modified-Since") == last_modified:
                return 304, {"Last-Modified": last_modified}, b""
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = etag
            if last_modified:
                headers["Last-Modified"] = last_modified
            return status, headers, body
        self.routes[path] = answer

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


def start(server: CatalogServer) -> CatalogServer:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            server.seen.append(Seen(self.command, self.path, dict(self.headers)))
            route = server.routes.get(self.path)
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            else:
                status, headers, body = route(self)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.httpd.daemon_threads = True
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    return server


def slow(seconds: float, then=(200, {"Content-Type": "application/json"}, b"[]")):
    def answer(handler):
        time.sleep(seconds)
        return then
    return answer


def fixed(status: int, body: bytes, headers: dict | None = None):
    return lambda handler: (status, headers or {"Content-Type": "text/plain"}, body)
