"""Shared values of the web tests' office (the fixture itself is in conftest.py)."""

PASSWORD = "correct-horse-battery"
XSS = "<script>alert(1)</script>"
