"""Generator of realistic, deterministic sample application packages.

Run ``python -m samplegen [OUT_DIR]``. Builders (``report_docx``, ``recommend_docx``,
``pdf_audit``, ``pdf_docs``, ``lists_xlsx``) are reusable with different wording,
units and table shapes; ``cases`` holds the sample applications and their ground truth.
"""

AS_OF = "2026-04-30"
