"""Small helpers every service uses to write a record: who did it, and why."""


def clip(text: str, length: int) -> str:
    """`text` on one line, cut to `length` characters with an ellipsis (stored reasons are bounded)."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def acting_user(user):
    """The user to record as author, or None for anonymous requests and scripts."""
    return user if user is not None and user.is_authenticated else None


def save_with_reason(instance, reason: str) -> None:
    """Save `instance` with `reason` as its change-history reason (django-simple-history)."""
    instance._change_reason = clip(reason, 100)
    instance.save()
