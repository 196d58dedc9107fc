"""The figures administrators see: items waiting now, time from report or hold to decision (median and
95th percentile, urgent separately), decisions per rule and action, open appeals."""

from datetime import timedelta

import pytest

from app.core.db import utcnow
from app.moderation.figures import percentile
from app.moderation.models import DecisionAction, Priority, ReasonSource, TargetType
from tests.moderation.sanction_helpers import API, decide_item, open_item, rules, sanctioned, team

__all__ = ["rules", "team"]  # fixtures


async def figures(admin, days: int = 30) -> dict:
    response = await admin.get(f"{API}/admin/figures?days={days}")
    assert response.status_code == 200, response.text
    return response.json()


async def decided_after(app, author, minutes: float, *, urgent: bool = False, days_ago: float = 0) -> int:
    """An item reported `minutes` before it was decided, `days_ago` days ago."""
    decided_at = utcnow() - timedelta(days=days_ago)
    post = await author.write_post()
    item = await open_item(
        app,
        target_type=TargetType.post,
        target_id=post["id"],
        author=author.pseudonym,
        reported_at=decided_at - timedelta(minutes=minutes),
        source=ReasonSource.crisis if urgent else ReasonSource.report,
        priority=Priority.urgent if urgent else Priority.reported,
    )
    await decide_item(
        app, item, moderator="rowan", action=DecisionAction.dismiss, rule_id=None, at=decided_at
    )
    return item


async def test_nothing_happened_yet(team):
    shown = await figures(team["sage"])
    assert shown["waiting_now"] == {"urgent": 0, "reported": 0, "held": 0, "flagged": 0, "total": 0}
    assert shown["time_to_decision"]["all"] == {"decided": 0, "median_seconds": None, "p95_seconds": None}
    assert shown["decisions_per_rule"] == [] and shown["open_appeals"] == 0


async def test_items_waiting_now_are_counted_by_priority(app, team):
    for priority in (Priority.urgent, Priority.held, Priority.held, Priority.flagged):
        post = await team["ash"].write_post()
        await open_item(
            app, target_type=TargetType.post, target_id=post["id"], author="ash", priority=priority
        )
    assert (await figures(team["sage"]))["waiting_now"] == {
        "urgent": 1,
        "reported": 0,
        "held": 2,
        "flagged": 1,
        "total": 4,
    }


async def test_decided_items_no_longer_wait(app, team):
    await decided_after(app, team["ash"], 5)
    assert (await figures(team["sage"]))["waiting_now"]["total"] == 0


async def test_median_and_95th_percentile_of_the_time_to_decision(app, team):
    for minutes in (1, 2, 3, 4, 100):
        await decided_after(app, team["ash"], minutes)
    times = (await figures(team["sage"]))["time_to_decision"]["all"]
    assert times["decided"] == 5
    assert times["median_seconds"] == pytest.approx(180, abs=1)
    assert times["p95_seconds"] == pytest.approx(6000, abs=1)


async def test_urgent_items_are_timed_separately(app, team):
    await decided_after(app, team["ash"], 2, urgent=True)
    await decided_after(app, team["ash"], 60)
    times = (await figures(team["sage"]))["time_to_decision"]
    assert times["urgent"]["decided"] == 1 and times["urgent"]["median_seconds"] == pytest.approx(120, abs=1)
    assert times["all"]["decided"] == 2


async def test_the_clock_runs_from_the_first_reason_to_the_first_decision(app, team):
    item = await decided_after(app, team["ash"], 10)
    # A later decision on the same round (a reversal on appeal) does not restart or stretch the clock.
    await decide_item(app, item, moderator="willow", action=DecisionAction.approve, rule_id=None)
    assert (await figures(team["sage"]))["time_to_decision"]["all"]["median_seconds"] == pytest.approx(
        600, abs=1
    )


async def test_an_escalation_is_not_the_decision_the_clock_waits_for(app, team):
    post = await team["ash"].write_post()
    reported = utcnow() - timedelta(minutes=30)
    item = await open_item(
        app, target_type=TargetType.post, target_id=post["id"], author="ash", reported_at=reported
    )
    await decide_item(app, item, moderator="rowan", action=DecisionAction.escalate, rule_id=None, at=reported)
    await decide_item(app, item, moderator="sage", action=DecisionAction.remove, rule_id=None)
    times = (await figures(team["sage"]))["time_to_decision"]["all"]
    assert times["median_seconds"] == pytest.approx(1800, abs=2)


async def test_decisions_before_the_window_are_left_out(app, team):
    await decided_after(app, team["ash"], 5, days_ago=10)
    await decided_after(app, team["ash"], 7)
    shown = await figures(team["sage"], days=7)
    assert shown["time_to_decision"]["all"]["decided"] == 1
    assert sum(row["count"] for row in shown["decisions_per_rule"]) == 1


async def test_decisions_are_counted_by_rule_and_action(app, team, rules):
    first, second = rules[0], rules[1]
    for rule, action in (
        (first, DecisionAction.remove),
        (first, DecisionAction.remove),
        (second, DecisionAction.remove),
    ):
        post = await team["ash"].write_post()
        item = await open_item(app, target_type=TargetType.post, target_id=post["id"], author="ash")
        await decide_item(app, item, moderator="rowan", action=action, rule_id=rule["id"])
    post = await team["ash"].write_post()
    item = await open_item(app, target_type=TargetType.post, target_id=post["id"], author="ash")
    await decide_item(app, item, moderator="rowan", action=DecisionAction.approve, rule_id=None)
    rows = (await figures(team["sage"]))["decisions_per_rule"]
    assert [(r["rule"]["id"] if r["rule"] else None, r["action"], r["count"]) for r in rows] == [
        (first["id"], "remove", 2),
        (second["id"], "remove", 1),
        (None, "approve", 1),
    ]
    assert rows[0]["rule"]["title"] == first["title"]


async def test_open_appeals_are_counted(team, rules):
    made = await sanctioned(team["rowan"], "ash", rules[0]["id"])
    await team["ash"].post(f"{API}/me/appeals", json={"sanction_id": made["id"], "text": "Please."})
    shown = await figures(team["sage"])
    assert shown["open_appeals"] == 1 and shown["oldest_open_appeal_at"]


async def test_the_window_is_one_day_to_a_year(team):
    for days in (0, 366):
        assert (await team["sage"].get(f"{API}/admin/figures?days={days}")).status_code == 422


def test_the_percentile_is_the_nearest_rank():
    assert percentile([1, 2, 3, 4], 0.5) == 2
    assert percentile([1, 2, 3, 4], 0.95) == 4
    assert percentile([], 0.5) is None
