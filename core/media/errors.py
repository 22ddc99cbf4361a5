"""Upload errors, each with a stable code."""

from __future__ import annotations

from core.errors import NotFound, ValidationFailed


class FileTooLarge(ValidationFailed):
    code = "file_too_large"
    http_status = 413


class UnsupportedFileType(ValidationFailed):
    code = "unsupported_file_type"
    http_status = 415


class MediaNotFound(NotFound):
    code = "media_not_found"
