"""PMS app: creates the app and registers its pages (nothing else lives here)."""

from pms_app.pages.attendant import attendant
from pms_app.pages.audit import audit
from pms_app.pages.guest_requests import guest_requests
from pms_app.pages.home import home
from pms_app.pages.housekeeping import housekeeping
from pms_app.pages.inspections import inspections
from pms_app.pages.login import login
from pms_app.pages.maintenance import maintenance
from pms_app.pages.new_booking import new_booking
from pms_app.pages.night_audit import night_audit
from pms_app.pages.reservation import reservation
from pms_app.pages.reservations import reservations
from pms_app.pages.tape_chart import tape_chart
from pms_app.pages.today import today
from pms_app.pages.website import website
from pms_app.state.attendant import AttendantState
from pms_app.state.audit import AuditLogState
from pms_app.state.booking import BookingState
from pms_app.state.guest_requests import GuestRequestsState
from pms_app.state.home import HomeState
from pms_app.state.housekeeping import HousekeepingState
from pms_app.state.inspections import InspectionState
from pms_app.state.login import LoginState
from pms_app.state.maintenance import MaintenanceState
from pms_app.state.night_audit import NightAuditState
from pms_app.state.reservation import ReservationState
from pms_app.state.reservations import ReservationsState
from pms_app.state.tape_chart import TapeChartState
from pms_app.state.today import TodayState
from pms_app.state.website import WebsiteState
from ui_kit import create_app

app = create_app("pms_app")
app.add_page(home, route="/", title="Guest Journey PMS", on_load=HomeState.load)
app.add_page(login, route="/login", title="Sign in · PMS", on_load=LoginState.load)

# Front desk. Live pages start `follow_live` from their load (see ui_kit/live.py).
app.add_page(today, route="/today", title="Today · PMS",
             on_load=TodayState.load)
app.add_page(reservations, route="/reservations", title="Reservations · PMS",
             on_load=ReservationsState.load)
app.add_page(new_booking, route="/reservations/new", title="New reservation · PMS",
             on_load=BookingState.load)
app.add_page(reservation, route="/reservations/[rid]", title="Reservation · PMS",
             on_load=ReservationState.load)
app.add_page(tape_chart, route="/tape-chart", title="Tape chart · PMS",
             on_load=TapeChartState.load)

# Housekeeping and maintenance pages are registered below this line.
app.add_page(housekeeping, route="/housekeeping", title="Housekeeping · PMS",
             on_load=[HousekeepingState.load, HousekeepingState.follow_live])
app.add_page(attendant, route="/housekeeping/my-rooms", title="My rooms · PMS",
             on_load=[AttendantState.load, AttendantState.follow_live])
app.add_page(inspections, route="/housekeeping/inspections", title="Inspections · PMS",
             on_load=[InspectionState.load, InspectionState.follow_live])
app.add_page(maintenance, route="/maintenance", title="Maintenance · PMS",
             on_load=[MaintenanceState.load, MaintenanceState.follow_live])
app.add_page(website, route="/website", title="Website · PMS", on_load=WebsiteState.load)
app.add_page(guest_requests, route="/guest-requests", title="Guest requests · PMS",
             on_load=GuestRequestsState.load)
app.add_page(audit, route="/audit", title="Audit log · PMS", on_load=AuditLogState.load)
app.add_page(night_audit, route="/night-audit", title="Night audit · PMS",
             on_load=NightAuditState.load)
