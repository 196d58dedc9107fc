"""Appeals, in and out: the member's own view, and the moderators' view of every appeal."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.models import AppealStatus
from app.moderation.sanction_schemas import RowId

AppealText = PlainText(1, 2000)


class AppealIn(StrictModel):
    sanction_id: RowId | None = Field(default=None, description="one of your sanctions")
    decision_id: RowId | None = Field(default=None, description="a removal of your words")
    text: AppealText = Field(description="why you think it should change")  # type: ignore[valid-type]


class AppealDecisionIn(StrictModel):
    outcome: Literal["granted", "refused"]
    response: AppealText = Field(description="sent to the member")  # type: ignore[valid-type]


class MyAppealOut(BaseModel):
    id: int
    sanction_id: int | None
    decision_id: int | None
    text: str
    status: AppealStatus
    created_at: datetime
    resolved_at: datetime | None
    response: str | None


class MyAppealPage(BaseModel):
    items: list[MyAppealOut]
    next_cursor: str | None


class AppealOut(MyAppealOut):
    member: str = Field(description="the appealing member's pseudonym")
    resolved_by: str | None


class AppealPage(BaseModel):
    items: list[AppealOut]
    next_cursor: str | None
