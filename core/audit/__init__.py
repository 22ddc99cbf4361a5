"""The audit log: `record()` an action in the caller's unit of work, `query()` it with filters."""

from core.audit.log import AuditPage, query, record

__all__ = ["AuditPage", "query", "record"]
