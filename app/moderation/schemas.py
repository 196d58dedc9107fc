from datetime import datetime

from pydantic import BaseModel


class HouseRuleOut(BaseModel):
    id: int
    position: int
    title: str
    text: str
    summary: str | None


class RuleSetOut(BaseModel):
    version: int
    published_at: datetime
    change_summary: str
    rules: list[HouseRuleOut]
