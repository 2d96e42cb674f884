"""The domain, one module per concern; querysets sit beside their models.

- `choices`: the vocabulary (statuses, kinds, chambers, precision, anchors).
- `people`: parties, persons, ministries, committees, offices.
- `papers`: dossiers, document series, documents, activities.
- `motions`: motions, their signers, their course and the votes.
- `opendata`: where a record came from in the Kamer's open data, and the sync's state.
- `commitment`: commitments, recipients, relations, closing letters, the deadline history.
- `calendar`: the recess calendar.
- `subscriptions`: followed commitments, subscriptions to a selection, digests sent.
- `figures`: each commitment with its fulfilment date (a view the dashboard's figures count).
- `dataversion`: one value every write to the data changes (kept by database triggers).
- `exports`: the temporary tables one CSV export fills and joins (citations, labels).

Field names follow the Tweede Kamer's open data where one exists. State changes live in
`commitments.services`, reads for pages in `commitments.selectors`.
"""

from .calendar import DeadlineRederivation, Recess
from .choices import (
    PLENARY,
    ActivityKind,
    Anchor,
    Chamber,
    CitationKind,
    CommitmentKind,
    CommitmentStatus,
    DeadlineSource,
    DigestFrequency,
    DocumentKind,
    Fulfilment,
    KabinetsAppreciatie,
    MotionStatus,
    OfficeFunction,
    Precision,
    RappelOutcome,
    RecessConfidence,
    RelationKind,
    SignerRole,
    SubscriptionKind,
    VoteChoice,
)
from .commitment import (
    ON_TIME_DEFINITION,
    ROW_RELATIONS,
    SOONEST_DUE_FIRST,
    SOONEST_DUE_FIRST_SORTED,
    Closure,
    Commitment,
    CommitmentQuerySet,
    CommitmentRecipient,
    CommitmentRelation,
    DeadlineChange,
    Scorecard,
    closure_date_error,
    days_late_expression,
    lateness_in_words,
    overdue_q,
)
from .dataversion import DataVersion
from .exports import EXPORT_TABLES, ExportCitation, ExportLetters, ExportRecipients, ExportSigners
from .figures import CommitmentFigures
from .motions import Motion, MotionQuerySet, MotionSigner, MotionStatusChange, Vote, VoteQuerySet
from .opendata import AgendaItem, FromOpenData, SyncConflict, SyncState
from .papers import CITATION_FIELDS, Activity, Document, DocumentQuerySet, DocumentSeries, Dossier, document_citation
from .people import Committee, Ministry, Office, OfficeQuerySet, Party, Person, held_on_q
from .search import CommitmentSearch, MotionSearch
from .subscriptions import DigestDelivery, Follow, Subscription

__all__ = [
    "CITATION_FIELDS",
    "EXPORT_TABLES",
    "PLENARY",
    "ROW_RELATIONS",
    "SOONEST_DUE_FIRST",
    "SOONEST_DUE_FIRST_SORTED",
    "Activity",
    "AgendaItem",
    "ActivityKind",
    "Anchor",
    "Chamber",
    "CitationKind",
    "Closure",
    "Commitment",
    "CommitmentFigures",
    "CommitmentKind",
    "CommitmentQuerySet",
    "CommitmentRecipient",
    "CommitmentRelation",
    "CommitmentSearch",
    "MotionSearch",
    "CommitmentStatus",
    "Committee",
    "DataVersion",
    "DeadlineChange",
    "ExportCitation",
    "ExportLetters",
    "ExportRecipients",
    "ExportSigners",
    "DeadlineRederivation",
    "DeadlineSource",
    "DigestDelivery",
    "DigestFrequency",
    "Document",
    "DocumentKind",
    "DocumentQuerySet",
    "DocumentSeries",
    "Dossier",
    "Follow",
    "FromOpenData",
    "Fulfilment",
    "KabinetsAppreciatie",
    "Ministry",
    "Motion",
    "MotionQuerySet",
    "MotionSigner",
    "MotionStatus",
    "MotionStatusChange",
    "Office",
    "OfficeFunction",
    "OfficeQuerySet",
    "ON_TIME_DEFINITION",
    "Scorecard",
    "lateness_in_words",
    "Party",
    "Person",
    "Precision",
    "RappelOutcome",
    "Recess",
    "RecessConfidence",
    "RelationKind",
    "SignerRole",
    "Subscription",
    "SubscriptionKind",
    "SyncConflict",
    "SyncState",
    "Vote",
    "VoteChoice",
    "VoteQuerySet",
    "closure_date_error",
    "days_late_expression",
    "document_citation",
    "held_on_q",
    "overdue_q",
]
