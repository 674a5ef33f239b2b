"""Messages that only ask to change depth, read by their words rather than by sentence shapes.

"ok, go one level deeper", "still too much, simplest version please", "much deeper, molecular level": each
is made of depth words (dialogues/chat.yaml `depth_words`) and words that may stand around them. When every
word of a message belongs to one of those classes, the message changes the depth; a single word outside
them ("and in men?", "what is deeper bone?") makes it a question like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DepthTalk", "DEPTH_CLASSES"]

# class -> how many steps it moves the depth (two steps reach either end from anywhere)
DEPTH_CLASSES = {"deeper": +1, "simpler": -1, "academic": +2, "fundamentals": -2, "neutral": 0}
# words of the deeper class that, after another request, only intensify it
_INTENSIFIERS = frozenset({"more", "further"})


@dataclass(frozen=True)
class DepthTalk:
    phrases: dict[str, str]  # folded word or phrase -> its class
    longest: int = 1  # the most words in one phrase

    @classmethod
    def of(cls, classes: dict[str, tuple[str, ...]]) -> "DepthTalk":
        phrases = {phrase: name for name, words in classes.items() for phrase in words}
        return cls(phrases, max((len(p.split()) for p in phrases), default=1))

    def steps(self, folded: str) -> int | None:
        """How far the message moves the depth (+1 deeper ... -2 to fundamentals); None when it is not only that."""
        found = self._classes(folded.split())
        if not found:
            return None
        moves: list[int] = []
        for name, phrase in found:
            if name == "neutral":
                continue
            # "dumb it down more": a bare "more" after a request only says more of the same
            if phrase in _INTENSIFIERS and moves:
                continue
            moves.append(DEPTH_CLASSES[name])
        if not moves:
            return None
        # the last request counts ("more detail... no, simpler"), but an end named anywhere wins over a step
        ends = [m for m in moves if abs(m) == 2]
        return ends[-1] if ends else moves[-1]

    def _classes(self, words: list[str]) -> list[tuple[str, str]] | None:
        """The class of each phrase with the phrase, longest phrase first; None when some word belongs to none."""
        found, i = [], 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                phrase = " ".join(words[i:i + size])
                name = self.phrases.get(phrase)
                if name is not None:
                    found.append((name, phrase))
                    i += size
                    break
            else:
                return None
        return found
