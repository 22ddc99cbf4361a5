"""Upload errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class FileTooLarge(ValidationFailed):
    code = "file_too_large"
    http_status = 413


class UnsupportedFileType(ValidationFailed):
    code = "unsupported_file_type"
    http_status = 415


class MediaNotFound(NotFound):
    code = "media_not_found"


class MediaInUse(Conflict):
    code = "media_in_use"


class InvalidAltText(ValidationFailed):
    code = "media_invalid_alt"
