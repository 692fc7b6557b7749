"""The default store: one SQLite file used by one instance (database.py: the file, its
schema and checkpoints; store.py: the state store and the analytics on that file)."""
