"""Transports: translate a terminal or Telegram into events and replies into their output."""
