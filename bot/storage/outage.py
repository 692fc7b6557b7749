"""Which store failures are outages: the store could not be reached or written just now.

An outage is not a bug: Redis restarting, a full disk, a locked or read-only file. What
failed on one is worth trying again later (Telegram delivers an update again when it is not
acknowledged), and bookkeeping that fails on one is dropped with a log line.
"""

from __future__ import annotations

import sqlite3
import sys

# sqlite3 reports a full disk, a locked or read-only file and I/O errors as OperationalError;
# a damaged file is a plain DatabaseError (a later try does not help).
SQLITE_OUTAGES = (sqlite3.OperationalError,)


def is_outage(exc: BaseException | None) -> bool:
    """True for a store that is unreachable or cannot write right now."""
    if isinstance(exc, SQLITE_OUTAGES):
        return True
    # Read from sys.modules rather than imported: a run on SQLite never loads the Redis
    # client, and then no Redis error can have been raised.
    redis_errors = sys.modules.get("redis.exceptions")
    if redis_errors is None:
        return False
    outages = (redis_errors.ConnectionError, redis_errors.TimeoutError)
    return bool(isinstance(exc, outages))
