"""Reservations: bookings of one or more rooms, their life cycle, room assignment and waitlist."""
