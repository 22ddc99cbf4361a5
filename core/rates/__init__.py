"""Rates: rate plans, per-date prices and restrictions, promo codes, and pricing of stays."""
