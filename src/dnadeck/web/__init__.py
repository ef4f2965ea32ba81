"""dnadeck's web page for facilitators, and the same as an HTTP API.

``create_app()`` gives the ASGI app (Starlette); ``serve()`` runs it with
Hypercorn, as ``dnadeck serve`` does.
"""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
