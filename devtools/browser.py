"""Open a rendered page in headless Chromium, as a person would, over the DevTools protocol.

Used by the tests (the page loads, shows the unit name, logs no console error, asks for
nothing outside the output folder) and to take the screenshots under docs/:

    python -m devtools.browser OUT/index.html --screenshot docs/overview.png

The protocol runs over `--remote-debugging-pipe` (file descriptors 3 and 4, messages
ended by NUL), so no client library and no network port are needed. Chromium comes from
the Debian package `chromium` (scripts/install.sh); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@dataclass
class PageReport:
    url: str
    text: str = ""
    title: str = ""
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, failed loads
    remote_requests: list[str] = field(default_factory=list)  # anything not file:/data:
    values: list[object] = field(default_factory=list)  # results of the `scripts` run after load


class Browser:
    """One headless Chromium with a DevTools pipe; use as a context manager."""

    def __init__(self, timeout: float = 30.0) -> None:
        exe = chromium_path()
        if exe is None:
            raise RuntimeError("未找到 Chromium（Debian 软件包 chromium，可运行 scripts/install.sh 安装）")
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="nx-prescreen-chromium-")
        cmd_r, cmd_w = os.pipe()  # we write commands, Chromium reads fd 3
        res_r, res_w = os.pipe()  # Chromium writes fd 4, we read responses

        def wire() -> None:  # runs in the child before exec
            os.dup2(cmd_r, 3)
            os.dup2(res_w, 4)
            os.set_inheritable(3, True)  # dup2 onto itself keeps close-on-exec: clear it
            os.set_inheritable(4, True)

        self.proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # only dup2 in the child: no locks involved
            close_fds=False,  # keep fds 3 and 4 made by wire(); Python's own fds are close-on-exec
        )
        os.close(cmd_r)
        os.close(res_w)
        self._w, self._r = cmd_w, res_r
        self._buf = b""
        self._next = 0
        self.events: list[dict] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.send("Browser.close", wait=False)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._w, self._r):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read_message(self, deadline: float) -> dict | None:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                return None
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium 意外退出")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None, wait: bool = True):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._w, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        deadline = time.monotonic() + self.timeout
        while (msg := self._read_message(deadline)) is not None:
            if msg.get("id") == self._next:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)
        raise TimeoutError(f"{method} 超时")

    def wait_event(self, name: str, session: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if any(e.get("method") == name and e.get("sessionId") == session for e in self.events):
            return True
        while (msg := self._read_message(deadline)) is not None:
            self.events.append(msg)
            if msg.get("method") == name and msg.get("sessionId") == session:
                return True
        return False

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (msg := self._read_message(deadline)) is not None:
            self.events.append(msg)

    def open(self, path: Path | str, scripts: tuple[str, ...] = (), screenshot: Path | None = None, width: int = 1400,
             height: int = 900) -> PageReport:  # fmt: skip
        """Load `path` (a file, or an http:// URL such as the local review page), wait for the load
        event, run `scripts`, optionally save a PNG of the viewport."""
        url = path if isinstance(path, str) and path.startswith("http://") else Path(path).resolve().as_uri()
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            self.send(method, session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=session,
        )
        self.send("Page.navigate", {"url": url}, session=session)
        loaded = self.wait_event("Page.loadEventFired", session, self.timeout)
        self.drain(0.3)
        report = PageReport(url=url)
        if not loaded:
            report.errors.append("页面加载超时")
        for script in ("document.body ? document.body.innerText : ''", "document.title", *scripts):
            result = self.send("Runtime.evaluate", {"expression": script, "returnByValue": True}, session=session)
            if "exceptionDetails" in result:
                report.errors.append(f"脚本出错：{script[:60]}")
            report.values.append(result.get("result", {}).get("value"))
        report.text, report.title, report.values = report.values[0] or "", report.values[1] or "", report.values[2:]
        self.drain(0.2)
        if screenshot is not None:
            shot = self.send("Page.captureScreenshot", {"format": "png"}, session=session)
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
        _collect(report, [e for e in self.events if e.get("sessionId") == session])
        if url.startswith("http://"):  # the page's own server is no outside resource
            origin = "/".join(url.split("/")[:3])
            report.remote_requests = [u for u in report.remote_requests if not u.startswith(origin + "/")]
        self.send("Target.closeTarget", {"targetId": target})
        return report


    def tab(self, width: int = 1400, height: int = 900) -> Tab:
        """A page to drive step by step (go to a URL, run scripts, click, submit, screenshot)."""
        return Tab(self, width, height)


class Tab:
    """One page of the browser, kept open between steps: what a person does, one step at a time.

    `origin` requests (e.g. the local review server's) count as local in `remote_requests`."""

    def __init__(self, browser: Browser, width: int, height: int) -> None:
        self.browser = browser
        self.target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            browser.send(method, session=self.session)
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=self.session,
        )

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.browser.send("Target.closeTarget", {"targetId": self.target})

    def _loads(self) -> int:
        return sum(1 for e in self._events() if e.get("method") == "Page.loadEventFired")

    def _events(self) -> list[dict]:
        return [e for e in self.browser.events if e.get("sessionId") == self.session]

    def _wait_load(self, before: int) -> None:
        deadline = time.monotonic() + self.browser.timeout
        while self._loads() <= before:
            if time.monotonic() > deadline:
                raise TimeoutError("页面加载超时")
            self.browser.drain(0.1)
        self.browser.drain(0.2)

    def goto(self, url: str) -> None:
        before = self._loads()
        self.browser.send("Page.navigate", {"url": url}, session=self.session)
        self._wait_load(before)

    def eval(self, script: str):
        result = self.browser.send(
            "Runtime.evaluate", {"expression": script, "returnByValue": True, "awaitPromise": True},
            session=self.session,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"脚本出错：{script[:80]}：{result['exceptionDetails'].get('text', '')}")
        return result.get("result", {}).get("value")

    def navigate_by(self, script: str) -> None:
        """Run a script that leaves the page (a click on a link, a form submitted) and wait for the next one."""
        before = self._loads()
        self.eval(script)
        self._wait_load(before)

    def text(self) -> str:
        return self.eval("document.body ? document.body.innerText : ''") or ""

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict = {"format": "png"}
        if full_page:
            size = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1],
                                                             "scale": 1})
        shot = self.browser.send("Page.captureScreenshot", params, session=self.session)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def report(self, origin: str = "") -> PageReport:
        """The errors and remote requests seen so far (requests to `origin` are local)."""
        report = PageReport(url="")
        _collect(report, self._events())
        if origin:
            report.remote_requests = [u for u in report.remote_requests if not u.startswith(origin)]
        return report


def _collect(report: PageReport, events: list[dict]) -> None:
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            report.errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            report.errors.append(
                " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            )
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            report.errors.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not url.startswith(LOCAL_SCHEMES):
                report.remote_requests.append(url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用无头 Chromium 打开页面，检查控制台错误并可截图")
    parser.add_argument("page", help="要打开的 HTML 文件，或本机网址（如 nx-prescreen serve 的复核网页）")
    parser.add_argument("--screenshot", type=Path, help="保存截图（PNG）的路径")
    parser.add_argument("--width", type=int, default=1400, help="窗口宽度（像素）")
    parser.add_argument("--height", type=int, default=900, help="窗口高度（像素）")
    args = parser.parse_args(argv)
    page = args.page if args.page.startswith("http://") else Path(args.page)
    with Browser() as browser:
        report = browser.open(page, screenshot=args.screenshot, width=args.width, height=args.height)
    print(f"标题：{report.title}；控制台错误 {len(report.errors)} 个；外部请求 {len(report.remote_requests)} 个")
    for line in report.errors + report.remote_requests:
        print("  " + line)
    return 1 if report.errors or report.remote_requests else 0


if __name__ == "__main__":
    raise SystemExit(main())
