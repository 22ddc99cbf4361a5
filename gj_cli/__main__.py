"""`python -m gj_cli` is the same as the `gj` command (used for child processes)."""

from gj_cli.cli import main

main()
