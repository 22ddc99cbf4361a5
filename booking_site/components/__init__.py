"""Booking-site components shared by its pages (no state of their own)."""
