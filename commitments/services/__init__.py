"""State changes, one module per flow. Each public function is one transaction, called alike by
the admin, the rappel screens, management commands and tests.

- `closing`: closing letters added, changed or removed, and the status that follows from them;
  lapsing.
- `letters`: a received letter registered and the commitments it answers closed, at once.
- `deadlines`: a due date derived from the phrase or set by hand, always with its history entry.
- `rederivation`: the recess calendar's effect on derived dates: re-deriving many in batches
  (queued, in the background when large), writing only the rows that change.
- `motions`: a motion's course, and the obligation an adopted motion creates.
- `rappel`: the committee's decisions after a rappel.

Objects are saved one by one (never `queryset.update()`) so the change history records them,
each with the reason for the change; bulk writes (`rederivation`) write the history rows in
bulk with them.
"""
