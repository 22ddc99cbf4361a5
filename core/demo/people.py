"""Made-up guests and staff for the demo (names from the markets a Portuguese hotel sells to)."""

from __future__ import annotations

import random
import unicodedata

from core.guests.schemas import GuestCreate

NAMES = {
    "pt": (["Ana", "João", "Inês", "Miguel", "Beatriz", "Tiago", "Marta", "Rui"],
           ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues"]),
    "en": (["Emma", "James", "Olivia", "Harry", "Sophie", "Jack", "Grace", "Noah"],
           ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Hughes"]),
    "de": (["Lena", "Lukas", "Mia", "Felix", "Hannah", "Jonas", "Lea", "Paul"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker"]),
    "fr": (["Chloé", "Louis", "Camille", "Hugo", "Manon", "Jules", "Léa", "Arthur"],
           ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit"]),
    "es": (["Lucía", "Hugo", "Martina", "Pablo", "Sofía", "Daniel", "Carmen", "Álvaro"],
           ["García", "Fernández", "González", "Rodríguez", "López", "Martínez"]),
}
MARKETS = [("pt", 30), ("en", 25), ("de", 15), ("fr", 15), ("es", 15)]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def random_guest(rng: random.Random) -> GuestCreate:
    lang = rng.choices([m for m, _ in MARKETS], weights=[w for _, w in MARKETS])[0]
    first = rng.choice(NAMES[lang][0])
    last = rng.choice(NAMES[lang][1])
    n = rng.randint(1, 999)
    has_email = rng.random() < 0.9
    return GuestCreate(
        first_name=first, last_name=last, language=lang,
        email=f"{_ascii(first)}.{_ascii(last)}{n}@example.com" if has_email else None,
        phone=None if has_email and rng.random() < 0.5 else f"+351 9{rng.randint(10, 99)} "
        f"{rng.randint(100, 999)} {rng.randint(100, 999)}",
    )
