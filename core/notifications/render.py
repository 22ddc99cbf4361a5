"""Rendering guest messages: built-in or property templates, in the guest's language, branded.

Templates are rendered in Jinja's sandbox because property staff can edit their own wording:
a template can format the context, never reach into Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from core.errors import ValidationFailed

TEMPLATE_DIR = Path(__file__).parent / "templates"
LANGUAGES = ("en", "pt", "de")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Rendered:
    language: str
    subject: str
    text: str
    html: str


@lru_cache(maxsize=1)
def _files() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(str(TEMPLATE_DIR)),
                                autoescape=select_autoescape(["html"]),
                                keep_trailing_newline=True)


def _strings(autoescape: bool) -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined)


def pick_language(wanted: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The guest's language if we have templates for it ("pt-BR" → "pt"), else the default."""
    for candidate in (wanted, default):
        base = (candidate or "").replace("_", "-").split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return DEFAULT_LANGUAGE


def _split(rendered: str) -> tuple[str, str]:
    """Built-in .txt templates: the first line is the subject, the rest is the body."""
    subject, _, body = rendered.partition("\n")
    return subject.strip(), body.strip() + "\n"


def check_template(subject: str, body_text: str, body_html: str | None) -> None:
    """Refuse a property template that does not compile, naming the field."""
    for field, source in (("subject", subject), ("body_text", body_text), ("body_html", body_html)):
        if source is None:
            continue
        try:
            _strings(field == "body_html").from_string(source)
        except TemplateError as exc:
            raise ValidationFailed(f"The template's {field} does not compile: {exc}",
                                   fields={field: str(exc)[:200]}, code="invalid_template") from None


def render(kind: str, language: str, context: dict[str, Any], *,
           override: Any | None = None) -> Rendered:
    """Render a message; `override` is a MessageTemplate row of the property, if it has one."""
    ctx = {**context, "language": language}
    if override is not None:
        subject = _strings(False).from_string(override.subject).render(ctx).strip()
        text = _strings(False).from_string(override.body_text).render(ctx)
        html = (_strings(True).from_string(override.body_html).render(ctx)
                if override.body_html else None)
    else:
        subject, text = _split(_files().get_template(f"{language}/{kind}.txt").render(ctx))
        html = None
    if html is None:
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        html = _files().get_template("layout.html").render(
            {**ctx, "subject": subject, "paragraphs": paragraphs,
             "link_label": context.get("link_label", "")})
    return Rendered(language, subject, text, html)
