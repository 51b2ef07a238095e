"""HTTP views on the worker's web server (faust's): liveness and Prometheus metrics."""

from __future__ import annotations

from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest


def register_views(app: faust.App) -> None:
    @app.page("/health")
    async def health(web: Any, request: Any) -> Any:
        """Liveness: the worker's event loop answers."""
        return web.json({"status": "ok"})

    @app.page("/metrics")
    async def metrics(web: Any, request: Any) -> Any:
        # The exposition content type carries a charset, which aiohttp refuses as `content_type`.
        return web.bytes(generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})
