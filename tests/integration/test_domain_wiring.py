"""Cross-domain rules are in force in any process, whatever it happened to import."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_opening_a_property_unit_of_work_loads_every_check_out_rule(tmp_path):
    # A fresh interpreter that imports only the reservations engine and the unit of work.
    code = textwrap.dedent(f"""
        import os, uuid
        os.environ["GJ_DATA_DIR"] = {str(tmp_path)!r}
        from core.reservations import lifecycle
        from core.db import uow
        try:
            uow.property_uow(uuid.uuid4())
        except Exception:
            pass  # no such property: what matters is what got loaded
        names = sorted(g.__module__ for g in lifecycle._check_out_guards)
        print(",".join(names))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    loaded = out.stdout.strip().split(",")
    assert "core.folio.hooks" in loaded
    assert "core.housekeeping.hooks" in loaded
