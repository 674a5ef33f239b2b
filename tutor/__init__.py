"""A rule-based conversational tutor on how hormones govern bone remodeling and age-related bone loss.

    from tutor import Tutor
    tutor = Tutor.load()
    session = tutor.new_session()
    print(tutor.respond(session, "what do osteoclasts do?").text)
"""
from __future__ import annotations

from .engine import Thresholds, Tutor
from .errors import ContentError, Problem, SessionError, SessionWarning, TutorError, UnknownConceptError, UnknownLevelError
from .reply import Reply
from .session import Session

__all__ = [
    "Tutor", "Session", "Reply", "Thresholds", "TutorError", "ContentError", "Problem", "SessionError", "SessionWarning",
    "UnknownConceptError", "UnknownLevelError", "__version__",
]
__version__ = "0.1.0"
