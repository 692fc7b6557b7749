"""The one exception of a stopped embedding model, apart from the model's module so that the
question reader can catch it without importing numpy at start."""


class EncodingStopped(RuntimeError):
    """The embedder was stopped (the bot is shutting down): no more texts are encoded."""
