"""Small helpers every service uses to write a record: who did it, and why."""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

# Who acts: a signed-in user, an anonymous request, or nobody (a script).
Actor = User | AnonymousUser | None


def max_length(model: type[models.Model], field: str) -> int:
    """The declared max_length of a text field (stored texts are clipped to it)."""
    length = model._meta.get_field(field).max_length  # type: ignore[union-attr]
    assert length is not None, f"{model.__name__}.{field} has no max_length"
    return length


def clip(text: str, length: int) -> str:
    """`text` on one line, cut to `length` characters with an ellipsis (stored reasons are bounded)."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def acting_user(user: Actor) -> User | None:
    """The user to record as author, or None for anonymous requests and scripts."""
    return user if isinstance(user, User) and user.is_authenticated else None


def save_with_reason(instance: Any, reason: str, *, user: Actor = None) -> None:
    """Save `instance` with `reason` as its change-history reason (django-simple-history).

    `user` is recorded as the author when given (scripts have no request to take it from).
    """
    instance._change_reason = clip(reason, 100)
    if acting_user(user) is not None:
        instance._history_user = user
    instance.save()


def delete_with_reason(instance: Any, reason: str, *, user: Actor = None) -> None:
    """Delete `instance`, with `reason` (and `user`) on the history row that records it."""
    instance._change_reason = clip(reason, 100)
    if acting_user(user) is not None:
        instance._history_user = user
    instance.delete()
