"""Night-audit errors with stable codes."""

from __future__ import annotations

from core.errors import Conflict, NotFound


class WrongBusinessDate(Conflict):
    code = "wrong_business_date"


class ReportNotFound(NotFound):
    code = "report_not_found"
