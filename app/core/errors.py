"""Typed domain errors: services raise these, one handler renders them."""

from typing import Any

from pydantic import BaseModel


class ErrorBody(BaseModel):
    """The JSON body of every error response."""

    code: str
    message: str
    field: str | None = None
    details: list[dict[str, Any]] | None = None


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.headers = headers

    def body(self) -> ErrorBody:
        return ErrorBody(code=self.code, message=self.message, field=self.field)


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class CsrfFailed(Forbidden):
    code = "csrf_failed"


class RulesAgreementRequired(Forbidden):
    code = "rules_agreement_required"


class Suspended(Forbidden):
    """The member is suspended: they can read and message the moderator team, nothing else."""

    code = "suspended"


class PostingPaused(Forbidden):
    """Reports piled up on the member's words outside moderation hours: no posting until reviewed."""

    code = "posting_paused"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"


class Invalid(AppError):
    """A value that passed the schema but breaks a domain rule (a taken pseudonym, a weak password)."""

    status_code = 422
    code = "invalid"


class RateLimited(AppError):
    status_code = 429
    code = "rate_limited"


class InternalError(AppError):
    status_code = 500
    code = "internal_error"


def error_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the errors a route can answer."""
    docs: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        described = docs.setdefault(error.status_code, {"model": ErrorBody, "description": ""})
        described["description"] = ", ".join(filter(None, [described["description"], error.code]))
    return docs
