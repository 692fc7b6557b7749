"""Telegram: the adapter (updates to events, replies to Bot API calls), its rendering, the
webhook server, rate limiting and the launcher that puts them together."""
