"""Booking site app: creates the app and registers its pages (nothing else lives here)."""

from booking_site.pages.home import home
from booking_site.state.home import HotelsState
from ui_kit import create_app

app = create_app("booking_site")
app.add_page(home, route="/", title="Our hotels", on_load=HotelsState.load)
