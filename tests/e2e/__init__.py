"""Browser tests: the apps run for real and Chromium drives them (marked e2e)."""
