"""Block errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class BlockNotFound(NotFound):
    code = "block_not_found"


class InvalidBlock(ValidationFailed):
    code = "invalid_block"


class BlockFull(Conflict):
    """The block has no unpicked room of that type on some night of the stay."""

    code = "block_full"


class BlockClosed(Conflict):
    code = "block_closed"
