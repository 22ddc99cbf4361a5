"""Booking-site CMS blocks (flat shape, see core.site.content): the site and the PMS preview."""

from __future__ import annotations

import reflex as rx


def _items(block: rx.Var) -> rx.Var:
    return block["items"].to(list[dict[str, str]])


def _heading(block: rx.Var) -> rx.Component:
    return rx.cond(block["heading"] != "", rx.heading(block["heading"], size="6", as_="h2"))


def picture(src: rx.Var, srcset: rx.Var, sizes: rx.Var, intrinsic: tuple[rx.Var, rx.Var],
            alt: rx.Var, *, lazy: bool, style: dict) -> rx.Component:
    """An <img> that lets the browser pick a library variant (srcset/sizes) and reserves its
    space (width/height) before it loads; plain image addresses have no srcset or size."""
    return rx.el.img(
        src=src, src_set=srcset, sizes=sizes, alt=alt, loading="lazy" if lazy else "eager",
        decoding="async",
        custom_attrs={"width": intrinsic[0], "height": intrinsic[1],
                      "fetchPriority": "low" if lazy else "high"},
        style={"display": "block", "objectFit": "cover", **style},
    )


def hero(block: rx.Var) -> rx.Component:
    # The hero is the first thing on a page: its image loads at once, not lazily.
    image = picture(block["image"], block["image_srcset"], block["image_sizes"],
                    (block["image_width"], block["image_height"]), block["image_alt"],
                    lazy=False, style={"position": "absolute", "inset": "0", "width": "100%",
                                       "height": "100%"})
    return rx.box(
        rx.cond(block["image"] != "", image),
        rx.vstack(
            rx.heading(block["heading"], size="8", as_="h1", color="white"),
            rx.cond(block["subheading"] != "", rx.text(block["subheading"], size="4", color="white")),
            rx.cond(block["label"] != "",
                    rx.link(rx.button(block["label"], size="3"), href=block["href"])),
            spacing="3", padding="2rem", max_width="700px", position="relative",
            style={"textShadow": "0 1px 4px rgba(0,0,0,.55)"},
        ),
        background_color=rx.color("teal", 9), border_radius="12px", width="100%",
        min_height="260px", display="flex", align_items="end", position="relative",
        overflow="hidden", class_name="block-hero",
    )


def text(block: rx.Var) -> rx.Component:
    return rx.box(rx.markdown(block["markdown"].to(str)), class_name="block-text", width="100%")


def gallery(block: rx.Var) -> rx.Component:
    return rx.vstack(
        _heading(block),
        rx.grid(rx.foreach(_items(block), lambda i: picture(
            i["src"], i["srcset"], i["sizes"], (i["width"], i["height"]), i["title"], lazy=True,
            style={"width": "100%", "height": "180px", "borderRadius": "8px"})),
            columns=rx.breakpoints(initial="1", sm="3"), spacing="3", width="100%"),
        width="100%", class_name="block-gallery",
    )


def room_types(block: rx.Var, rooms: rx.Var) -> rx.Component:
    return rx.vstack(
        _heading(block),
        rx.cond(block["subheading"] != "", rx.text(block["subheading"])),
        rx.grid(rx.foreach(rooms, lambda r: rx.card(rx.vstack(
            rx.image(src=r["photo"], alt=r["name"], width="100%", height="160px",
                     object_fit="cover", border_radius="6px"),
            rx.heading(r["name"], size="4", as_="h3"),
            rx.text(r["description"], size="2"),
            rx.text(r["amenities"], size="1", color_scheme="gray"),
        ), class_name="room-type-card")), columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="3", width="100%"),
        width="100%", class_name="block-room-types",
    )


def amenities(block: rx.Var) -> rx.Component:
    return rx.vstack(
        _heading(block),
        rx.el.ul(rx.foreach(_items(block), lambda i: rx.el.li(i["title"])),
                 style={"columns": "2", "paddingLeft": "1.2rem"}),
        width="100%", class_name="block-amenities",
    )


def location(block: rx.Var) -> rx.Component:
    return rx.vstack(
        _heading(block),
        rx.hstack(rx.icon("map_pin"), rx.text(block["address"]), align="center"),
        rx.link("OpenStreetMap", href=block["map_url"], is_external=True),
        width="100%", class_name="block-map",
    )


def faq(block: rx.Var) -> rx.Component:
    return rx.vstack(
        _heading(block),
        rx.foreach(_items(block), lambda i: rx.el.details(
            rx.el.summary(i["title"], style={"cursor": "pointer", "fontWeight": "600"}),
            rx.text(i["body"], size="2"), style={"width": "100%"})),
        width="100%", class_name="block-faq",
    )


def cta(block: rx.Var) -> rx.Component:
    return rx.card(rx.vstack(
        rx.heading(block["heading"], size="5", as_="h2"),
        rx.cond(block["subheading"] != "", rx.text(block["subheading"])),
        rx.link(rx.button(block["label"], size="3"), href=block["href"]),
    ), width="100%", class_name="block-cta")


def block(b: rx.Var, rooms: rx.Var) -> rx.Component:
    return rx.match(
        b["type"],
        ("hero", hero(b)), ("text", text(b)), ("gallery", gallery(b)),
        ("room_types", room_types(b, rooms)), ("amenities", amenities(b)),
        ("map", location(b)), ("faq", faq(b)), ("cta", cta(b)),
        rx.fragment(),
    )
