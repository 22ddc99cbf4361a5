"""Tenant admin app: creates the app and registers its pages (nothing else lives here)."""

from tenant_admin.pages.account import account
from tenant_admin.pages.audit import audit_log
from tenant_admin.pages.brand import brand
from tenant_admin.pages.dashboard import dashboard
from tenant_admin.pages.home import home
from tenant_admin.pages.invitation import invitation
from tenant_admin.pages.jobs import jobs
from tenant_admin.pages.signin import signin
from tenant_admin.pages.users import users
from tenant_admin.pages.wizard import wizard
from tenant_admin.state.account import AccountState
from tenant_admin.state.audit import AuditState
from tenant_admin.state.brand import BrandState
from tenant_admin.state.dashboard import DashboardState
from tenant_admin.state.home import OverviewState
from tenant_admin.state.invitation import InvitationState
from tenant_admin.state.jobs import JobsState
from tenant_admin.state.signin import SignInState
from tenant_admin.state.users import UsersState
from tenant_admin.state.wizard import WizardState
from ui_kit import create_app

app = create_app("tenant_admin")
app.add_page(home, route="/", title="Properties · Guest Journey admin",
             on_load=OverviewState.load)
app.add_page(signin, route="/login", title="Sign in · Guest Journey admin",
             on_load=SignInState.load)
app.add_page(invitation, route="/accept-invitation", title="Welcome · Guest Journey",
             on_load=InvitationState.load)
app.add_page(wizard, route="/properties/new", title="New property · Guest Journey admin",
             on_load=WizardState.load)
app.add_page(dashboard, route="/dashboard", title="Dashboard · Guest Journey admin",
             on_load=DashboardState.load)
app.add_page(users, route="/users", title="Users · Guest Journey admin", on_load=UsersState.load)
app.add_page(brand, route="/brand", title="Brand · Guest Journey admin", on_load=BrandState.load)
app.add_page(audit_log, route="/audit", title="Audit log · Guest Journey admin",
             on_load=AuditState.load)
app.add_page(jobs, route="/jobs", title="Jobs · Guest Journey admin", on_load=JobsState.load)
app.add_page(account, route="/account", title="My account · Guest Journey admin",
             on_load=AccountState.load)
