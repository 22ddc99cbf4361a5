"""The `gj` command line: set up, build, migrate, seed, run and test Guest Journey."""
