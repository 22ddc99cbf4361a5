"""Demo photos for the media library: simple scenes drawn with Pillow, uploaded like a real
photo (so the demo site shows processed WebP variants with srcset), with alt text in en and pt."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from core.db.uow import UnitOfWork
from core.media import library

SIZE = (1600, 1000)


def _sky_and_sea(top: tuple[int, int, int], sea: tuple[int, int, int]) -> Image.Image:
    w, h = SIZE
    gradient = Image.linear_gradient("L").resize((w, h))
    img = Image.composite(Image.new("RGB", SIZE, (250, 225, 190)), Image.new("RGB", SIZE, top),
                          gradient)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, int(h * 0.62), w, h), fill=sea)
    draw.ellipse((w - 380, 140, w - 220, 300), fill=(255, 214, 120))
    return img


def _facade(resort: bool) -> Image.Image:
    img = _sky_and_sea((70, 140, 210), (30, 110, 160) if resort else (60, 90, 120))
    draw = ImageDraw.Draw(img)
    body = (240, 232, 215) if resort else (214, 170, 120)
    draw.rectangle((260, 330, 1040, 640), fill=body)
    for row in range(3):
        for col in range(6):
            x, y = 300 + col * 125, 360 + row * 90
            draw.rectangle((x, y, x + 70, y + 55), fill=(90, 130, 170))
    if resort:
        draw.rectangle((0, 620, 1600, 700), fill=(235, 210, 160))  # the beach
    return img


def _room() -> Image.Image:
    img = Image.new("RGB", SIZE, (236, 228, 214))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 700, 1600, 1000), fill=(160, 120, 90))          # floor
    draw.rectangle((980, 180, 1420, 560), fill=(140, 190, 230))        # window
    draw.rectangle((260, 520, 900, 760), fill=(250, 250, 248))         # bed
    draw.rectangle((260, 440, 900, 530), fill=(120, 80, 60))           # headboard
    draw.rectangle((300, 480, 480, 560), fill=(220, 220, 230))         # pillows
    draw.rectangle((680, 480, 860, 560), fill=(220, 220, 230))
    return img


def _pool() -> Image.Image:
    img = _sky_and_sea((90, 160, 220), (40, 160, 200))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 560, 1600, 1000), fill=(225, 220, 205))         # terrace
    draw.rounded_rectangle((200, 640, 1400, 920), radius=40, fill=(60, 190, 220))
    for x in range(260, 1400, 160):
        draw.rectangle((x, 760, x + 90, 770), fill=(150, 225, 240))    # light on the water
    return img


def _jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


def seed_images(uow: UnitOfWork, name: str, resort: bool) -> list[str]:
    """Upload the demo photos; returns their media references (facade, room, pool)."""
    photos = [
        (_facade(resort), "facade.jpg", {"en": f"{name} seen from outside",
                                         "pt": f"O {name} visto de fora"}),
        (_room(), "room.jpg", {"en": "A guest room with a double bed",
                               "pt": "Um quarto com cama de casal"}),
        (_pool(), "pool.jpg", {"en": "The pool and sun terrace",
                               "pt": "A piscina e o solário"}),
    ]
    return [library.upload_asset(uow, _jpeg(img), filename=file, alt=alt).ref
            for img, file, alt in photos]
