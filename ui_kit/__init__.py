"""Shared Reflex UI for the three apps: one theme, the page shell and small reusable components."""

from __future__ import annotations

import importlib

# Resolved lazily so rxconfig.py can import ui_kit.theme without pulling in the API and core.
_EXPORTS = {
    "PRODUCT_NAME": "ui_kit.theme",
    "THEME": "ui_kit.theme",
    "card": "ui_kit.components",
    "empty_state": "ui_kit.components",
    "error_callout": "ui_kit.components",
    "status_badge": "ui_kit.components",
    "page_shell": "ui_kit.layout",
    "create_app": "ui_kit.app",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'ui_kit' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
