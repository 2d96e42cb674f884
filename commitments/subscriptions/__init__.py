"""Subscriptions: following commitments, digests by e-mail of a list selection, unsubscribing.

- `forms`: a selection is the list's query string, validated by the list's FilterSet.
- `digest`: which digests are due, their content (plain text and HTML, in Dutch) and sending,
  at most once per period (`send_digests`, run by the management command of the same name).
- `tokens`: the signed token of the unsubscribe link (works without signing in).
- `views`: follow buttons, the subscriptions page, subscribe, unsubscribe.
"""
