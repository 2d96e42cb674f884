"""The unsubscribe link's token: the subscription's id, signed with SECRET_KEY (no expiry)."""

from django.core import signing

SALT = "commitments.subscriptions.unsubscribe"


def unsubscribe_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=SALT)


def subscription_id(token: str) -> int | None:
    """The subscription id in `token`, or None when the token is not one we signed."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
