"""A person's private chat with the bot on a `FakeBotApi`: act, then take the replies.

Each action says how many replies it expects (a message sent or an edit of one is one reply)
and waits for exactly those, in order, through `FakeBotApi.next_message`: never returning
after the first of two, never sleeping. The timeout only fails a test when a reply never
comes.
"""

from __future__ import annotations

from tests.harness.bot_api import FakeBotApi, SentMessage
from tests.harness.buttons import latest_button

REPLY_WITHIN = 30.0  # seconds: generous for a loaded machine; only a missing reply waits it out


class Chat:
    def __init__(self, fake: FakeBotApi, user: int, *, timeout: float = REPLY_WITHIN) -> None:
        self.fake, self.user, self.timeout = fake, user, timeout

    async def say(self, text: str, *, replies: int = 1) -> list[SentMessage]:
        """Type `text`; returns the next `replies` replies."""
        self.fake.send_text(self.user, text)
        return await self.replies(replies)

    async def press(self, label: str, *, replies: int = 1) -> list[SentMessage]:
        """Press the newest button labelled `label` still on screen; returns the next
        `replies` replies."""
        message, data = latest_button(self.fake.messages(self.user), label)
        self.fake.press(self.user, message.message_id, data)
        return await self.replies(replies)

    async def replies(self, count: int) -> list[SentMessage]:
        return [await self.reply() for _ in range(count)]

    async def reply(self) -> SentMessage:
        return await self.fake.next_message(self.user, timeout=self.timeout)
