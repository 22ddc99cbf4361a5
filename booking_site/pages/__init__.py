"""Booking site pages (UI only; data comes from the states in booking_site.state)."""
