"""CMS errors, each with a stable code."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class PageNotFound(NotFound):
    code = "cms_page_not_found"


class VersionNotFound(NotFound):
    code = "cms_version_not_found"


class InvalidContent(ValidationFailed):
    code = "cms_invalid_content"


class PageExists(Conflict):
    code = "cms_page_exists"


class NothingToPublish(Conflict):
    code = "cms_nothing_to_publish"
