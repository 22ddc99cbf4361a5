"""Booking-site e2e helpers: the guest's details and localstripe's card field on the book page."""

from __future__ import annotations


def fill_guest(page, last: str, email: str, first: str = "Teresa") -> None:
    page.fill("#guest-first_name", first)
    page.fill("#guest-last_name", last)
    page.fill("#guest-email", email)


def fill_card(page, number: str) -> None:
    """localstripe's Stripe.js stand-in renders plain inputs inside the card element."""
    field = page.locator("#card-element")
    field.locator("input[placeholder=number]").fill(number)
    field.locator("input[placeholder=exp_month]").fill("12")
    field.locator("input[placeholder=exp_year]").fill("30")
    field.locator("input[placeholder=cvc]").fill("123")
    field.locator("input[placeholder=postal_code]").fill("1100")
