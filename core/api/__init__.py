"""HTTP surface mounted into each Reflex app: operations endpoints now, REST + SSE as features land."""

from core.api.app import create_api

__all__ = ["create_api"]
