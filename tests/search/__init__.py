"""Search: one definition (CommitmentQuerySet.search), on PostgreSQL and SQLite."""
