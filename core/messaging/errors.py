"""Chat errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class ChannelNotFound(NotFound):
    code = "channel_not_found"


class InvalidChannel(ValidationFailed):
    code = "invalid_channel"


class InvalidMessage(ValidationFailed):
    code = "invalid_message"


class ChannelArchived(Conflict):
    code = "channel_archived"


class ChannelNameTaken(Conflict):
    code = "channel_name_taken"
