"""PMS pages (UI only; data comes from the states in pms_app.state)."""
