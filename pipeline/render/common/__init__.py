"""Machinery every document shares: settings and labels (config.py), value formatting
(formatting.py), texts drawn from a result (texts.py), people's wording (wording.py), Word templates (word.py) and OOXML
packages (ooxml.py), HTML (web.py, compiled.py), PDF by LibreOffice (pdf.py), copies of the
applicant's files (sources.py), folder names (dirnames.py) and freshness stamps (stamps.py)."""
