"""Website section media state: uploads are checked by core (not by rx.upload's browser-side
limits), the picker puts a library image into a gallery, the preview gets its srcset, and a
published image cannot be deleted."""

from __future__ import annotations

import asyncio
import io
import uuid
from pathlib import Path

import pytest
from PIL import Image
from pms_support import PASSWORD, make_state, run, sign_in

from pms_app.state.website import WebsiteState


def _upload(data: bytes, name: str):
    import reflex as rx

    return rx.UploadFile(file=io.BytesIO(data), path=Path(name), size=len(data))


def _jpeg(size=(1000, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def marketing(module_tenant) -> str:
    from core.actor import Actor
    from core.db.uow import control_uow
    from core.identity.chain_settings import update_security
    from core.identity.grants import ensure_user

    pid = module_tenant.make_property("Media State Hotel")
    with control_uow(Actor.system("test")) as uow:
        update_security(uow, module_tenant.chain_id, mfa_required_roles=[])
        uow.commit()
    email = f"marketing.{uuid.uuid4().hex[:6]}@media.example"
    ensure_user(email, "Mo Marketing", PASSWORD, [("marketing", pid, None)],
                chain_id=module_tenant.chain_id)
    return sign_in(email, pid)


def test_upload_pick_preview_publish_and_refused_delete(marketing):
    state = make_state(WebsiteState, marketing)
    run(WebsiteState.load, state)
    assert state.error == "" and state.media == []

    asyncio.run(run(WebsiteState.upload_media, state, [_upload(b"<svg onload='x'/>", "a.jpg")]))
    assert state.error.startswith("a.jpg: ") and "SVG" in state.error
    assert "file" in state.field_errors and state.media == []

    asyncio.run(run(WebsiteState.upload_media, state, [_upload(_jpeg(), "sea.jpg")]))
    assert state.error == "" and state.media_notice == "1 image(s) added to the media library."
    [card] = state.media
    assert (card["name"], card["size"], card["variants"]) == ("sea.jpg", "1000 × 600",
                                                              "480, 960, 1000")
    run(WebsiteState.set_media_alt, state, card["id"], "en", "The sea")
    assert state.media[0]["alt_en"] == "The sea"

    run(WebsiteState.create_page, state, {"slug": "sea", "kind": "custom", "title": "Sea"})
    run(WebsiteState.add_block, state, "gallery")
    run(WebsiteState.open_picker, state, 0, "images")
    assert state.picker_open
    run(WebsiteState.pick_media, state, card["ref"])
    assert not state.picker_open
    images = next(f for f in state.blocks[0]["fields"] if f["name"] == "images")
    assert images["value"] == f"{card['ref']} | "
    [item] = state.preview[0]["items"]
    assert item["srcset"].endswith("1000w") and item["title"] == "The sea"
    assert item["width"] == "1000" and item["height"] == "600"

    run(WebsiteState.publish, state)
    assert state.notice.startswith("Published as version 1"), state.error
    run(WebsiteState.delete_media, state, card["id"])
    assert "'Sea' (sea)" in state.error and len(state.media) == 1
