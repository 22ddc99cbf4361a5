"""Night audit: the end-of-day close of a property's business date, and its reports."""
