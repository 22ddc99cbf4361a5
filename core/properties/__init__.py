"""Property setup: settings, room types, rooms, taxes and fees, policies."""

from core.properties import hooks as _hooks  # noqa: F401  (registers the provisioning hook)
