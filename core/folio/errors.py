"""Folio errors, each with a stable code the apps and the API branch on."""

from __future__ import annotations

from core.errors import Conflict, NotFound, ValidationFailed


class FolioNotFound(NotFound):
    code = "folio_not_found"


class PostingNotFound(NotFound):
    code = "posting_not_found"


class FolioClosed(Conflict):
    code = "folio_closed"


class CurrencyMismatch(ValidationFailed):
    code = "currency_mismatch"


class InvalidAmount(ValidationFailed):
    code = "invalid_amount"


class CardNumberRefused(ValidationFailed):
    """A free-text field holds what looks like a card number; we never store one."""

    code = "card_number_refused"


class AlreadyReversed(Conflict):
    code = "posting_already_reversed"


class OpenBalance(Conflict):
    """Check-out or invoicing needs a zero balance (or a transfer to the city ledger)."""

    code = "folio_open_balance"


class InvoiceImmutable(Conflict):
    code = "invoice_immutable"


class InvoiceNotFound(NotFound):
    code = "invoice_not_found"


class AlreadyCredited(Conflict):
    code = "invoice_already_credited"


class AccountNotFound(NotFound):
    code = "city_ledger_account_not_found"


class CreditLimitExceeded(Conflict):
    code = "credit_limit_exceeded"


class DepositNotFound(NotFound):
    code = "deposit_not_found"
