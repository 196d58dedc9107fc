"""Wall pages written straight to JSON bytes: what the route's response model (PostPage) would answer,
byte for byte, without a model per post; and, the same way, the answer to a post stored in front of the
routing (app/wall/fast_posting.py).

The newest page builds them from posts kept in memory (app/wall/newest.py); every other page of the wall
from one statement run through the database driver (`OlderPages`), the same visibility rule as every view
(app/wall/repository.py builds it from app/wall/visibility.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from pydantic_core import to_json
from sqlalchemy import Integer, bindparam
from sqlalchemy.engine import Dialect

from app.core.db import BigId, DriverQuery
from app.core.schemas import encode_cursor
from app.wall import repository
from app.wall.filter_words import TextForms
from app.wall.models import ContentState
from app.wall.visibility import StreamViewer, filter_word


@dataclass(slots=True)  # made for every post of every page read through the database: kept light
class PagePost:
    id: int
    author_id: int
    published: bool
    head: bytes  # its public fields (PostPublic) as JSON, without the closing brace
    plain: bytes  # the whole item for a reader who did not hear it, write it or filter it: most readers
    body: str
    content_warning: str | None
    edited_at: datetime | None


def _public(
    *,
    id: int,
    pseudonym: str,
    avatar: str,
    kind: str,
    body: str,
    content_warning: str | None,
    state: ContentState,
    created_at: datetime,
    edited_at: datetime | None,
    heard_count: int,
    reply_count: int,
    **_others: object,
) -> dict[str, object]:
    """A post's public fields (PostPublic), in its order; a row's other columns are left out."""
    return {
        "id": id,
        "author": {"pseudonym": pseudonym, "avatar": avatar},
        "kind": kind,
        "body": body,
        "content_warning": content_warning,
        "state": state,
        "created_at": created_at,
        "edited_at": edited_at,
        "heard_count": heard_count,
        "reply_count": reply_count,
    }


def public_head(**fields: Any) -> bytes:
    """A post's public fields (PostPublic) as JSON, without the closing brace: what its items in pages,
    its answer to its author and its events are made from."""
    return orjson.dumps(_public(**fields), option=orjson.OPT_UTC_Z)[:-1]


def page_post(*, author_id: int, **fields: Any) -> PagePost:
    """A post as pages are made from it: its fields are those of the wall statement's rows."""
    head = public_head(**fields)
    return PagePost(
        id=fields["id"],
        author_id=author_id,
        published=fields["state"] == ContentState.published,
        head=head,
        plain=_item(head, heard=False, mine=False, word=None),
        body=fields["body"],
        content_warning=fields["content_warning"],
        edited_at=fields["edited_at"],
    )


Forms = Callable[[PagePost], TextForms]
Filtered = list[tuple[PagePost, str | None]]  # each post with the filter word it contains, if any


def with_filter_words(posts: list[PagePost], viewer: StreamViewer, forms: Forms) -> Filtered:
    if viewer.filter is None:
        return [(post, None) for post in posts]
    return [
        (post, filter_word(viewer.filter, viewer.member_id, post.author_id, lambda post=post: forms(post)))
        for post in posts
    ]


def render(posts: Filtered, heard: frozenset[int], viewer: StreamViewer, limit: int) -> bytes:
    """`posts` holds the page and one more when another page follows, each with its filter word."""
    more = len(posts) > limit
    posts = posts[:limit]
    leave_out = viewer.filter is not None and viewer.filter.leave_out
    me = viewer.member_id
    items = b",".join(
        post.plain
        if word is None and post.id not in heard and post.author_id != me
        else _item(post.head, heard=post.id in heard, mine=post.author_id == me, word=word)
        for post, word in posts
        if word is None or not leave_out
    )
    return _page_json(items, posts[-1][0].id if more and posts else None)


def plain_render(posts: list[PagePost], limit: int) -> bytes:
    """`render` for a reader who sees every one of `posts` (the page and one more when another page
    follows), heard none, wrote none and filters no words."""
    more = len(posts) > limit
    posts = posts[:limit]
    return _page_json(b",".join(post.plain for post in posts), posts[-1].id if more and posts else None)


def _page_json(items: bytes, last_id: int | None) -> bytes:
    cursor = b"null" if last_id is None else b'"%s"' % encode_cursor(last_id).encode()
    return b'{"items":[%s],"next_cursor":%s}' % (items, cursor)


def _item(head: bytes, *, heard: bool, mine: bool, word: str | None) -> bytes:
    return b'%s,"heard_by_me":%s,"mine":%s,"filtered":%s,"filter_word":%s}' % (
        head,
        _json(heard),
        _json(mine),
        _json(word is not None),
        to_json(word),
    )


def written_for_author(head: bytes) -> bytes:
    """What the route answers (PostWritten) to the author of a post just stored as it was sent, with nothing
    screening had to say."""
    return _item(head, heard=False, mine=True, word=None)[:-1] + b',"screening":null}'


def _json(value: bool) -> bytes:
    return b"true" if value else b"false"


_BEFORE_EVERY_POST = 2**62  # as a cursor: the newest page


class OlderPages:
    """Wall pages past the newest (and the newest, when memory cannot answer it), one statement each."""

    def __init__(self) -> None:
        self._queries: dict[str, DriverQuery] = {}

    def _query(self, dialect: Dialect) -> DriverQuery:
        query = self._queries.get(dialect.name)
        if query is None:
            statement = repository.wall_page_statement(
                viewer=bindparam("viewer", type_=BigId),
                after=bindparam("after", type_=BigId),
                rows=bindparam("rows", type_=Integer),
            )
            query = self._queries[dialect.name] = DriverQuery(statement, dialect, viewer=0, after=0, rows=0)
        return query

    async def page(
        self,
        driver: Any,
        dialect: Dialect,
        viewer: StreamViewer,
        *,
        after: int | None,
        limit: int,
        forms: Forms,
    ) -> bytes:
        """`driver` is a connection's own driver (app/core/db.py)."""
        query = self._query(dialect)
        rows = await query.rows(
            driver,
            viewer=viewer.member_id,
            after=_BEFORE_EVERY_POST if after is None else after,
            rows=limit + 1,
        )
        fields = [dict(zip(query.columns, row, strict=True)) for row in rows]
        if viewer.filter is None:
            # Most readers filter no words: their page goes to JSON in one call, as `render` would write it.
            me = viewer.member_id
            items = [
                _public(**row)
                | {
                    "heard_by_me": bool(row["heard_by_me"]),
                    "mine": row["author_id"] == me,
                    "filtered": False,
                    "filter_word": None,
                }
                for row in fields[:limit]
            ]
            cursor = encode_cursor(items[-1]["id"]) if len(fields) > limit and items else None
            return orjson.dumps({"items": items, "next_cursor": cursor}, option=orjson.OPT_UTC_Z)
        heard = frozenset(row["id"] for row in fields if row.pop("heard_by_me"))
        posts = [page_post(**row) for row in fields]
        return render(with_filter_words(posts, viewer, forms), heard, viewer, limit)
