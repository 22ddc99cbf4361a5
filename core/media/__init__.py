"""Private media: photos and PDFs checked by content, re-encoded, stored outside the public web root."""
