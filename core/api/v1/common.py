"""Shared pieces of the v1 routers: the envelopes as typed models, pagination and error docs."""

from __future__ import annotations

import math
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")
MAX_PER_PAGE = 200


class Meta(BaseModel):
    page: int
    per_page: int
    total: int
    pages: int


class Envelope(BaseModel, Generic[T]):
    """{"success": true, "data": ...}"""

    success: Literal[True] = True
    data: T


class ListEnvelope(BaseModel, Generic[T]):
    """{"success": true, "data": [...], "meta": {"page": 1, "per_page": 50, "total": 42}}"""

    success: Literal[True] = True
    data: list[T]
    meta: Meta


class Page:
    """`page` and `per_page` query parameters, and the offset/limit they mean."""

    def __init__(self, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                 per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50) -> None:
        self.page, self.per_page = page, per_page

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def envelope(self, items: list[Any], total: int) -> dict[str, Any]:
        return {"success": True, "data": items,
                "meta": {"page": self.page, "per_page": self.per_page, "total": total,
                         "pages": math.ceil(total / self.per_page) if total else 0}}

    def envelope_of_all(self, items: list[Any]) -> dict[str, Any]:
        """The envelope of this page of `items`, a whole list already in its order (for lists
        that are built in full anyway, such as the room board)."""
        return self.envelope(items[self.offset:self.offset + self.per_page], len(items))


def ok(data: Any) -> dict[str, Any]:
    return {"success": True, "data": data}


def file_response(description: str, *content_types: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` of a route that answers with a file (bytes of one of `content_types`)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": description, "content": {ct: binary for ct in content_types}}}


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_available")
    message: str = Field(description="What went wrong, for people")
    fields: dict[str, str] = Field(default_factory=dict,
                                   description="Input field → what is wrong with it")


class ErrorEnvelope(BaseModel):
    success: Literal[False] = False
    error: ErrorDetail
