"""Folios: the append-only guest and company ledger, routing, deposits, invoices and the city ledger."""
