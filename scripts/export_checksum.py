"""Print SHA-256 checksums of the full exports and the deadline history of the database in DATABASE_URL.

Used by scripts/production_smoke.sh to show that a pg_dump / pg_restore round trip restores the
same data: the commitment and motion CSV exports (through the views, as a visitor gets them) and
every history timestamp (to the microsecond, which a JSON dump would round).
"""

import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings_production")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from commitments.models import Commitment, DeadlineChange  # noqa: E402


def digest(chunks) -> str:
    sha = hashlib.sha256()
    for chunk in chunks:
        sha.update(chunk if isinstance(chunk, bytes) else str(chunk).encode())
    return sha.hexdigest()[:16]


client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1")
parts = []
for url in ("/toezeggingen/export.csv", "/moties/export.csv"):
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    parts.append(f"{url}={digest(response.streaming_content)}")
history = Commitment.history.order_by("history_id").values_list("history_id", "history_date", "history_change_reason")
parts.append(f"history={digest(map(repr, history))}")
changes = DeadlineChange.objects.order_by("pk").values_list("pk", "changed_at", "new_due_date", "reason")
parts.append(f"deadline_history={digest(map(repr, changes))}")
print(" ".join(parts))
