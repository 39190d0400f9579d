"""Play: step a page's time field on a timer, one step per tick, stopping at the last.

Both the membership timeline and the exercise map animate through the years. The rules that
make that safe are the same for both, so they live here once:

- Only the timer's own runs step. The call during the page's full run just arms the timer, so
  every step stays on screen for the whole interval (and a full run never chains into the next).
- While playing, the controls that Play moves are drawn disabled and without callbacks
  (:func:`follows_play`): under load the browser can still hold the value from a step ago, and
  Pause must not send that back as the person's change (it used to rewind the timeline).
"""

from collections.abc import Callable
from typing import Any

import streamlit as st


def playing(key: str) -> bool:
    """Whether the page whose Play flag is ``key`` is playing."""
    return bool(st.session_state.get(key))


def follows_play(key: str, on_change: Callable[[], None]) -> dict[str, Any]:
    """Widget arguments for a control that Play moves: live when paused, inert while playing."""
    active = playing(key)
    return {"on_change": None if active else on_change, "disabled": active}


def play_ticker(key: str, interval: float, step: Callable[[], bool]) -> None:
    """Draw the timer for Play flag ``key``. ``step`` moves the state on and returns False when
    there is nothing left to show (Play then stops)."""
    armed = f"{key}__armed"
    st.session_state[armed] = False

    @st.fragment(run_every=interval if playing(key) else None)
    def ticker() -> None:
        if not playing(key):
            return
        if not st.session_state.get(armed):
            st.session_state[armed] = True
            return
        if not step():
            st.session_state[key] = False
        st.rerun(scope="app")

    ticker()
