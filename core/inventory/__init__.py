"""Inventory: per room type per night, how many rooms can still be sold, kept exact by every change."""
