"""The console's pure pieces: the sign-in steps, wizard rows, navigation, KPI formatting."""

from __future__ import annotations

from decimal import Decimal

from console_support import call, tab

from core.identity.permissions import ROLE_PERMISSIONS
from core.reports.kpis import Figures
from tenant_admin.nav import visible_entries
from tenant_admin.state.dashboard import figures_row
from tenant_admin.state.signin import SignInState, post_fields_js, safe_next
from tenant_admin.state.wizard import room_types_from_form


def test_sign_in_moves_to_the_code_step_showing_the_authenticator_set_up():
    state = tab(SignInState, None)
    call(state, "answer", {"success": True, "data": {
        "mfa_required": True, "mfa_token": "tok", "enrolment": {"secret": "ABC", "qr_svg": "<svg/>"}}})
    assert (state.step, state.mfa_token, state.enrol_secret) == ("code", "tok", "ABC")


def test_a_refused_code_is_shown_with_its_field_and_an_expired_step_starts_over():
    state = tab(SignInState, None)
    state.step, state.mfa_token = "code", "tok"
    call(state, "answer", {"success": False, "error": {
        "code": "invalid_mfa_code", "message": "The code is not correct or was already used.",
        "fields": {"code": "not correct or already used"}}})
    assert state.step == "code" and state.field_errors == {"code": "not correct or already used"}
    call(state, "answer", {"success": False, "error": {"code": "invalid_token",
                                                       "message": "This sign-in step has expired."}})
    assert state.step == "password" and state.mfa_token == ""


def test_recovery_codes_are_shown_once_before_going_on():
    state = tab(SignInState, None, query={"next": "/users"})
    call(state, "answer", {"success": True, "data": {"recovery_codes": ["a-b", "c-d"]}})
    assert state.step == "recovery" and state.recovery_codes == ["a-b", "c-d"]
    assert "/users" in str(call(state, "continue_after_codes"))


def test_only_paths_on_this_site_may_follow_sign_in():
    assert safe_next("/users") == "/users"
    assert safe_next("//evil.example/x") == "/"
    assert safe_next("https://evil.example") == "/"
    assert safe_next(None) == "/"


def test_the_sign_in_script_reads_the_password_from_the_page_not_from_the_server():
    js = post_fields_js("/auth/session/login", {"password": "signin-password"}, {"app": "x"})
    assert 'value("signin-password")' in js and '"app": "x"' in js


def test_wizard_rows_left_blank_are_skipped_and_bad_numbers_reach_the_service():
    form = {"rt_code_0": " dbl ", "rt_name_0": "Double", "rt_rooms_0": "4",
            "rt_code_1": "", "rt_name_1": "", "rt_rooms_1": "",
            "rt_code_2": "STE", "rt_name_2": "Suite", "rt_rooms_2": "four",
            "rt_occupancy_2": "3"}
    rows = room_types_from_form(form, 3)
    assert [(r.code, r.rooms, r.max_occupancy) for r in rows] == [("DBL", 4, 2), ("STE", -1, 3)]


def test_a_desk_agent_would_see_only_their_own_account_page():
    labels = [e["label"] for e in visible_entries(ROLE_PERMISSIONS["front_desk"])]
    assert labels == ["Properties", "My account"]


def test_kpi_rows_show_percent_and_money_in_the_propertys_currency():
    f = Figures(rooms_available=40, rooms_sold=10, room_revenue=Decimal("1234.50"))
    row = figures_row("Dunes", "EUR", {"today": f, "mtd": f, "ytd": Figures()})
    assert row["today"] == {"occupancy": "25.0%", "adr": "123.45 EUR", "revpar": "30.86 EUR",
                            "sold": 10, "available": 40}
    assert row["ytd"]["occupancy"] == "0.0%"
