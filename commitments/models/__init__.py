"""The domain, one module per concern; querysets sit beside their models.

- `choices`: the vocabulary (statuses, kinds, chambers, precision, anchors).
- `people`: parties, persons, ministries, committees, offices.
- `papers`: dossiers, document series, documents, activities.
- `motions`: motions, their signers, their course and the votes.
- `opendata`: where a record came from in the Kamer's open data, and the sync's state.
- `commitment`: commitments, recipients, relations, closing letters, the deadline history.
- `calendar`: the recess calendar.
- `subscriptions`: followed commitments, subscriptions to a selection, digests sent.

Field names follow the Tweede Kamer's open data where one exists. State changes live in
`commitments.services`, reads for pages in `commitments.selectors`.
"""

from .calendar import Recess
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
    Closure,
    Commitment,
    CommitmentQuerySet,
    CommitmentRecipient,
    CommitmentRelation,
    DeadlineChange,
    Scorecard,
    closure_date_error,
    lateness_in_words,
    overdue_q,
)
from .motions import Motion, MotionQuerySet, MotionSigner, MotionStatusChange, Vote, VoteQuerySet
from .opendata import AgendaItem, FromOpenData, SyncConflict, SyncState
from .papers import CITATION_FIELDS, Activity, Document, DocumentQuerySet, DocumentSeries, Dossier, document_citation
from .people import Committee, Ministry, Office, OfficeQuerySet, Party, Person, held_on_q
from .search import CommitmentSearch
from .subscriptions import DigestDelivery, Follow, Subscription

__all__ = [
    "CITATION_FIELDS",
    "PLENARY",
    "ROW_RELATIONS",
    "Activity",
    "AgendaItem",
    "ActivityKind",
    "Anchor",
    "Chamber",
    "CitationKind",
    "Closure",
    "Commitment",
    "CommitmentKind",
    "CommitmentQuerySet",
    "CommitmentRecipient",
    "CommitmentRelation",
    "CommitmentSearch",
    "CommitmentStatus",
    "Committee",
    "DeadlineChange",
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
    "document_citation",
    "held_on_q",
    "overdue_q",
]
