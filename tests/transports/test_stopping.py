"""On a stop, replies waiting for their turn under a flood limit are abandoned: the task
that waits is cancelled (its update is not confirmed, so Telegram delivers it again), while
calls already on the wire, or free to go at once, still go out."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.transports.telegram.ratelimit import RetryingRateLimiter
from bot.transports.telegram.stopping import finish_within

GROUP = -1001
PER_MINUTE = 20  # Telegram's limit for one group, as the limiter keeps it
WITHIN = 10  # seconds: only a bound on a hang


class Api:
    """Stands in for the HTTP call: notes what went out; `all_out` when `expected` did."""

    def __init__(self, expected: int) -> None:
        self.sent: list[int] = []
        self.expected, self.all_out = expected, asyncio.Event()

    async def send(self, n: int) -> bool:
        self.sent.append(n)
        if len(self.sent) == self.expected:
            self.all_out.set()
        return True


def send(limiter: RetryingRateLimiter, api: Api, n: int, chat: int) -> asyncio.Task[Any]:
    request = limiter.process_request(api.send, (n,), {}, "sendMessage", {"chat_id": chat}, None)
    return asyncio.ensure_future(request)


async def test_a_stop_cancels_the_calls_held_back_by_a_group_limit() -> None:
    limiter, api = RetryingRateLimiter(), Api(expected=PER_MINUTE)
    calls = [send(limiter, api, n, GROUP) for n in range(PER_MINUTE + 5)]
    await asyncio.wait_for(api.all_out.wait(), WITHIN)  # the minute's allowance is used up
    assert limiter.abandon_waits() == 5
    outcomes = await asyncio.gather(*calls, return_exceptions=True)
    assert outcomes[:PER_MINUTE] == [True] * PER_MINUTE
    assert all(isinstance(o, asyncio.CancelledError) for o in outcomes[PER_MINUTE:])
    assert api.sent == list(range(PER_MINUTE))
    assert limiter.calls_under_way == 0


async def test_after_the_stop_a_call_free_to_go_goes_and_one_held_back_is_abandoned() -> None:
    limiter, api = RetryingRateLimiter(), Api(expected=PER_MINUTE)
    first = [send(limiter, api, n, GROUP) for n in range(PER_MINUTE)]
    await asyncio.wait_for(api.all_out.wait(), WITHIN)
    await asyncio.gather(*first)
    assert limiter.abandon_waits() == 0  # nothing was waiting
    held_back = send(limiter, api, 100, GROUP)  # the group's minute is used up
    private = send(limiter, api, 200, 4242)  # a private chat has room
    assert await asyncio.wait_for(private, WITHIN) is True
    done, _ = await asyncio.wait([held_back], timeout=WITHIN)
    assert held_back in done
    assert held_back.cancelled()
    assert 100 not in api.sent
    assert 200 in api.sent


async def test_finish_within_cancels_only_what_outlasts_the_grace() -> None:
    quick = asyncio.ensure_future(asyncio.sleep(0))
    stuck = asyncio.ensure_future(asyncio.Event().wait())  # never finishes by itself
    assert await finish_within({quick, stuck}, grace=0.01) == 1
    assert quick.done()
    assert not quick.cancelled()
    assert stuck.cancelled()
