"""The registry of rounds and certified platforms (Articles 12–19), and the cross-year
checks a run makes against it.

Light on import: the rules model (rules.py) is read by the ruleset loader and the
checks (checks.py) by the runner; the database layer (db.py, api.py) loads SQLAlchemy
only when a registry is opened.
"""
