"""Posts and replies as members send and see them: pseudonyms only, never account fields."""

from datetime import datetime

from pydantic import BaseModel, Field

from app.accounts.schemas import MemberRef
from app.core.schemas import StrictModel
from app.core.text import PlainText
from app.moderation.schemas import ScreeningNotice
from app.wall.models import ContentState, PostKind
from app.wall.repository import PostRow, ReplyRow

PostBody = PlainText(1, 5000)
ReplyBody = PlainText(1, 2000)
ContentWarning = PlainText(1, 100, multiline=False)


PostAnyway = Field(
    default=False, description="send words a house rule nudged about (code screening_nudge) as they are"
)


class PostIn(StrictModel):
    kind: PostKind
    body: PostBody  # type: ignore[valid-type]
    content_warning: ContentWarning | None = Field(  # type: ignore[valid-type]
        default=None, description="shown before the post; readers open the post to read on"
    )
    post_anyway: bool = PostAnyway


class PostEdit(StrictModel):
    kind: PostKind | None = None
    body: PostBody | None = None  # type: ignore[valid-type]
    content_warning: ContentWarning | None = None  # type: ignore[valid-type]
    post_anyway: bool = PostAnyway


class ReplyIn(StrictModel):
    body: ReplyBody  # type: ignore[valid-type]
    post_anyway: bool = PostAnyway


class PostPublic(BaseModel):
    """A post as every member may see it; live events carry this."""

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

    @classmethod
    def of(cls, row: PostRow) -> "PostPublic":
        post = row.post
        return cls(
            id=post.id,
            author=MemberRef(pseudonym=row.pseudonym, avatar=row.avatar),
            kind=post.kind,
            body=post.body,
            content_warning=post.content_warning,
            state=post.state,
            created_at=post.created_at,
            edited_at=post.edited_at,
            heard_count=post.heard_count,
            reply_count=post.reply_count,
        )


FILTERED = Field(
    default=False, description='it contains one of your filter words: show it behind "hidden by your filter"'
)
FILTER_WORD = Field(default=None, description="the filter word it contains, when filtered")


class PostOut(PostPublic):
    heard_by_me: bool
    mine: bool
    filtered: bool = FILTERED
    filter_word: str | None = FILTER_WORD

    @classmethod
    def for_viewer(cls, row: PostRow, viewer_id: int, filter_word: str | None = None) -> "PostOut":
        return cls(
            **PostPublic.of(row).__dict__,
            heard_by_me=row.heard_by_me,
            mine=row.post.author_id == viewer_id,
            filtered=filter_word is not None,
            filter_word=filter_word,
        )


class ReplyPublic(BaseModel):
    id: int
    post_id: int
    author: MemberRef
    body: str
    state: ContentState
    created_at: datetime
    edited_at: datetime | None
    heard_count: int

    @classmethod
    def of(cls, row: ReplyRow) -> "ReplyPublic":
        reply = row.reply
        return cls(
            id=reply.id,
            post_id=reply.post_id,
            author=MemberRef(pseudonym=row.pseudonym, avatar=row.avatar),
            body=reply.body,
            state=reply.state,
            created_at=reply.created_at,
            edited_at=reply.edited_at,
            heard_count=reply.heard_count,
        )


class ReplyOut(ReplyPublic):
    heard_by_me: bool
    mine: bool
    filtered: bool = FILTERED
    filter_word: str | None = FILTER_WORD

    @classmethod
    def for_viewer(cls, row: ReplyRow, viewer_id: int, filter_word: str | None = None) -> "ReplyOut":
        return cls(
            **ReplyPublic.of(row).__dict__,
            heard_by_me=row.heard_by_me,
            mine=row.reply.author_id == viewer_id,
            filtered=filter_word is not None,
            filter_word=filter_word,
        )


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


class PostWritten(PostOut):
    """A post just written or edited, with what screening tells its author."""

    screening: ScreeningNotice | None = Field(
        default=None, description="null when the words went straight to the wall"
    )


class ReplyWritten(ReplyOut):
    screening: ScreeningNotice | None = Field(
        default=None, description="null when the words went straight to the wall"
    )
