"""Render stage: the checklist, the expert dossier and the batch overview.

Public API:
- app_dirname(applicant_id) / unique_dirnames(ids): folder names under OUT/applicants/;
- render_application(result, app_dir): dossier.html, dossier.docx, checklist.docx;
- render_batch(results, out, dirnames, loose_files, batch_problems): summary.xlsx, index.html;
- mask_personal(text): the masking applied to everything experts see (from pipeline.privacy).

Where things are: notice/ (补正通知, 公示), dossier/, overview/ (index.html, summary.xlsx),
common/ (Word, HTML, PDF and formatting machinery), templates/.

The names are imported on first use: a re-run that finds every application's documents
current never loads the Word, Excel and HTML machinery.
"""

from __future__ import annotations

from importlib import import_module

_API = {
    "app_dirname": ".common.dirnames",
    "unique_dirnames": ".common.dirnames",
    "render_application": ".documents",
    "render_batch": ".overview.overview",
    "write_overview": ".overview.overview",
    "mask_personal": "..privacy.mask",
    "checklist_context": ".notice.checklist",
    "dossier_context": ".dossier.dossier",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_API[name], __name__), name)
