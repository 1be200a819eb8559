"""The action in progress in this thread or task: who acts, and why (read by history and audit)."""

from contextvars import ContextVar
from typing import Any, Protocol


class RunningAction(Protocol):
    user: Any
    reason: str


_running: ContextVar[RunningAction | None] = ContextVar("noivu_running_action", default=None)


def current_action() -> RunningAction | None:
    return _running.get()


def enter(action: RunningAction) -> object:
    return _running.set(action)


def leave(token: object) -> None:
    _running.reset(token)  # type: ignore[arg-type]
