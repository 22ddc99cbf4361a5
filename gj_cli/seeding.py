"""`gj seed`: demo data through core.demo (the only place that knows what the demo contains)."""

from __future__ import annotations

import importlib

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

console = Console(highlight=False)


class DemoUnavailable(click.ClickException):
    pass


def _demo_module():
    try:
        return importlib.import_module("core.demo.seed")
    except ModuleNotFoundError as exc:
        if exc.name in ("core.demo", "core.demo.seed"):
            raise DemoUnavailable(
                "Demo data is not available in this checkout: core/demo/seed.py (seed_demo) "
                "does not exist yet."
            ) from None
        raise


def seed() -> object:
    module = _demo_module()
    columns = (TextColumn("Demo data"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("starting", total=1.0)

        # core.demo reports (step, fraction of the whole seed done).
        def progress(step: str, fraction: float) -> None:
            bar.update(task, completed=fraction, description=step)

        result = module.seed_demo(progress=progress)
    console.print("[green]✓[/green] Demo data is in place.")
    return result


def demo_logins() -> list[str]:
    """Lines describing the demo accounts, if core.demo publishes them."""
    try:
        module = importlib.import_module("core.demo.seed")
    except ModuleNotFoundError:
        return []
    source = getattr(module, "demo_logins", None) or getattr(module, "DEMO_LOGINS", None)
    entries = source() if callable(source) else (source or [])
    lines = []
    for entry in entries:
        lines.append(entry if isinstance(entry, str) else "  ".join(str(p) for p in entry))
    return lines


def registry_is_empty() -> bool:
    from core.tenancy.registry import list_properties

    return not list_properties()
