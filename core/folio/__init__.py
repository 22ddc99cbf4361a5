"""Folios: the append-only guest and company ledger, routing, deposits, invoices and the city ledger."""

from core.folio import hooks as _hooks  # noqa: F401  (check-out refuses an open balance)
