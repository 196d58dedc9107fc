import pytest

from app.moderation.screening import Action, CheckKind, CheckSpec, Screener, compile_checks


def screener(*checks: CheckSpec) -> Screener:
    return compile_checks(checks)


@pytest.fixture(scope="session")
def words() -> Screener:
    return screener(
        CheckSpec(
            1,
            4,
            CheckKind.phrases,
            Action.nudge,
            phrases=("die", "cut", "kill", "cunt", "ass", "want to die"),
        ),
        CheckSpec(2, 2, CheckKind.crisis, Action.hold, phrases=("suicide", "kill myself"), sensitive=True),
    )
