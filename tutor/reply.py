"""What the tutor returns for one turn."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["KINDS", "Reply"]

KINDS = ("answer", "clarify", "unknown", "safety", "chat", "quiz", "lesson")


# keyword-only: a reply has a dozen fields, and a positional call that shifts one of them
# (a section read as suggestions) would still run
@dataclass(frozen=True, kw_only=True)
class Reply:
    """One reply. `text` is for the user; the other fields say how it was chosen. Built by keyword only.

    kind: answer | clarify | unknown | safety | chat | quiz | lesson
    concept: the concept id answered (or None); runner_up: the next best concept id
    level: the depth of this reply; confidence: 0..1 for the chosen concept
    section: where in the source document the answer comes from
    level_changed: True when this reply moved the learner to another depth
    """

    kind: str
    text: str
    level: str
    concept: str | None = None
    confidence: float = 0.0
    runner_up: str | None = None
    section: str | None = None
    suggestions: tuple[str, ...] = ()
    level_changed: bool = False
    intent: str | None = None
    options: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def about(self) -> frozenset[str]:
        """Every concept the reply is about: the entry answered, a relation's theme, both sides of a
        comparison or of a link, the concept of an aspect the document does not discuss."""
        data = self.data
        found = {data.get("entry", self.concept), data.get("theme"), data.get("about"), *data.get("compare", ()),
                 *data.get("link", ())}
        return frozenset(c for c in found if c)

    def to_dict(self) -> dict[str, Any]:
        result = asdict(self)
        result["suggestions"] = list(self.suggestions)
        result["options"] = list(self.options)
        result["confidence"] = round(self.confidence, 3)
        return result
