"""The Redis key layout, in one place. Under a prefix (`career-bot` unless told otherwise):

    <prefix>:v1:state:<user_id>    string  the person's UserState JSON
    <prefix>:v1:people             set     user ids that have a state (count_people)
    <prefix>:v1:misses:<day>       zset    scrubbed question -> times asked on that UTC day
                                   (YYYY-MM-DD), expiring when the oldest ask of that
                                   day is `miss_memory` old
    <prefix>:v1:miss-days          set     the days that may still have a misses key
    <prefix>:v1:misses             zset    before bounded misses: text -> times asked, word
                                   for word; scrubbed into today's key when a bot starts
    <prefix>:v1:event-kinds        set     ["kind","detail"] pairs ever recorded
    <prefix>:v1:events:<pair>      zset    one member per event, scored by its time
    <prefix>:lock:<user_id>        string  the per-person lock (a token, with a TTL)
    <prefix>:update:<update_id>    string  a processed Telegram update (with a TTL), written
                                   in the same transaction as the state it changed
    <prefix>:layout                string  the newest layout version that wrote here

Data keys carry the layout version, so a future layout can live next to this one while it is
migrated. The lock and update keys do not: instances of two versions running side by side
during a rolling upgrade must still exclude each other and share claimed updates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

DEFAULT_PREFIX = "career-bot"
# The version of this store's key layout and value formats. Not `STATE_SCHEMA`: the state
# JSON carries its own schema and is migrated when read, so a new state schema must not hide
# every stored state behind new keys. Bump this (with a migration) when a key changes meaning.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class RedisKeys:
    prefix: str = DEFAULT_PREFIX

    @property
    def _data(self) -> str:
        return f"{self.prefix}:v{SCHEMA_VERSION}"

    def state(self, user_id: int) -> str:
        return f"{self._data}:state:{user_id}"

    @property
    def people(self) -> str:
        return f"{self._data}:people"

    def misses_on(self, day: str) -> str:
        """The misses of one UTC day (`YYYY-MM-DD`)."""
        return f"{self._data}:misses:{day}"

    @property
    def miss_days(self) -> str:
        return f"{self._data}:miss-days"

    @property
    def unbounded_misses(self) -> str:
        """Where misses were kept word for word, with no time limit (read only to move)."""
        return f"{self._data}:misses"

    @property
    def event_kinds(self) -> str:
        return f"{self._data}:event-kinds"

    def events(self, pair: str) -> str:
        """The events of one `event_pair`."""
        return f"{self._data}:events:{pair}"

    def lock(self, user_id: int) -> str:
        return f"{self.prefix}:lock:{user_id}"

    def update(self, update_id: int) -> str:
        return f"{self.prefix}:update:{update_id}"

    @property
    def layout(self) -> str:
        return f"{self.prefix}:layout"


def event_pair(kind: str, detail: str) -> str:
    """The member of `event-kinds` (and the tail of an events key) for one kind of event."""
    return json.dumps([kind, detail], ensure_ascii=False, separators=(",", ":"))


def kind_and_detail(pair: str) -> tuple[str, str]:
    kind, detail = json.loads(pair)
    return str(kind), str(detail)
