"""Folder names for applicant ids: safe everywhere, Chinese kept, collisions resolved."""

from __future__ import annotations

import pytest

from pipeline.render import app_dirname, unique_dirnames


@pytest.mark.parametrize(
    ("applicant_id", "expected"),
    [
        ("银川-宁夏某某科技有限公司", "银川-宁夏某某科技有限公司"),
        ("a/b\\c", "a_b_c"),
        ('名称:*?"<>|', "名称_______"),
        ("tab\there\n", "tab_here_"),
        ("  .隐藏.  ", "隐藏"),
        ("..", "_"),
        ("", "_"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("CONSOLE", "CONSOLE"),
    ],
)
def test_app_dirname(applicant_id: str, expected: str) -> None:
    assert app_dirname(applicant_id) == expected


def test_long_names_are_capped_by_characters_and_bytes() -> None:
    name = app_dirname("宁" * 500)
    assert 0 < len(name) <= 80
    assert len(name.encode("utf-8")) <= 180
    assert len(app_dirname("x" * 500)) <= 80


def test_unique_dirnames_resolves_collisions() -> None:
    ids = ["a/b", "a:b", "Abc", "abc", "银川-甲公司", "a/b"]
    names = unique_dirnames(ids)
    assert set(names) == set(ids)
    assert names["a/b"] == "a_b"
    assert names["银川-甲公司"] == "银川-甲公司"
    folded = [n.casefold() for n in names.values()]
    assert len(folded) == len(set(folded))
    assert names == unique_dirnames(ids)  # deterministic
