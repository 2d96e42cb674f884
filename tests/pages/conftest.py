"""The Chromium set-up of tests/test_browser.py (browser, page, data), shared with these tests."""

from tests.test_browser import browser, data, page  # noqa: F401 - fixtures
