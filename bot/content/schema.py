"""The shape of every knowledge file, declared once as typed, frozen records.

pydantic checks keys, types and ranges; `bot.content.knowledge` turns its errors into `file:line`
problems and adds the checks that need more than one file (unknown ids, shared phrasings).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]
Level = Annotated[int, Field(strict=True, ge=0, le=3)]
Version = Annotated[int, Field(strict=True, ge=1)]
Source = Literal["workera", "project"]
CodeStyle = Literal["prototyping", "production", "both"]
ToolCategory = Literal[
    "language",
    "library",
    "framework",
    "platform",
    "database",
    "analytics",
    "big_data",
    "orchestration",
    "mlops",
    "devops",
    "environment",
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolRef(Record):
    tool: Id
    source: Source


class Code(Record):
    style: CodeStyle
    text: Text


class Role(Record):
    name: Text
    aliases: Annotated[tuple[Text, ...], Field(min_length=1)]
    summary: Text
    tasks: Annotated[
        dict[Id, Annotated[tuple[Text, ...], Field(min_length=1)]], Field(min_length=1)
    ]
    code: Code
    levels: dict[Id, Level]
    tools: dict[Id, Annotated[tuple[ToolRef, ...], Field(min_length=1)]]
    path: Annotated[tuple[Text, ...], Field(min_length=3, max_length=6)]
    differs: Annotated[dict[Id, Text], Field(min_length=1)]
    titles: tuple[Text, ...] = ()


class Task(Record):
    name: Text
    description: Text
    subtasks: Annotated[tuple[Text, ...], Field(min_length=1)]
    skills: Annotated[tuple[Id, ...], Field(min_length=1)]
    tools: Annotated[tuple[ToolRef, ...], Field(min_length=1)]


class SkillLevels(Record):
    beginning: Text
    developing: Text
    accomplished: Text


class SkillSteps(Record):
    """The next step from each level: a "developing" person gets the developing step."""

    none: Text
    beginning: Text
    developing: Text


class RoleSteps(Record):
    """A role's own next step from some levels, where it needs the skill for other work than
    most roles do (a data analyst's mathematics is for analysis, not for training models)."""

    none: Text | None = None
    beginning: Text | None = None
    developing: Text | None = None

    @model_validator(mode="after")
    def _gives_a_step(self) -> RoleSteps:
        if self.none is None and self.beginning is None and self.developing is None:
            raise ValueError("no step given: write one for none, beginning or developing")
        return self


class Skill(Record):
    name: Text
    covers: Text
    levels: SkillLevels
    steps: SkillSteps
    steps_for_role: dict[Id, RoleSteps] = {}
    learn: Annotated[tuple[Text, ...], Field(min_length=1)]
    check: Text


class Tool(Record):
    name: Text
    category: ToolCategory
    purpose: Text
    short: Text | None = None  # a button-sized name where `name` is long (the quiz's tools step)
    # Tools that do one job share a name here (AWS, Google Cloud and Azure: `cloud`): someone
    # who uses one is not told to learn the others (a tester on AWS was told to learn Azure).
    one_of: Id | None = None

    @property
    def label(self) -> str:
        return self.short or self.name


# Whose word an answer is: the AI Career Pathways material (`source`), the project's own advice
# where the source is silent (`project`, shown as "our take"), or a fact about this bot (`bot`).
Take = Literal["source", "project", "bot"]


class FaqEntry(Record):
    title: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=60)]
    take: Take
    questions: Annotated[tuple[Text, ...], Field(min_length=6)]
    answer: Text
    more: Text | None = None  # the rest, behind a "More" button: the answer stays chat-sized
    related: tuple[Text, ...] = ()
    # Job titles outside the nine roles that this entry owns: `/role <title>` shows it, the
    # matcher answers the title typed alone, and `kb check` refuses a title owned twice.
    titles: tuple[Text, ...] = ()


class RolesFile(Record):
    version: Version
    roles: dict[Id, Role]


class TasksFile(Record):
    version: Version
    tasks: dict[Id, Task]


class SkillsFile(Record):
    version: Version
    skills: dict[Id, Skill]


class ToolsFile(Record):
    version: Version
    tools: dict[Id, Tool]


class FaqFile(Record):
    version: Version
    entries: dict[Id, FaqEntry]


# Messages keep their spacing: a list separator of ", " is two characters on purpose.
RawText = Annotated[str, StringConstraints(strict=True, min_length=1)]


class MessagesFile(Record):
    version: Version
    messages: dict[Id, RawText]
    commands: dict[Id, Text]


class Matching(Record):
    """Thresholds of the FAQ matcher; knowledge/phrasings.yaml explains how they were set."""

    answer_score: Annotated[float, Field(strict=False, ge=0, le=100)]
    answer_margin: Annotated[float, Field(strict=False, ge=0, le=100)]
    suggest_score: Annotated[float, Field(strict=False, ge=0, le=100)]
    max_suggestions: Annotated[int, Field(strict=True, ge=1, le=5)]
    recall_weight: Annotated[float, Field(strict=False, gt=0, le=10)]
    unknown_word_weight: Annotated[float, Field(strict=False, ge=0, le=10)]
    entity_mismatch_factor: Annotated[float, Field(strict=False, ge=0, le=1)]
    min_known_weight: Annotated[float, Field(strict=False, ge=0)]
    # Newer than the rest: a knowledge folder of one's own written before them still loads.
    max_unknown_share: Annotated[float, Field(strict=False, gt=0, le=1)] = 0.5
    bot_entry_own_words: Annotated[float, Field(strict=False, ge=0, le=1)] = 0.5
    name_weight: Annotated[int, Field(strict=True, ge=1, le=8)]


class EntityNames(Record):
    role: dict[Id, tuple[Text, ...]] = Field(default_factory=dict)
    task: dict[Id, tuple[Text, ...]]
    skill: dict[Id, tuple[Text, ...]]
    tool: dict[Id, tuple[Text, ...]]


class PhrasingsFile(Record):
    version: Version
    templates: dict[Text, Annotated[tuple[Text, ...], Field(min_length=1)]]
    extra: dict[Text, Annotated[tuple[Text, ...], Field(min_length=1)]] = Field(
        default_factory=dict
    )
    entities: EntityNames
    synonyms: dict[Text, Text]
    stop_words: tuple[Text, ...]
    matching: Matching
