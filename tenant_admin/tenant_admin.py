"""Tenant admin app: creates the app and registers its pages (nothing else lives here)."""

from tenant_admin.pages.home import home
from tenant_admin.state.home import OverviewState
from ui_kit import create_app

app = create_app("tenant_admin")
app.add_page(home, route="/", title="Guest Journey admin", on_load=OverviewState.load)
