"""Users page: invite, the list with roles per property, and the account actions."""

from __future__ import annotations

import reflex as rx

from tenant_admin.components.shell import admin_page, field
from tenant_admin.state.users import UsersState
from ui_kit import card, status_badge


def _err(name: str) -> rx.Var:
    return UsersState.field_errors.get(name, "")


def _select(name: str, items: rx.Var, value_key: str, label_key: str, element_id: str,
            placeholder: str) -> rx.Component:
    return rx.el.select(
        rx.el.option(placeholder, value=""),
        rx.foreach(items, lambda o: rx.el.option(o[label_key], value=o[value_key])),
        name=name, id=element_id, style={"padding": "0.4rem", "borderRadius": "6px"},
    )


def _invite_form() -> rx.Component:
    return card(
        rx.heading("Invite someone", size="4"),
        rx.form(
            rx.grid(
                field("Email", rx.input(name="email", type="email", id="invite-email",
                                        required=True), _err("email")),
                field("Name", rx.input(name="name", id="invite-name", required=True),
                      _err("name")),
                field("Role", _select("role", UsersState.roles, "value", "label",
                                      "invite-role", "Choose a role"), _err("role")),
                field("Property", _select("property_id", UsersState.properties, "id", "name",
                                          "invite-property", "Whole chain (operators)"),
                      _err("property_id")),
                columns="4", spacing="3", width="100%",
            ),
            rx.button("Send invitation", type="submit", margin_top="0.75rem",
                      id="invite-submit"),
            on_submit=UsersState.invite,
            reset_on_submit=False,
        ),
    )


def _grant_form() -> rx.Component:
    return card(
        rx.heading("Grant a role", size="4"),
        rx.form(
            rx.hstack(
                _select("user_id", UsersState.users, "id", "email", "grant-user", "Person"),
                _select("role", UsersState.roles, "value", "label", "grant-role", "Role"),
                _select("property_id", UsersState.properties, "id", "name", "grant-property",
                        "Whole chain (operators)"),
                rx.button("Grant", type="submit", id="grant-submit"),
                spacing="3", wrap="wrap",
            ),
            on_submit=UsersState.grant,
        ),
    )


def _grant_badge(user: rx.Var, g: rx.Var) -> rx.Component:
    return rx.badge(
        g["label"],
        rx.icon("x", size=12, cursor="pointer",
                on_click=UsersState.revoke(user["id"].to(str), g["role"].to(str),
                                           g["property_id"].to(str))),
        variant="soft", class_name="grant-badge",
    )


def _user_row(user: rx.Var) -> rx.Component:
    uid = user["id"].to(str)
    return rx.table.row(
        rx.table.cell(rx.vstack(rx.text(user["name"], weight="medium"),
                                rx.text(user["email"], size="1", color_scheme="gray"),
                                spacing="0")),
        rx.table.cell(status_badge(user["status"].to(str))),
        rx.table.cell(rx.hstack(rx.foreach(user["grants"].to(list[dict]),
                                           lambda g: _grant_badge(user, g)),
                                wrap="wrap", spacing="1")),
        rx.table.cell(user["mfa"]),
        rx.table.cell(rx.cond(user["locked"].to(str) != "",
                              rx.hstack(rx.badge("locked until ", user["locked"],
                                                 color_scheme="red"),
                                        rx.button("Unlock", size="1",
                                                  on_click=UsersState.unlock(uid))))),
        rx.table.cell(rx.hstack(
            rx.cond(user["status"].to(str) == "disabled",
                    rx.button("Enable", size="1", variant="soft",
                              on_click=UsersState.set_disabled(uid, False)),
                    rx.button("Disable", size="1", variant="soft", color_scheme="red",
                              on_click=UsersState.set_disabled(uid, True))),
            rx.cond(user["mfa"].to(str) == "on",
                    rx.button("Reset two-step", size="1", variant="soft",
                              on_click=UsersState.reset_mfa(uid))),
            spacing="2")),
        id="user-" + user["email"].to(str),
    )


def users() -> rx.Component:
    return admin_page(
        "Users",
        _invite_form(),
        _grant_form(),
        card(
            rx.form(
                rx.hstack(
                    rx.input(name="search", placeholder="Name or email", id="users-search"),
                    rx.checkbox("Locked accounts only", name="locked_only", id="users-locked"),
                    rx.button("Filter", type="submit", variant="soft"),
                    spacing="3", align="center",
                ),
                on_submit=UsersState.filter,
            ),
            rx.table.root(
                rx.table.header(rx.table.row(
                    *[rx.table.column_header_cell(h) for h in
                      ("Person", "Status", "Roles", "Two-step", "Lock", "")])),
                rx.table.body(rx.foreach(UsersState.users, _user_row)),
                width="100%", id="users-table",
            ),
        ),
        page_id="admin-users",
    )
