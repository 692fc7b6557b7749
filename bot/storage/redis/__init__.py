"""The shared store: several bot instances on one Redis, each person's events in order.

    keys.py        the key layout, built in one place
    connection.py  the connection pool, its retries, and checking the layout on connect
    store.py       RedisStore: state and processed updates; owns the connections
    lock.py        RedisIsolation: the per-person lock across instances
    analytics.py   RedisAnalytics: misses and usage events

Every write that touches two keys is one MULTI/EXEC transaction, so a dropped connection
leaves either all of it or none. Dropped connections are retried with exponential backoff;
when Redis stays away longer than that, the error reaches the engine's caller (the person
gets the apology). Writes that a retry may repeat are made idempotent where it matters:
claiming an update and taking a lock recognise their own token.
"""
