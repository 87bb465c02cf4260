"""A burst of acknowledgements is spread over turns of the event loop."""

from __future__ import annotations

import asyncio

from bot.replies import Pacer


def test_a_burst_starts_at_most_per_turn_acknowledgements_in_one_loop_turn() -> None:
    async def burst() -> list[int]:
        pacer = Pacer(per_turn=3)
        turn = 0
        started: list[int] = []

        async def count_turns() -> None:
            nonlocal turn
            while len(started) < 10:
                turn += 1
                await asyncio.sleep(0)

        async def acknowledge() -> None:
            await pacer.turn()
            started.append(turn)

        counter = asyncio.create_task(count_turns())
        await asyncio.gather(*(acknowledge() for _ in range(10)))
        await counter
        return started

    started = asyncio.run(burst())
    assert len(started) == 10
    assert max(started.count(t) for t in set(started)) <= 3
    assert len(set(started)) >= 4


def test_a_pacer_keeps_working_when_its_loop_ends_mid_turn_and_a_new_one_starts() -> None:
    pacer = Pacer(per_turn=2)
    old = asyncio.new_event_loop()

    async def fill_the_turn_and_stop() -> None:
        await pacer.turn()
        await pacer.turn()
        old.stop()  # the loop ends before the turn's scheduled reset can run

    old.run_until_complete(fill_the_turn_and_stop())
    old.close()

    async def next_run() -> int:
        started = 0
        for _ in range(3):
            await asyncio.wait_for(pacer.turn(), timeout=1)
            started += 1
        return started

    assert asyncio.run(next_run()) == 3
