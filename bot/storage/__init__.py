"""Storage: where what a person can lose is kept (memory, SQLite, Redis), and per-person locks."""
