"""Replies to typed questions: an FAQ answer with its next steps, the suggestions when the
matcher is unsure, the fallback, the reply in another language, and the other question a
message asks beside the one answered."""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.answer_text import without_quiz_pointer
from bot.content.messages import one_or_more
from bot.conversation.events import Button, Reply
from bot.conversation.payloads import ResultAction, Shortcut, ShowMore
from bot.conversation.tool_buttons import in_rows
from bot.conversation.view_parts import ViewParts, answer_button
from bot.matching.matcher import Match


class FaqViews(ViewParts):
    def faq_answer(self, answer_id: str, *, quiz_known: bool) -> Reply:
        """An answer with its next steps; a long one keeps its rest behind "More". For someone
        taking the quiz or with a result (`quiz_known`), without the sentences that send them
        to /quiz (answer_text.py)."""
        book = self.book
        more = [self._button("btn_more", ShowMore(answer_id))] if book.more(answer_id) else []
        text = without_quiz_pointer(book.text(answer_id)) if quiz_known else book.text(answer_id)
        return Reply(answer_id, text, in_rows(more + self._follow_ups(answer_id), 1))

    def faq_more(self, answer_id: str, *, quiz_known: bool) -> Reply:
        text = self.book.more(answer_id) or ""
        text = without_quiz_pointer(text) if quiz_known else text
        return Reply(f"{answer_id}.more", text, in_rows(self._follow_ups(answer_id), 1))

    def _follow_ups(self, answer_id: str) -> list[Button]:
        book = self.book
        return [answer_button(book.title(f), f) for f in book.follow_ups(answer_id)]

    def faq_reply(
        self, match: Match, *, in_quiz: bool = False, has_result: bool = False, met: bool = False
    ) -> Reply:
        """What typed text gets: the FAQ answer it matched, suggestions, or the fallback. In
        the quiz the fallback neither offers the quiz nor takes the place of its buttons (the
        question follows); after a result it offers it (a tester with one was offered /quiz)."""
        if match.outcome == "answer" and match.id is not None:
            # In the quiz too: "Next: take /quiz" read as if it were not under way (a tester's).
            return self.faq_answer(match.id, quiz_known=has_result or in_quiz)
        if match.outcome == "did_you_mean":
            return self.answer_buttons("did_you_mean", [s.id for s in match.suggestions])
        unknown = "introduction" if met else "not_answered"  # `met`: a greeting, no question
        key = {"empty": "empty_input", "unreadable": "unreadable_input"}.get(match.reason, unknown)
        if in_quiz:
            return Reply(key, self.kb.text(f"{key}_in_quiz"))
        start = ResultAction("result") if has_result else Shortcut("quiz")
        row = (
            self._button("btn_my_result" if has_result else "btn_start_quiz", start),
            self._button("btn_browse_roles", Shortcut("roles")),
        )
        said = f"{key}_with_result" if has_result and key == unknown else key
        return Reply(key, self.kb.text(said), (row,))

    def greeting_again(self, *, in_quiz: bool, has_result: bool) -> Reply:
        """A greeting from someone the bot keeps answers for, who is no stranger (a tester
        back mid-quiz heard "Hi, nice to meet you!"): where their quiz or result is."""
        key = "greeting_again"
        if in_quiz or has_result:
            return Reply(key, self.kb.text(f"{key}_in_quiz" if in_quiz else f"{key}_with_result"))
        return Reply(key, self.kb.text(key))

    def other_language(self, code: str, answer_id: str | None, *, in_quiz: bool) -> Reply:
        """A message in another language: in it, "I speak English for now" and, outside the
        quiz, that /quiz is answered with buttons; then the English answer the multilingual
        model is confident about, as a button."""
        text = self.kb.english_only(code, in_quiz=in_quiz)
        if answer_id is None:
            return Reply("other_language", text)
        text += "\n\n" + self.kb.text(f"english_offer_{code}")
        button = answer_button(self.book.title(answer_id), answer_id)
        return Reply("other_language", text, ((button,),))

    def answer_buttons(self, key: str, answer_ids: Sequence[str]) -> Reply:
        """Message `key` (its `_one` form above one button) with a button per answer: the
        suggestions of "did you mean", or the answers to a message's other questions."""
        buttons = [answer_button(self.book.title(a), a) for a in answer_ids]
        return Reply(key, self.kb.text(one_or_more(key, len(buttons))), in_rows(buttons, 1))
