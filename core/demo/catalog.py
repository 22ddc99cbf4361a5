"""What the demo chain sells: its properties, room types, taxes, policies and rate plans (data only)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

DEMO_NAMESPACE = uuid.UUID("6f1d7c2e-3b8a-4c55-9a0e-5d6b1f2a7c90")


def demo_id(*parts: str) -> uuid.UUID:
    """Stable ids, so demo URLs survive a re-seed."""
    return uuid.uuid5(DEMO_NAMESPACE, "/".join(parts))


@dataclass(frozen=True)
class RoomTypeSpec:
    code: str
    name: str
    count: int
    base_price: Decimal
    description: str
    max_adults: int = 2
    max_children: int = 0
    max_occupancy: int = 2
    beds: tuple[str, ...] = ("double",)
    size_sqm: int = 20
    amenities: tuple[str, ...] = ("wifi", "air_conditioning", "safe", "hairdryer")
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class HotelSpec:
    key: str
    name: str
    slug: str
    timezone: str
    currency: str
    country: str
    address: str
    legal_name: str
    tax_id: str
    email: str
    phone: str
    floors: int
    room_types: tuple[RoomTypeSpec, ...]
    city_tax: Decimal
    vat_percent: Decimal
    weekend_uplift: Decimal
    # Month (1-12) → multiplier of the base price.
    season: dict[int, Decimal] = field(default_factory=dict)
    bookings_per_day: float = 20.0
    mean_stay: float = 2.5

    @property
    def id(self) -> uuid.UUID:
        return demo_id("property", self.key)


D = Decimal

CITY = HotelSpec(
    key="city", name="Harbour City Hotel", slug="harbour-city", timezone="Europe/Lisbon",
    currency="EUR", country="PT", address="Rua do Arsenal 42, 1100-038 Lisboa, Portugal",
    legal_name="Harbour City Hotéis, Lda.", tax_id="PT 513 000 042", email="stay@harbour-city.example",
    phone="+351 21 000 4200", floors=6,
    room_types=(
        RoomTypeSpec("STD", "Standard Double", 40, D("109"), "A quiet double room facing the "
                     "inner courtyard, with a rain shower.", size_sqm=18),
        RoomTypeSpec("TWN", "Standard Twin", 25, D("109"), "Two single beds, a desk and a rain "
                     "shower.", beds=("single", "single"), size_sqm=19),
        RoomTypeSpec("SUP", "Superior King", 25, D("139"), "A king-size bed, a sitting corner and "
                     "a city view.", beds=("king",), size_sqm=24, features=("city_view",)),
        RoomTypeSpec("DLX", "Deluxe River View", 15, D("179"), "Floor-to-ceiling windows over the "
                     "Tagus, a king-size bed and a bathtub.", beds=("king",), size_sqm=28,
                     features=("river_view",)),
        RoomTypeSpec("FAM", "Family Room", 10, D("199"), "A double bed and two sofa beds: room "
                     "for two adults and two children.", max_adults=3, max_children=2,
                     max_occupancy=4, beds=("double", "sofa_bed", "sofa_bed"), size_sqm=32),
        RoomTypeSpec("JST", "Junior Suite", 5, D("299"), "A separate living area, a king-size bed "
                     "and a balcony over the river.", max_adults=2, max_children=1,
                     max_occupancy=3, beds=("king",), size_sqm=42,
                     amenities=("wifi", "air_conditioning", "safe", "nespresso", "bathrobe"),
                     features=("river_view", "balcony")),
    ),
    city_tax=D("4.00"), vat_percent=D("6"), weekend_uplift=D("1.15"),
    season={1: D("0.80"), 2: D("0.82"), 3: D("0.92"), 4: D("1.05"), 5: D("1.10"), 6: D("1.20"),
            7: D("1.25"), 8: D("1.25"), 9: D("1.15"), 10: D("1.05"), 11: D("0.88"), 12: D("0.95")},
    bookings_per_day=30.0, mean_stay=2.6,
)

RESORT = HotelSpec(
    key="resort", name="Seaside Resort Algarve", slug="seaside-resort", timezone="Europe/Lisbon",
    currency="EUR", country="PT", address="Praia da Falésia, 8200-593 Albufeira, Portugal",
    legal_name="Seaside Algarve Turismo, S.A.", tax_id="PT 514 000 900", email="hello@seaside-resort.example",
    phone="+351 289 000 900", floors=2,
    room_types=(
        RoomTypeSpec("GDN", "Garden Studio", 16, D("129"), "A studio opening onto the gardens, "
                     "with a kitchenette.", max_adults=2, max_children=1, max_occupancy=3,
                     size_sqm=30, features=("garden_view",)),
        RoomTypeSpec("SEA", "Sea View Suite", 12, D("209"), "A suite with a terrace facing the "
                     "Atlantic.", max_adults=2, max_children=2, max_occupancy=4,
                     beds=("king", "sofa_bed"), size_sqm=45, features=("sea_view", "terrace")),
        RoomTypeSpec("VIL", "One-Bedroom Villa", 8, D("329"), "A villa with a living room, "
                     "kitchen and private garden.", max_adults=3, max_children=2,
                     max_occupancy=4, beds=("king", "sofa_bed"), size_sqm=70,
                     features=("garden_view", "kitchen")),
        RoomTypeSpec("PVL", "Pool Villa", 4, D("499"), "Two bedrooms around a private pool, a "
                     "short walk from the beach.", max_adults=4, max_children=2,
                     max_occupancy=6, beds=("king", "twin"), size_sqm=110,
                     features=("private_pool", "kitchen", "accessible")),
    ),
    city_tax=D("2.00"), vat_percent=D("6"), weekend_uplift=D("1.10"),
    season={1: D("0.65"), 2: D("0.68"), 3: D("0.78"), 4: D("0.95"), 5: D("1.05"),
            6: D("1.30"), 7: D("1.60"), 8: D("1.70"), 9: D("1.25"), 10: D("0.95"),
            11: D("0.70"), 12: D("0.80")},
    bookings_per_day=7.0, mean_stay=4.5,
)

HOTELS = (CITY, RESORT)

CHAIN_NAME = "Atlantic Hotels Group"
CHAIN_SLUG = "atlantic-hotels"
CHAIN_ID = demo_id("chain", CHAIN_SLUG)

# Where bookings come from (channel, source, weight).
CHANNELS = (
    ("direct", "booking_site", 30),
    ("direct", "phone", 8),
    ("direct", "walk_in", 2),
    ("ota", "Booking.com", 35),
    ("ota", "Expedia", 15),
    ("gds", "Amadeus", 5),
    ("partner", "Lisbon Congress Centre", 5),
)
