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
