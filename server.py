"""ASGI entry point: `uvicorn server:app`."""

from assistant.web import create_app

app = create_app()
