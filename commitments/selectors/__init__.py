"""Reads, one module per audience; the rules they combine live on the models' querysets.

- `pages`: the public pages (dashboard, list rows, detail pages, bodies).
- `rappel`: the half-yearly rappel lists per ministry.
- `waiting`: commitments whose deadline waits for a paper of a series.
- `calendar`: the recess calendar the deadline engine reads.
"""
