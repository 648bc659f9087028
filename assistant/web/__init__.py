"""The FastAPI app for staff and reviewers (thin layer over the services)."""

from .app import create_app

__all__ = ["create_app"]
