"""career-bot: a Telegram assistant that helps people find their place in AI work."""

__version__ = "0.1.0"
