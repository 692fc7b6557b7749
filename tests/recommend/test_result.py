"""The `career-bot recommend --json` contract: exactly its keys, valid JSON for any profile."""

from __future__ import annotations

import json

from hypothesis import given

from bot.recommend.profile import Profile
from bot.recommend.recommender import Recommender
from tests.harness.profiles import profiles
from tests.recommend.helpers import PROPERTY_EXAMPLES, best_for, persona


class TestJson:
    def test_the_json_has_exactly_the_contracts_keys(self, recommender: Recommender) -> None:
        # a persona whose result has a swap hint and reasons, so every key's shape shows
        profile = persona("mle_mixed_backend_dev")["profile"]
        data = json.loads(best_for(recommender, profile).to_json())
        assert list(data) == [
            "ranking",
            "confidence",
            "tie_breaker",
            "margin",
            "swap_hint",
            "gaps",
            "tools",
            "path",
            # added by issue 15: the earlier keys keep their place and shape
            "at_start",
            "entry_routes",
            "first_months",
            "adjacent",
            "confidence_parts",
            "unknown_skills",
        ]
        assert list(data["ranking"][0]) == ["role", "name", "score", "reasons"]
        assert list(data["ranking"][0]["reasons"][0]) == ["question", "stance", "text"]
        assert list(data["swap_hint"]) == ["role", "question", "from", "to", "text"]
        assert list(data["gaps"][0]) == ["skill", "name", "have", "need", "first_step"]
        assert list(data["tools"][0]) == ["tool", "name", "task", "unwanted"]
        assert all(isinstance(step, str) for step in data["path"])

    @PROPERTY_EXAMPLES
    @given(profiles())
    def test_any_valid_profile_gives_valid_json(
        self, recommender: Recommender, profile: Profile
    ) -> None:
        result = recommender.recommend(profile)
        assert json.loads(result.to_json()) == result.to_dict()
        assert result.to_dict()["confidence"] in {"high", "medium", "low"}
