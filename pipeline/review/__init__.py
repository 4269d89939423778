"""The clerk's review loop: flagged items resolved once by a person, kept, and applied on every run.

- `store`: the append-only review store in the output folder (SQLite, versioned schema);
- `items`: the items of a result a person can settle (open, resolved, stale);
- `apply`: the review stage, applying the current resolutions before the checks;
- `resolve`: a person's answer checked and turned into a resolution (shared by both ways in);
- `sheet`: 复核清单.xlsx, exported and imported; `server`: the local review page (`serve`);
- `runinfo`: the last run's parameters, so either way in can run the pre-screen again.
"""
