"""Booking-site content: pages of ordered blocks, per-locale drafts, published versions, rollback."""
