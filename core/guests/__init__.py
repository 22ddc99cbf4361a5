"""Guest profiles: the minimum needed to book (a name and an email or a phone)."""
