"""Staff chat: a property's team channels and the messages posted in them."""
