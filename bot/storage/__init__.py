"""Storage: where what a person can lose is kept, and how one person's events are kept apart.

Three small contracts, each with an in-memory twin, SQLite and Redis behind it:

    contract.py   StateStore: a person's state and the processed-update marks that are
                  written with it (get / save / delete / close)
    isolation.py  EventIsolation: one person's events one at a time (KeyedLocks in process)
    analytics.py  Analytics: unanswered questions and usage events, without user ids
    memory.py     the in-memory twins, for tests and experiments
    sqlite/       one file, one instance (the default)
    redis/        several instances sharing one Redis: store, keys, lock, analytics
    factory.py    which of them a run uses, from CAREER_BOT_STORE
"""
