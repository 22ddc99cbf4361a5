"""Guest details: a name and an email or phone, each bad field named."""

from __future__ import annotations

import pytest

from core.errors import ValidationFailed
from core.guests.rules import clean_guest
from core.guests.schemas import GuestCreate


def test_details_are_trimmed_and_the_email_lower_cased():
    clean = clean_guest(GuestCreate(first_name=" Ana ", last_name=" Silva ",
                                    email=" Ana@Example.COM "))
    assert (clean.first_name, clean.last_name, clean.email) == ("Ana", "Silva", "ana@example.com")


def test_a_phone_is_enough_to_book():
    assert clean_guest(GuestCreate(last_name="Silva", phone="+351 912 345 678")).phone


def test_missing_contact_and_bad_fields_are_all_named():
    with pytest.raises(ValidationFailed) as err:
        clean_guest(GuestCreate(last_name=" "))
    assert set(err.value.fields) == {"last_name", "email"}
    with pytest.raises(ValidationFailed) as err:
        clean_guest(GuestCreate(last_name="Silva", email="not-an-email", phone="call me"))
    assert set(err.value.fields) == {"email", "phone"} and err.value.code == "invalid_guest"
