"""Posts and replies as members send and see them: pseudonyms only, never account fields."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.accounts.schemas import MemberRef
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.wall.models import ContentState, PostKind

PostBody = PlainText(1, 5000)
ReplyBody = PlainText(1, 2000)
ContentWarning = PlainText(1, 100, multiline=False)


class PostIn(StrictModel):
    kind: PostKind
    body: PostBody  # type: ignore[valid-type]
    content_warning: ContentWarning | None = Field(  # type: ignore[valid-type]
        default=None, description="shown before the post; readers open the post to read on"
    )


class PostEdit(StrictModel):
    kind: PostKind | None = None
    body: PostBody | None = None  # type: ignore[valid-type]
    content_warning: ContentWarning | None = None  # type: ignore[valid-type]


class ReplyIn(StrictModel):
    body: ReplyBody  # type: ignore[valid-type]


class PostOut(BaseModel):
    id: int
    author: MemberRef
    kind: PostKind
    body: str
    content_warning: str | None
    state: ContentState
    created_at: datetime
    edited_at: datetime | None
    heard_count: int
    reply_count: int
    heard_by_me: bool
    mine: bool


class ReplyOut(BaseModel):
    id: int
    post_id: int
    author: MemberRef
    body: str
    state: ContentState
    created_at: datetime
    edited_at: datetime | None
    heard_count: int
    heard_by_me: bool
    mine: bool


class PostPage(BaseModel):
    items: list[PostOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null at the end")


class ReplyPage(BaseModel):
    items: list[ReplyOut]
    next_cursor: str | None


class Thread(BaseModel):
    post: PostOut
    replies: ReplyPage


class Heard(BaseModel):
    heard_count: int
    heard_by_me: bool


class Hearers(BaseModel):
    items: list[MemberRef]
