"""Booking site app: creates the app and registers its pages (nothing else lives here)."""

from booking_site.asset_cache import cache_hashed_assets
from booking_site.pages.book import book, confirmation
from booking_site.pages.home import home
from booking_site.pages.manage import manage
from booking_site.pages.my_stay import my_stay
from booking_site.pages.results import results
from booking_site.pages.site_page import site_page
from booking_site.state.book import BookState
from booking_site.state.home import HotelsState
from booking_site.state.manage import ManageState
from booking_site.state.my_stay import MyStayState
from booking_site.state.page import PageState
from booking_site.state.search import SearchState
from ui_kit import create_app

app = create_app("booking_site")
app.api_transformer = [app.api_transformer, cache_hashed_assets]
app.add_page(home, route="/", title="Our hotels", on_load=HotelsState.load)
# Each CMS page's own title (from its CMS fields, per locale); description and Open Graph tags
# come from the same fields in site_page's head.
app.add_page(site_page, route="/p/[slug]", title=PageState.page_title,
             on_load=[PageState.load, SearchState.load_form])
app.add_page(site_page, route="/p/[slug]/page/[page]", title=PageState.page_title,
             on_load=PageState.load)
app.add_page(results, route="/p/[slug]/search", title="Available rooms", on_load=SearchState.load)
app.add_page(book, route="/p/[slug]/book", title="Your details", on_load=BookState.load)
app.add_page(confirmation, route="/p/[slug]/confirmation", title="Booking confirmed",
             on_load=BookState.load_confirmation)
app.add_page(manage, route="/p/[slug]/manage", title="Manage booking", on_load=ManageState.load)
app.add_page(my_stay, route="/p/[slug]/my-stay", title="My stay", on_load=MyStayState.load)
