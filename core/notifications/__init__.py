"""Guest messages: email templates per property and language, SMTP and SMS senders, delivery logs."""
