"""Transports: each turns its own input into engine events and replies into output."""
