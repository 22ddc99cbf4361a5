"""An out-of-order period is bounded: a typo of a year 3026 end date is refused, not executed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.db.uow import property_uow
from core.errors import ValidationFailed
from core.inventory.rooms import MAX_OUT_OF_ORDER_NIGHTS, mark_out_of_order
from core.properties.services import create_room, create_room_type


def test_an_out_of_order_period_longer_than_a_year_is_refused(property_id):
    with property_uow(property_id) as uow:
        rt = create_room_type(uow, {"code": "STD", "name": "Standard"})
        room = create_room(uow, {"number": "101", "room_type_id": rt.id})
        uow.commit()
    start = date.today() + timedelta(days=1)
    with property_uow(property_id) as uow, pytest.raises(ValidationFailed) as err:
        mark_out_of_order(uow, room.id, start, start.replace(year=start.year + 1000), "Leak")
    assert "end" in err.value.fields
    with property_uow(property_id) as uow:
        ok = mark_out_of_order(uow, room.id, start,
                               start + timedelta(days=MAX_OUT_OF_ORDER_NIGHTS), "Renovation")
        uow.commit()
    assert ok.room_id == room.id
