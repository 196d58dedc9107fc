"""Posting on the wall in front of the framework's routing, for the common case.

A post by a member who may post (a live session this worker need not touch, the current house rules
agreed, not suspended, paused, back from a break or new) whose words screening passes untouched is stored
through the database driver: one statement reads everything the route would check, then the post and its
event are stored together (on SQLite two inserts, in one transaction of the single writer with the read,
begun with the read and committed with the inserts, two hops to the driver's thread in all; on
PostgreSQL one statement, its own transaction, with the post's id drawn by the read). It is answered
with what the route would answer, and its event is published after commit, as the route's are.

Everything else goes on to the route, which decides from the start and answers every refusal: a
screening hit of any kind (nudge, hold, block, flag, crisis), a new member's first words, a session due
its minute's touch, a missing CSRF header, an invalid body. Nothing the fast path read is kept, and it has
stored nothing (on PostgreSQL a post id drawn and not used leaves a gap, as a rolled-back insert does).
The rules themselves live where the route reads them: sessions and suspension (app/accounts/service.py),
breaks (app/accounts/breaks.py), permissions (app/core/permissions.py), house rules versions
(app/moderation/service.py), new members' first words (app/moderation/intake.py), the screener
(app/moderation/screening_cache.py), the new post and its rate limit (app/wall/service.py) and its event
(app/wall/live.py).
"""

import email.message
import functools
import sqlite3
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import Integer, bindparam, func, insert, select
from sqlalchemy.engine import Dialect
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from app.accounts import breaks, service
from app.accounts.dependencies import CSRF_HEADER, session_cookie_name
from app.accounts.live_sessions import due_its_touch
from app.accounts.models import Member, MemberSession
from app.core.config import Settings
from app.core.db import DriverQuery, SqliteWriting, pooled_driver, sqlite_writing, utcnow
from app.core.errors import AppError
from app.core.http import read_body, replaying, scope_credentials, send_error, send_json
from app.core.permissions import Permission, Role, has_permission
from app.core.security import csrf_matches, hash_token
from app.moderation import intake
from app.moderation.screening_cache import NEWEST_VERSION
from app.moderation.service import current_version_number
from app.moderation.settings import MOST_HELD_POSTS, stored_thresholds, thresholds_of
from app.realtime import events
from app.realtime.events import StreamEvent
from app.realtime.models import Event
from app.wall import live, page_bytes
from app.wall import service as wall_service
from app.wall.fast_path import WALL_PATH
from app.wall.models import Post
from app.wall.schemas import PostIn

_POST_COLUMNS = (
    "author_id",
    "kind",
    "body",
    "content_warning",
    "state",
    "created_at",
    "heard_count",
    "reply_count",
)
_EVENT_COLUMNS = ("kind", "audience", "author_id", "post_id", "post_author_id", "payload", "created_at")


@dataclass(slots=True)
class _Author:
    """The author as the statement reads them, in its column order."""

    ended_at: datetime | None
    expires_at: datetime
    last_seen_at: datetime
    id: int
    role: Role
    pseudonym: str
    avatar: str
    rules_version_agreed: int
    suspended_until: datetime | None
    posting_paused_at: datetime | None
    break_until: datetime | None
    rules_version: int
    screening_version: int | None
    thresholds: str | None
    words_written: int
    next_post_id: int | None = None  # PostgreSQL: the new post's id, drawn as the author is read

    def may_post(self, now: datetime, *, settings: Settings, screening_version: int | None) -> bool:
        """Whether the route would take this post as it is, with the screener of `screening_version`."""
        return (
            service.session_is_live(self, settings=settings, now=now)
            and not due_its_touch(self.last_seen_at, now)
            and has_permission(self.role, Permission.write_wall, suspended=service.is_suspended(self, now))
            and self.posting_paused_at is None
            and self.rules_version_agreed == self.rules_version
            and not breaks.break_over(self, now)
            and self.screening_version == screening_version
            and not intake.is_first_words(self.words_written, thresholds_of(self.thresholds))
        )


def _author_statement(postgresql: bool) -> Any:
    statement = (
        select(
            MemberSession.ended_at,
            MemberSession.expires_at,
            MemberSession.last_seen_at,
            Member.id,
            Member.role,
            Member.pseudonym,
            Member.avatar,
            Member.rules_version_agreed,
            Member.suspended_until,
            Member.posting_paused_at,
            Member.break_until,
            current_version_number().label("rules_version"),
            NEWEST_VERSION.scalar_subquery().label("screening_version"),
            stored_thresholds().label("thresholds"),
            intake.first_words_written(Member.id, bindparam("words_up_to", type_=Integer)).label(
                "words_written"
            ),
        )
        .join(Member, Member.id == MemberSession.member_id)
        .where(MemberSession.token_hash == bindparam("token_hash"), Member.erased_at.is_(None))
    )
    if postgresql:
        statement = statement.add_columns(func.nextval(func.pg_get_serial_sequence("post", "id")))
    return statement


def _bound(model: Any, columns: tuple[str, ...], prefix: str = "") -> dict[str, Any]:
    """Each column as a parameter named `prefix` + its name, typed as the column."""
    table = model.__table__
    return {name: bindparam(prefix + name, type_=table.c[name].type) for name in columns}


def _post_and_event() -> Any:
    """PostgreSQL: the post, its id drawn beforehand, and its event in one statement, a transaction of its
    own: no round trips to begin and commit, and the event lock (app/realtime/events.py) is held only
    while the statement runs."""
    post = _bound(Post, ("id", *_POST_COLUMNS), "post_")
    locked = events.under_event_lock(select(*post.values()))
    new_post = insert(Post).from_select(list(post), locked).returning(Post.id).cte("new_post")
    event = _bound(Event, _EVENT_COLUMNS, "event_") | {"post_id": new_post.c.id}  # as stored
    rows = select(*event.values()).select_from(new_post)
    return insert(Event).from_select(list(event), rows).returning(Event.id).add_cte(new_post)


class _Statements:
    """The fast path's statements, compiled once for a database."""

    def __init__(self, dialect: Dialect):
        postgresql = dialect.name == "postgresql"
        self.author = DriverQuery(_author_statement(postgresql), dialect, token_hash="", words_up_to=0)
        self.together: DriverQuery | None = None
        if postgresql:
            names = [f"post_{name}" for name in ("id", *_POST_COLUMNS)]
            names += [f"event_{name}" for name in _EVENT_COLUMNS if name != "post_id"]
            self.together = DriverQuery(_post_and_event(), dialect, **dict.fromkeys(names))
        else:
            post = insert(Post).values(_bound(Post, _POST_COLUMNS)).returning(Post.id)
            event = insert(Event).values(_bound(Event, _EVENT_COLUMNS)).returning(Event.id)
            self.post = DriverQuery(post, dialect, **dict.fromkeys(_POST_COLUMNS))
            self.event = DriverQuery(event, dialect, **dict.fromkeys(_EVENT_COLUMNS))

    def writing(self, driver: Any) -> AbstractAsyncContextManager[SqliteWriting | None]:
        """Around reading the author and storing: on SQLite a transaction of the single writer, so no
        write from any worker falls between the read and the inserts, as with the route; on PostgreSQL
        none, as storing is one statement (the author is read at READ COMMITTED, as the route reads)."""
        return nullcontext() if self.together is not None else sqlite_writing(driver)

    async def read_author(self, driver: Any, writing: SqliteWriting | None, **values: Any) -> _Author | None:
        """The author, on SQLite as the writer's transaction begins, in the same hop."""
        found = await (
            self.author.rows(driver, **values) if writing is None else writing.begin(self.author, **values)
        )
        return _Author(*found[0]) if found else None

    async def store(
        self, driver: Any, writing: SqliteWriting | None, author: _Author, words: PostIn, now: datetime
    ) -> tuple[bytes, StreamEvent]:
        """Stores the post and its event as the route does (app/wall/service.py); returns the answer and
        the event to publish. Whatever fails before the answer is whole stores nothing."""
        post = wall_service.new_post(
            author_id=author.id,
            kind=words.kind,
            body=words.body,
            content_warning=words.content_warning,
            held=False,
            now=now,
        )
        values = {name: post[name] for name in _POST_COLUMNS}
        if writing is None:  # PostgreSQL
            post_id = author.next_post_id
            assert self.together is not None and post_id is not None
            written, event = _written(post, post_id, author)
            bound = {f"post_{name}": value for name, value in values.items()} | {"post_id": post_id}
            bound |= {f"event_{name}": value for name, value in event.items() if name != "post_id"}
            [[event_id]] = await self.together.rows(driver, **bound)
            return written, _stream_event(event_id, event)

        def post_and_event(connection: sqlite3.Connection) -> tuple[bytes, StreamEvent]:
            """On the driver's thread, in the hop that commits: the event's payload holds the post's id."""
            [[post_id]] = self.post.rows_on(connection, **values)
            written, event = _written(post, post_id, author)
            [[event_id]] = self.event.rows_on(connection, **event)
            return written, _stream_event(event_id, event)

        return await writing.commit(post_and_event)


@functools.lru_cache(maxsize=64)  # members' clients send few distinct content types
def _json_body(content_type: str | None) -> bool:
    """Whether the route reads the body as JSON, as FastAPI decides: a content type of application/json
    or application/*+json, and none at all refused (FastAPI's strict content type)."""
    if content_type is None:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def _written(post: dict[str, Any], post_id: int, author: _Author) -> tuple[bytes, dict[str, Any]]:
    """The answer, and the event's columns as stored, both made from the post's public fields written to
    JSON once."""
    head = page_bytes.public_head(id=post_id, pseudonym=author.pseudonym, avatar=author.avatar, **post)
    public = orjson.Fragment(head + b"}")
    event = live.post_event_of(
        "post.published", state=post["state"], author_id=author.id, post_id=post_id, public=public
    )
    payload = events.stored_payload(event.pop("data"))
    return page_bytes.written_for_author(head), event | {"payload": payload, "created_at": post["created_at"]}


def _stream_event(event_id: int, event: dict[str, Any]) -> StreamEvent:
    return StreamEvent.build(
        event_id,
        event["kind"],
        event["audience"],
        event["author_id"],
        event["post_id"],
        event["post_author_id"],
        event["payload"],
    )


class PostingMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app
        self._statements: dict[str, _Statements] = {}
        # How many of an author's posts and replies to count: the number held for a new member, as the
        # last author read found it. Counted up to fewer than a raised number, an author's words always
        # look like first words, so that post goes to the route, which counts them itself.
        self._words_up_to = MOST_HELD_POSTS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == WALL_PATH:
            body = await read_body(receive)
            if body is None:
                return
            try:
                written = await self._post(scope, body)
            except AppError as error:  # over the rate limit, as the route would answer it
                await send_error(send, error)
                return
            if written is not None:
                await send_json(send, 201, written)
                return
            receive = replaying(body, receive)
        await self.app(scope, receive, send)

    async def _post(self, scope: Scope, body: bytes) -> bytes | None:
        state = scope["app"].state
        settings: Settings = state.settings
        token, via_cookie = scope_credentials(scope, session_cookie_name(settings))
        if token is None:
            return None
        headers = Headers(scope=scope)
        if via_cookie and not csrf_matches(settings.secret_key, token, headers.get(CSRF_HEADER)):
            return None
        if not _json_body(headers.get("content-type")):
            return None
        try:
            words = PostIn.model_validate_json(body)
        except ValidationError:
            return None
        kept = state.screeners.kept()
        if kept is None:
            return None
        screening_version, screener = kept
        if any(screener.screen(text).hits for text in (words.body, words.content_warning) if text):
            return None
        now = utcnow()
        engine = state.database.writer
        statements = self._statements.get(engine.dialect.name) or self._statements.setdefault(
            engine.dialect.name, _Statements(engine.dialect)
        )
        async with pooled_driver(engine) as driver, statements.writing(driver) as writing:
            author = await statements.read_author(
                driver, writing, token_hash=hash_token(token), words_up_to=self._words_up_to
            )
            if author is not None:
                self._words_up_to = thresholds_of(author.thresholds).new_member_held_posts
            if author is None or not author.may_post(
                now, settings=settings, screening_version=screening_version
            ):
                return None  # on SQLite the transaction is rolled back, having written nothing
            await wall_service.count_post(state.rate_limiter, settings, author.id)
            written, event = await statements.store(driver, writing, author, words, now)
        await state.broadcaster.publish([event])
        return written
