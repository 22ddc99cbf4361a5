"""Identity errors. Sign-in failures are deliberately vague: they never say which part was wrong."""

from __future__ import annotations

from core.errors import Conflict, DomainError, NotAuthenticated, NotFound, ValidationFailed

GENERIC_LOGIN_MESSAGE = "The email or password is not correct."


class InvalidCredentials(NotAuthenticated):
    code = "invalid_credentials"

    def __init__(self, message: str = GENERIC_LOGIN_MESSAGE, **kwargs):
        super().__init__(message, **kwargs)


class TooManyAttempts(DomainError):
    code = "too_many_attempts"
    http_status = 429

    def __init__(self, retry_after: int):
        super().__init__("Too many failed sign-in attempts. Try again later.")
        self.retry_after = retry_after


class InvalidToken(NotAuthenticated):
    """Expired, tampered, revoked or unknown token or session."""

    code = "invalid_token"

    def __init__(self, message: str = "Your sign-in has expired. Please sign in again.", **kw):
        super().__init__(message, **kw)


class RefreshTokenReused(NotAuthenticated):
    code = "refresh_token_reused"

    def __init__(self):
        super().__init__("This sign-in was ended for safety. Please sign in again.")


class InvalidMfaCode(NotAuthenticated):
    code = "invalid_mfa_code"

    def __init__(self):
        super().__init__("The code is not correct or was already used.",
                         fields={"code": "not correct or already used"})


class MfaRequired(NotAuthenticated):
    code = "mfa_required"


class WeakPassword(ValidationFailed):
    code = "weak_password"


class UserNotFound(NotFound):
    code = "user_not_found"

    def __init__(self):
        super().__init__("User not found.", fields={"user_id": "no such user"})


class DuplicateUser(Conflict):
    code = "user_exists"

    def __init__(self):
        super().__init__("A user with this email already exists.",
                         fields={"email": "already in use"})
