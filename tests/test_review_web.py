"""`serve`: the review page driven in headless Chromium, and what the server refuses.

The person opens the overview, filters on open items, opens each needs_review application,
settles every item next to its source excerpt and sees the decision change in the overview.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from devtools.browser import Browser, chromium_path
from pipeline.models import Decision
from pipeline.review.server import make_server, server_url
from pipeline.review.store import current_resolutions, store_path
from tests.test_review_loop import INNOVATION, NEEDS_REVIEW, answer_for, results

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI 环境中未找到 Chromium：scripts/install.sh 应安装 Debian 软件包 chromium")
    pytest.skip("未安装 Chromium（Debian 软件包 chromium）", allow_module_level=True)

ROW = "Array.from(document.querySelectorAll('#apps tbody tr')).find(r => r.textContent.includes({unit!r}))"
VISIBLE = "Array.from(document.querySelectorAll('#apps tbody tr')).filter(r => r.style.display !== 'none').length"
OPEN_ITEMS = ("Array.from(document.querySelectorAll('details.item.state-open, details.item.state-stale'))"
              ".map(d => [d.dataset.key, Array.from(d.querySelectorAll('input[name=choice]')).map(i => i.value)])")


@pytest.fixture
def served(review_base: Path, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    out = tmp_path / "out"
    shutil.copytree(review_base, out, symlinks=True)
    server = make_server(out, port=0, who="赵六")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield out, server_url(server)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


def _decision(tab, unit: str) -> str:
    return tab.eval(ROW.format(unit=unit) + ".querySelector('.decision-cell').textContent")


def test_every_needs_review_application_is_settled_on_the_page(served, browser: Browser) -> None:
    out, url = served
    with browser.tab() as tab:
        tab.goto(url)
        assert "人工复核" in tab.eval("document.title")
        total = tab.eval(VISIBLE)
        tab.eval("(() => { const s = document.getElementById('open'); s.value = 'open';"
                 " s.dispatchEvent(new Event('change')); })()")
        with_open = tab.eval(VISIBLE)
        assert 3 <= with_open < total  # the filter keeps the applications with open items
        assert _decision(tab, "宁夏创新汇科技服务有限公司") == "需人工复核"
        for applicant in sorted(NEEDS_REVIEW):
            unit = applicant.split("-", 1)[1]
            tab.goto(url)
            tab.navigate_by(ROW.format(unit=unit) + ".querySelector('a.review-link').click()")
            assert unit in tab.eval("document.title")
            while items := tab.eval(OPEN_ITEMS):
                key, labels = items[0]
                item = "document.querySelector(" + json.dumps(f'details[data-key="{key}"]') + ")"
                tab.eval(f"{item}.open || {item}.querySelector('summary').click()")  # open it
                assert tab.eval(f"{item}.open") is True
                excerpt = tab.eval(f"Array.from({item}.querySelectorAll('blockquote')).map(b => b.textContent)")
                links = tab.eval(f"Array.from({item}.querySelectorAll('a')).map(a => a.getAttribute('href'))")
                if key.startswith(("rule:", "inconsistency:", "field:")):
                    assert excerpt and links and all(h.startswith("/applicants/") for h in links)
                choice = answer_for(labels)
                tab.eval(f"Array.from({item}.querySelectorAll('input[name=choice]')).find(i => i.value === {choice!r})"
                         ".click()")
                tab.eval(f"{item}.querySelector('textarea[name=note]').value = '核对原件<script>window.x=1</script>'")
                tab.navigate_by(f"{item}.querySelector('button[value=save]').click()")
                assert "已保存。重新预审后" in tab.eval("document.getElementById('message').textContent")
            text = tab.eval("document.body.textContent")  # settled items are folded: textContent, not innerText
            assert "核对原件<script>window.x=1</script>" in text  # escaped, shown as text
            assert tab.eval("window.x === undefined && document.scripts.length === 0") is True
        tab.goto(url)
        assert _decision(tab, "宁夏创新汇科技服务有限公司") == "不符合条件"
        assert _decision(tab, "宁夏六盘电子商务服务有限公司") == "通过初审"
        assert _decision(tab, "石嘴山市中小企业服务中心") == "通过初审"
        report = tab.report(url.rstrip("/"))
        assert report.errors == [] and report.remote_requests == []
    decided = results(out)
    assert all(decided[i].decision != Decision.needs_review for i in NEEDS_REVIEW)
    assert {r.who for rs in current_resolutions(out).values() for r in rs} == {"赵六"}
    assert {r.via for rs in current_resolutions(out).values() for r in rs} == {"web"}
    dossier = (out / "applicants" / INNOVATION / "dossier.html").read_text(encoding="utf-8")
    assert "人工核实（赵六，" in dossier  # the application's documents were made again
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "不符合条件" in index


def test_a_conclusion_can_be_withdrawn_and_the_doubt_returns(served, browser: Browser) -> None:
    out, url = served
    with browser.tab() as tab:
        tab.goto(url + "review/" + quote(INNOVATION, safe=""))
        item = "document.querySelector('details[data-key=\"rule:art6_1_total_assets\"]')"
        tab.eval(f"Array.from({item}.querySelectorAll('input[name=choice]')).find(i => i.value === '符合').click()")
        tab.navigate_by(f"{item}.querySelector('button[value=save]').click()")
        assert tab.eval("document.getElementById('decision').textContent") == "需人工复核"  # the inconsistency remains
        tab.navigate_by(f"{item}.querySelector('button[value=withdraw]').click()")
        assert "已撤销" in tab.eval("document.getElementById('message').textContent")
        history = tab.eval(f"{item}.textContent")
        assert "符合（复核网页）" in history and "撤销核实意见（复核网页）" in history
        tab.eval(f"Array.from({item}.querySelectorAll('input[name=choice]')).find(i => i.value === '符合').click()")
        tab.eval(f"{item}.querySelector('input[name=who]').value = ''")
        tab.navigate_by(f"{item}.querySelector('button[value=save]').click()")
        assert "请填写核实人" in tab.eval("document.getElementById('error').textContent")
    assert current_resolutions(out) == {}


def _request(url: str, method: str, path: str, body: str = "", headers: dict | None = None):
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request(method, path, body=body.encode(), headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def test_posts_without_the_session_token_or_from_elsewhere_are_refused(served) -> None:
    out, url = served
    page = "/review/" + quote(INNOVATION, safe="")
    response, body = _request(url, "GET", page)
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = body.decode().split('name="csrf" value="')[1].split('"')[0]
    form = "key=rule%3Aart6_1_total_assets&choice=%E7%AC%A6%E5%90%88&who=x&digests=%7B%7D&action=save"
    host = url.removeprefix("http://").rstrip("/")
    form_headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "Host": host}
    refused = [
        ({}, form + f"&csrf={token}"),  # no session cookie
        (form_headers, form),  # no token
        (form_headers, form + "&csrf=" + "0" * 64),  # another token
        ({**form_headers, "Origin": "http://evil.example"}, form + f"&csrf={token}"),  # posted by another site
        ({**form_headers, "Host": "evil.example"}, form + f"&csrf={token}"),  # a name rebound to this machine
    ]
    for headers, body_text in refused:
        response, _ = _request(url, "POST", page, body_text, headers)
        assert response.status == 403
    assert not store_path(out).exists()
    response, _ = _request(url, "POST", page, form + f"&csrf={token}", form_headers)
    assert response.status == 303
    assert len(current_resolutions(out)[INNOVATION]) == 1
    response, _ = _request(url, "GET", "/", headers={"Host": "evil.example"})
    assert response.status == 403


def test_only_files_inside_the_output_folder_are_served(served, tmp_path: Path) -> None:
    out, url = served
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    files = out / "applicants" / INNOVATION / "files"
    (files / "link.txt").symlink_to(secret)
    (files / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    store_path(out).write_bytes(b"")
    base_path = "/applicants/" + quote(INNOVATION) + "/files/"
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", base_path + "link.txt", "/" + quote(store_path(out).name),
                 "/.nx-prescreen-run.json", base_path + ".copies.json", "/applicants/", "/no-such-file"):
        response, body = _request(url, "GET", path)
        assert response.status == 404, path
        assert "机密".encode() not in body
    response, _ = _request(url, "GET", base_path + "evil.html")
    assert response.status == 200 and response.getheader("Content-Disposition") == "attachment"
    assert response.getheader("Content-Type") == "application/octet-stream"
    response, body = _request(url, "GET", base_path + quote("2025年度审计报告.pdf"))
    assert response.status == 200 and response.getheader("Content-Type") == "application/pdf" and body[:4] == b"%PDF"
    response, _ = _request(url, "GET", "/applicants/" + quote(INNOVATION) + "/dossier.html")
    assert response.status == 200 and "default-src 'none'" in response.getheader("Content-Security-Policy")
