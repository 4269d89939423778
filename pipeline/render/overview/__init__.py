"""The batch overview: index.html (overview.py), its rows (batch.py) and summary.xlsx (sheet.py)."""
