"""The HTTP service and the officer's page: ``sharegov serve FILE`` (the ``http`` extra).

One Starlette application serves one arrangement file: a JSON API for apps in any
language (:mod:`sharegov.serve.api`) and a server-rendered page for democratic services
officers (:mod:`sharegov.serve.page`). Starlette, uvicorn and Jinja2 load only here, and a
missing extra says which to install.
"""

from __future__ import annotations

from sharegov.serve.app import Service, create_app

__all__ = ["Service", "create_app"]
