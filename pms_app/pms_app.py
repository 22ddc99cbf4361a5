"""PMS app: creates the app and registers its pages (nothing else lives here)."""

from pms_app.pages.home import home
from pms_app.state.home import HomeState
from ui_kit import create_app

app = create_app("pms_app")
app.add_page(home, route="/", title="Guest Journey PMS", on_load=HomeState.load)
