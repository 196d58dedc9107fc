"""The newest wall page, the one every member loads first, served from memory.

The newest posts any viewer may see are read once for everyone and kept as serialised JSON; each request
keeps those its viewer may see (`candidate_visible`, with the same mutes, blocks and hides the live stream
holds) and adds whether the viewer heard each one. The bytes are those the database path would answer.
Most readers get the same page (they hid, muted and heard none of it, and wrote none of it): it is made
once and answered to each of them as it is.

Every event this worker learns of, from any worker, drops what it may have changed: the shared copy for
anything that touches a post or its author, one member's filters for `viewer.changed`. When events from
other workers are not arriving as they commit (Redis is away), the page comes from the database instead.
A copy read while an event arrived is not kept, so a read never outlives the change it raced.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.realtime.events import StreamEvent, member_of
from app.realtime.viewer import load_viewer
from app.wall import repository
from app.wall.filter_words import TextForms, text_forms
from app.wall.page_bytes import Filtered, Forms, PagePost, page_post, plain_render, render, with_filter_words
from app.wall.visibility import StreamViewer, candidate_visible

# Enough that a viewer who hid or muted a good part of the newest posts still fills a page from memory;
# one who needs more is served from the database.
KEPT_POSTS = 200
_MOST_MEMBERS = 20_000  # per-member entries kept before they are all dropped and read again
# Events that never change a post anyone sees on the wall (viewer.changed is handled per viewer).
_UNCHANGED_KINDS = frozenset(
    {
        "member.joined",
        "viewer.changed",
        "session.ended",
        "notification",
        "crisis.help",
        "queue.changed",
        "appeal.opened",
        "rules.changed",
    }
)
T = TypeVar("T")
K = TypeVar("K")


@dataclass(frozen=True)
class _PlainPage:
    """The first page as most readers get it: each of its posts (and the one after it) published, by
    nobody they mute, block or are blocked by, not hidden by them, not heard by them, not theirs, and no
    filter words. Made once per shared copy and page size, and answered to each such reader as it is."""

    body: bytes
    authors: frozenset[int]  # of its posts and the one after, and of unpublished posts among them
    posts: frozenset[int]  # its posts and the one after
    shown: frozenset[int]  # its posts

    def fits(self, viewer: StreamViewer, heard: frozenset[int]) -> bool:
        return (
            viewer.filter is None
            and viewer.member_id not in self.authors
            and self.authors.isdisjoint(viewer.excluded_members)
            and self.posts.isdisjoint(viewer.hidden_posts)
            and self.shown.isdisjoint(heard)
        )


@dataclass(frozen=True)
class _Shared:
    posts: list[PagePost]
    complete: bool  # every post any viewer may see is here (fewer than KEPT_POSTS exist)
    plain_pages: dict[int, _PlainPage | None] = field(default_factory=dict)  # by page size

    def plain_page(self, limit: int) -> _PlainPage | None:
        if limit not in self.plain_pages:
            self.plain_pages[limit] = _plain_page(self, limit)
        return self.plain_pages[limit]


def _plain_page(shared: _Shared, limit: int) -> _PlainPage | None:
    """None when the kept posts hold too few published ones to tell whether another page follows."""
    published: list[PagePost] = []
    authors: set[int] = set()
    for post in shared.posts:
        authors.add(post.author_id)  # an unpublished post's author sees it: their page is not plain
        if post.published:
            published.append(post)
            if len(published) > limit:
                break
    if len(published) <= limit and not shared.complete:
        return None
    return _PlainPage(
        body=plain_render(published, limit),
        authors=frozenset(authors),
        posts=frozenset(post.id for post in published),
        shown=frozenset(post.id for post in published[:limit]),
    )


class NewestPage:
    def __init__(self, *, hearing: Callable[[], int | None]):
        self._hearing = hearing  # the broadcaster's
        self._heard_since: int | None = None
        self._generation = 0  # moves on whenever the shared copy may be out of date
        self._viewer_epoch = 0  # moves on whenever any member's filters may be
        self._shared: _Shared | None = None
        self._viewers: dict[int, StreamViewer] = {}
        self._heard: dict[int, tuple[int, frozenset[int]]] = {}  # member: (generation, post ids)
        # Each post's words as filters read them, made when a reader with filters first needs them and
        # kept while the words stay as they are (a heard count changing does not change them).
        self._forms: dict[tuple[int, datetime | None], TextForms] = {}

    def _trusted(self) -> bool:
        """Not while events may be missed; and all is read again after a time when some may have been."""
        hearing = self._hearing()
        if hearing != self._heard_since:
            self._heard_since = hearing
            self._generation += 1
            self._viewer_epoch += 1
            self._shared = None
            self._viewers.clear()
            self._heard.clear()
        return hearing is not None

    def observe(self, event: StreamEvent) -> None:
        if event.kind == "viewer.changed":
            self._viewers.pop(member_of(event.audience) or 0, None)
            self._viewer_epoch += 1
        if event.kind in _UNCHANGED_KINDS:
            return
        self._generation += 1
        self._shared = None
        self._heard.clear()

    async def page(self, session: AsyncSession, viewer_id: int, limit: int) -> bytes | None:
        """The viewer's first page of `limit` posts as JSON, or None when the database must answer.

        What is missing is read through the request's own session: a second connection per request
        could leave every pooled connection held by a request waiting for another."""
        if not self._trusted():
            return None
        generation, viewer_epoch = self._generation, self._viewer_epoch
        kept = self._heard.get(viewer_id)
        if self._shared is None or viewer_id not in self._viewers or not kept or kept[0] != generation:
            # Reads from here on begin a new snapshot, taken after `generation` and `viewer_epoch` (on
            # SQLite the request's snapshot dates from its session lookup), so nothing read is older than
            # what it is kept as.
            await session.commit()
        shared = await self._shared_copy(session)
        viewer = await self._viewer(session, viewer_id, viewer_epoch)
        if viewer is None:
            return None
        posts = _visible(shared, viewer, limit, self.forms_of)
        if posts is None:
            return None
        heard = await self._heard_by(session, viewer_id, generation, shared)
        if generation != self._generation:
            return None  # something changed while this was put together
        return render(posts, heard, viewer, limit)

    def kept_page(self, viewer_id: int, limit: int) -> bytes | None:
        """The same page when everything it needs is kept already, without reading; else None."""
        trusted = self._trusted()
        shared, viewer, heard = self._shared, self._viewers.get(viewer_id), self._heard.get(viewer_id)
        if not trusted or shared is None or viewer is None:
            return None
        if heard is None or heard[0] != self._generation:
            return None
        plain = shared.plain_page(limit)
        if plain is not None and plain.fits(viewer, heard[1]):
            return plain.body
        posts = _visible(shared, viewer, limit, self.forms_of)
        return None if posts is None else render(posts, heard[1], viewer, limit)

    async def viewer(self, session: AsyncSession, member_id: int) -> StreamViewer | None:
        """The member as wall pages need them (mutes, blocks, hides, filters), kept while trusted."""
        if not self._trusted():
            return await load_viewer(session, member_id)
        if member_id not in self._viewers:
            epoch = self._viewer_epoch
            await session.commit()  # a snapshot from after `epoch`, as in `page`
            return await self._viewer(session, member_id, epoch)
        return self._viewers[member_id]

    def kept_viewer(self, member_id: int) -> StreamViewer | None:
        return self._viewers.get(member_id) if self._trusted() else None

    def forms_of(self, post: PagePost) -> TextForms:
        key = (post.id, post.edited_at)
        forms = self._forms.get(key)
        if forms is None:
            forms = text_forms(post.body, post.content_warning)
            _keep(self._forms, key, forms, most=4 * KEPT_POSTS)
        return forms

    async def _shared_copy(self, session: AsyncSession) -> _Shared:
        return self._shared or await self._read_shared(session, self._generation)

    async def _read_shared(self, session: AsyncSession, generation: int) -> _Shared:
        rows = await repository.newest_candidates(session, limit=KEPT_POSTS)
        shared = _Shared(
            posts=[
                page_post(
                    id=row.post.id,
                    author_id=row.post.author_id,
                    pseudonym=row.pseudonym,
                    avatar=row.avatar,
                    kind=row.post.kind,
                    body=row.post.body,
                    content_warning=row.post.content_warning,
                    state=row.post.state,
                    created_at=row.post.created_at,
                    edited_at=row.post.edited_at,
                    heard_count=row.post.heard_count,
                    reply_count=row.post.reply_count,
                )
                for row in rows
            ],
            complete=len(rows) < KEPT_POSTS,
        )
        if generation == self._generation:
            self._shared = shared
        return shared

    async def _viewer(self, session: AsyncSession, member_id: int, epoch: int) -> StreamViewer | None:
        viewer = self._viewers.get(member_id)
        if viewer is not None:
            return viewer
        viewer = await load_viewer(session, member_id)
        if viewer is not None and epoch == self._viewer_epoch:
            _keep(self._viewers, member_id, viewer)
        return viewer

    async def _heard_by(
        self, session: AsyncSession, member_id: int, generation: int, shared: _Shared
    ) -> frozenset[int]:
        kept = self._heard.get(member_id)
        if kept is not None and kept[0] == generation:
            return kept[1]
        post_ids = [post.id for post in shared.posts]
        heard = await repository.heard_among(session, viewer_id=member_id, post_ids=post_ids)
        if generation == self._generation:
            _keep(self._heard, member_id, (generation, heard))
        return heard


def _visible(shared: _Shared, viewer: StreamViewer, limit: int, forms: Forms) -> Filtered | None:
    """The viewer's first `limit` posts and one more, each with the filter word it contains, or None when
    their page reaches past what is kept."""
    seen = (
        post
        for post in shared.posts
        if candidate_visible(viewer, post_id=post.id, author_id=post.author_id, published=post.published)
    )
    posts = list(islice(seen, limit + 1))
    if len(posts) <= limit and not shared.complete:
        return None
    return with_filter_words(posts, viewer, forms)


def _keep(cache: dict[K, T], key: K, value: T, *, most: int = _MOST_MEMBERS) -> None:
    if len(cache) >= most:
        cache.clear()
    cache[key] = value
