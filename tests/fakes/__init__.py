"""In-suite fakes of external services (no network)."""
