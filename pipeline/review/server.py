"""`serve`: the review page on a local HTTP server (standard library http.server).

    GET  /                  the applications with their open items (filterable)
    GET  /review/<folder>   one application's items: value, source excerpt and link, 确认 / 更正 / 说明
    POST /review/<folder>   a person's conclusion: checked, written to the store, the pre-screen run again
    GET  /<path>            a file of the output folder (index.html, dossiers, source copies)

It binds to 127.0.0.1 unless told otherwise. Every page is escaped (jinja2 autoescape). A
POST must carry the session's token (an HMAC of the session cookie under a secret made at
start) and come with this server's Host (and Origin, when the browser sends one), so a page
elsewhere cannot post a conclusion. Files are served only from inside the output folder:
no dot files, no path out of it (symlinks are resolved first), not the store; a source
copy that a browser could run (HTML, SVG, …) is sent as a download.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import logging
import mimetypes
import secrets
import threading
from datetime import datetime
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from markupsafe import escape

from ..render.common.config import labels
from ..render.common.web import environment
from .folder import FolderError, current_folder, run_again
from .pages import application_context, overview_context, review_url
from .resolve import Answer, Rejected, check_digests, index_items, to_resolution
from .store import StoreError, open_store, store_path
from .wording import wording

log = logging.getLogger(__name__)

VIA = "web"
LOCAL = ("127.0.0.1", "localhost")
MAX_FORM = 64 * 1024
# Source copies a browser shows without running anything of theirs; the rest is a download.
INLINE = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "text/plain"}
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class ReviewApp:
    """The state of one `serve`: the output folder, the secret behind the tokens, the write lock."""

    def __init__(self, out: Path, who: str | None = None):
        self.out = Path(out).resolve()
        current_folder(self.out)  # fails now, in Chinese, when OUT holds no results
        self.secret = secrets.token_bytes(32)
        self.who = who or _user()
        self.lock = threading.Lock()  # one conclusion (and its re-run) at a time
        self.flash: dict[str, tuple[str, str]] = {}  # session → (message, error) shown once
        self.hosts: set[str] | None = set()  # the Host headers this server answers to (None: any)

    def token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def valid(self, session: str | None, token: str) -> bool:
        return bool(session) and hmac.compare_digest(self.token(session), token)

    # --- pages ---------------------------------------------------------------------------

    def overview(self) -> str:
        return _render("review_index.html.j2", overview_context(current_folder(self.out)))

    def application(self, dirname: str, session: str) -> str | None:
        folder = current_folder(self.out)
        applicant = next((i for i, d in folder.dirnames.items() if d == dirname), None)
        if applicant is None:
            return None
        message, error = self.flash.pop(session, ("", ""))
        path = store_path(self.out)
        store = open_store(self.out) if path.is_file() else None
        try:
            context = application_context(folder, folder.by_id[applicant], store, self.who, self.token(session),
                                          message, error)
        finally:
            if store is not None:
                store.close()
        return _render("review_app.html.j2", context)

    # --- a conclusion --------------------------------------------------------------------

    def save(self, dirname: str, form: dict[str, str], session: str) -> bool:
        """Check and record one conclusion, then run the pre-screen again; False: no such application."""
        w = wording()
        with self.lock:
            folder = current_folder(self.out)
            applicant = next((i for i, d in folder.dirnames.items() if d == dirname), None)
            if applicant is None:
                return False
            withdraw = form.get("action") == "withdraw"
            answer = Answer(
                row=form.get("key", ""),
                applicant_id=applicant,
                key=form.get("key", ""),
                choice=w.withdrawn if withdraw else form.get("choice", ""),
                value_text="" if withdraw else form.get("value", ""),
                note=form.get("note", ""),
                who=form.get("who", ""),
            )
            try:
                answer.digests = check_digests(answer.row, form.get("digests", ""))
                items = index_items([folder.by_id[applicant]])
                resolution = to_resolution(answer, items.get((applicant, answer.key)), datetime.now().astimezone(),
                                           VIA)
                with open_store(self.out) as store:
                    store.record([resolution], VIA)
            except Rejected as exc:
                self.flash[session] = ("", _page_message(str(exc), answer.row))
                return True
            try:
                run_again(self.out)
            except Exception as exc:  # the conclusion is saved; say why the documents are not renewed yet
                log.exception(w.message("rerun_error"))
                self.flash[session] = ("", w.web["rerun_failed"].format(error=exc))
                return True
            decision = current_folder(self.out).by_id[applicant].decision
            key = "withdrawn" if withdraw else "saved"
            self.flash[session] = (w.web[key].format(decision=labels().of("decision", decision)), "")
            return True

    # --- files ---------------------------------------------------------------------------

    def file(self, rel: str) -> Path | None:
        """A file of the output folder that may be served, or None."""
        parts = [p for p in rel.split("/") if p]
        if not parts or any(p.startswith(".") or "\\" in p or "\0" in p for p in parts):
            return None
        target = self.out.joinpath(*parts)
        try:
            resolved = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_relative_to(self.out) or not resolved.is_file():
            return None
        if resolved.name.startswith(wording().store_file):  # the store and its journal
            return None
        return resolved


def _page_message(text: str, row: str) -> str:
    """A row message reads "第 X 行：…" in the sheet; on the page the item is in view, drop the row."""
    return text.removeprefix(wording().texts["row_prefix"].format(row=row))


def _render(template: str, context: dict) -> str:
    return environment().get_template(template).render(**context)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class Handler(BaseHTTPRequestHandler):
    app: ReviewApp
    server_version = "nx-prescreen-review"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    # --- plumbing ------------------------------------------------------------------------

    def _session(self) -> tuple[str, bool]:
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        name = self._cookie_name()
        if name in cookie and cookie[name].value:
            return cookie[name].value, False
        return secrets.token_urlsafe(24), True

    def _cookie_name(self) -> str:
        return f"nx_review_{self.server.server_address[1]}"

    def _host_ok(self) -> bool:
        """A request names this server (a page of another site resolving its name here is refused)."""
        return self.app.hosts is None or self.headers.get("Host", "") in self.app.hosts

    def _same_origin(self) -> bool:
        origin = self.headers.get("Origin")
        return origin is None or origin == f"http://{self.headers.get('Host', '')}"

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, session: tuple[str, bool] | None = None,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")  # no-referrer would make the form's Origin "null"
        self.send_header("Cache-Control", "no-store")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", CSP)
        if session is not None and session[1]:
            self.send_header("Set-Cookie", f"{self._cookie_name()}={session[0]}; Path=/; HttpOnly; SameSite=Strict")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html(self, html: str, session: tuple[str, bool] | None = None) -> None:
        self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8", session)

    def _error(self, status: HTTPStatus, message: str) -> None:
        body = f"<!DOCTYPE html><meta charset='utf-8'><title>{int(status)}</title><p>{escape(message)}</p>"
        self._send(status, body.encode("utf-8"), "text/html; charset=utf-8")

    # --- requests ------------------------------------------------------------------------

    def do_GET(self) -> None:
        w = wording().web
        if not self._host_ok():
            self._error(HTTPStatus.FORBIDDEN, w["forbidden"])
            return
        path = unquote(urlsplit(self.path).path)
        session = self._session()
        try:
            if path == "/":
                self._html(self.app.overview(), session)
                return
            if path.startswith("/review/"):
                page = self.app.application(path.removeprefix("/review/"), session[0])
                if page is None:
                    self._error(HTTPStatus.NOT_FOUND, w["not_found"])
                else:
                    self._html(page, session)
                return
        except (FolderError, StoreError) as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
            return
        self._static(path)

    do_HEAD = do_GET

    def _static(self, path: str) -> None:
        target = self.app.file(path)
        if target is None:
            self._error(HTTPStatus.NOT_FOUND, wording().web["not_found"])
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        rel = target.relative_to(self.app.out).parts
        extra = {}
        if "files" in rel[:3] and kind not in INLINE:  # an applicant's file: never run in this origin
            kind = "application/octet-stream"
            extra["Content-Disposition"] = "attachment"
        if kind.startswith("text/"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, target.read_bytes(), kind, extra=extra)

    def do_POST(self) -> None:
        w = wording().web
        path = unquote(urlsplit(self.path).path)
        if not self._host_ok() or not self._same_origin():
            self._error(HTTPStatus.FORBIDDEN, w["bad_token"])
            return
        if not path.startswith("/review/"):
            self._error(HTTPStatus.NOT_FOUND, w["not_found"])
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_FORM:
            self._error(HTTPStatus.BAD_REQUEST, w["bad_request"].format(error=length))
            return
        raw = self.rfile.read(length).decode("utf-8", errors="replace")
        form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        session, new = self._session()
        if new or not self.app.valid(session, form.get("csrf", "")):
            self._error(HTTPStatus.FORBIDDEN, w["bad_token"])
            return
        dirname = path.removeprefix("/review/")
        try:
            found = self.app.save(dirname, form, session)
        except (FolderError, StoreError) as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
            return
        if not found:
            self._error(HTTPStatus.NOT_FOUND, w["not_found"])
            return
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", review_url(dirname))
        self.send_header("Content-Length", "0")
        self.end_headers()


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8765, who: str | None = None) -> ThreadingHTTPServer:
    """The review server, bound but not yet serving (serve_forever in a thread for tests)."""
    app = ReviewApp(out, who)
    handler = type("BoundHandler", (Handler,), {"app": app})
    server = ThreadingHTTPServer((host, port), handler)
    bound = server.server_address[1]
    if host in ("0.0.0.0", "::", ""):  # every address of the machine: any name may reach it
        app.hosts = None
    else:
        names = {host, "127.0.0.1", "localhost"} if host in LOCAL else {host}
        app.hosts = {f"{name}:{bound}" for name in names}
    server.daemon_threads = True
    return server


def server_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def serve(out: Path, host: str = "127.0.0.1", port: int = 8765, who: str | None = None) -> None:
    server = make_server(out, host, port, who)
    w = wording()
    local = host in LOCAL
    print(w.message("serving" if local else "serving_open", url=server_url(server), host=host), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        print(w.message("stopped"), flush=True)
