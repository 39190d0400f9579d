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
from datetime import date
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


def year_play(
    key: str, toggle_key: str, name: str, bounds: tuple[int, int]
) -> tuple[Callable[[], None], Callable[[], bool]]:
    """Play over a year field ``name`` of the page's state (None: every year): the toggle's
    callback (Play starts at the first year, or goes on from the year shown unless it is the
    last) and the ticker's step (on to the next year, until the last)."""
    from components.ui.state import current_state, update

    first, last = bounds

    def toggle() -> None:
        st.session_state[key] = bool(st.session_state.get(toggle_key))
        year = current_state()[name]
        if st.session_state[key] and (year is None or year >= last):
            update(**{name: first})

    def step() -> bool:
        year = current_state()[name]
        if year is None or year >= last:
            return False
        update(**{name: year + 1})
        return True

    return toggle, step


def year_end(year: int, today: date) -> date:
    """The as-of date a year stands for: its last day (today for the current year)."""
    return min(date(year, 12, 31), today)


def day_play(
    key: str, toggle_key: str, name: str, bounds: tuple[date, date]
) -> tuple[Callable[[], None], Callable[[], bool]]:
    """Play over a date field ``name`` year by year: the toggle's callback (from today, Play starts
    over at the end of the first year) and the ticker's step (on to the end of the next year,
    today in the current one)."""
    from components.ui.state import current_state, update

    first, today = bounds

    def toggle() -> None:
        st.session_state[key] = bool(st.session_state.get(toggle_key))
        if st.session_state[key] and current_state()[name] >= today:
            update(**{name: year_end(first.year, today)})

    def step() -> bool:
        current = current_state()[name]
        if current >= today:
            return False
        next_year = current.year + 1 if current == year_end(current.year, today) else current.year
        update(**{name: year_end(next_year, today)})
        return True

    return toggle, step
