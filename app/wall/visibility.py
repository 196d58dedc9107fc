"""What a viewer may see on the wall: the one rule every list, feed, thread and live stream uses.

The query builders below filter stored rows; `event_visible` applies the same rule to live events, with
the viewer's mutes, blocks and hides held in memory so no recipient costs a query. The newest wall page
splits the rule in two: `wall_candidates` (the same for every viewer) in the query that fills the shared
copy, and `candidate_visible` (each viewer's part) in memory.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import aliased

from app.accounts.models import Member, MemberRelation, RelationKind
from app.core.db import utcnow
from app.realtime.events import MODERATORS, WALL, StreamEvent, member_audience
from app.wall.filter_words import FilterMatcher, TextForms, text_forms
from app.wall.models import ContentState, Post, PostHide, Reply, ReplyHide

# The viewer in a query: their id, or a bound parameter in a statement compiled once for every viewer.
ViewerId = int | ColumnElement[int]

# Aliased, so it never correlates with a Member the outer query joins; made once, because building an
# alias's column adapters took a tenth of a wall page's time.
_MEMBER = aliased(Member)


def member_visible(member_id: ColumnElement[int], viewer_id: ViewerId) -> list[ColumnElement[bool]]:
    """A member exists for the viewer: not erased, and not blocking the viewer."""
    return [
        ~exists().where(_MEMBER.id == member_id, _MEMBER.erased_at.is_not(None)),
        ~exists().where(
            MemberRelation.member_id == member_id,
            MemberRelation.other_id == viewer_id,
            MemberRelation.kind == RelationKind.block,
        ),
    ]


def _author_visible(author_id: ColumnElement[int], viewer_id: ViewerId) -> list[ColumnElement[bool]]:
    """Their words reach the viewer: the member exists for them, and is not muted or blocked by them."""
    return [
        *member_visible(author_id, viewer_id),
        ~exists().where(MemberRelation.member_id == viewer_id, MemberRelation.other_id == author_id),
    ]


def _state_visible(
    state: ColumnElement[str], author_id: ColumnElement[int], viewer_id: ViewerId
) -> ColumnElement[bool]:
    """Published, or pending and the viewer's own; never removed or deleted."""
    return or_(state == ContentState.published, and_(state == ContentState.pending, author_id == viewer_id))


def post_visible(viewer_id: ViewerId, *, include_hidden: bool = False) -> list[ColumnElement[bool]]:
    """`include_hidden` is for the viewer's own list of the posts they hid, so they can unhide them."""
    rules = [
        _state_visible(Post.state, Post.author_id, viewer_id),
        *_author_visible(Post.author_id, viewer_id),
    ]
    if not include_hidden:
        rules.append(~exists().where(PostHide.member_id == viewer_id, PostHide.post_id == Post.id))
    return rules


def wall_candidates() -> list[ColumnElement[bool]]:
    """Posts some viewer may see: published or pending, by a member not erased (the query joins Member)."""
    return [Post.state.in_((ContentState.published, ContentState.pending)), Member.erased_at.is_(None)]


def reply_visible(viewer_id: int, *, include_hidden: bool = False) -> list[ColumnElement[bool]]:
    """A reply is seen only where its post is seen; `include_hidden` lets a member report one they hid."""
    rules = [
        _state_visible(Reply.state, Reply.author_id, viewer_id),
        *_author_visible(Reply.author_id, viewer_id),
        exists(
            select(Post.id).where(
                Post.id == Reply.post_id, *post_visible(viewer_id, include_hidden=include_hidden)
            )
        ),
    ]
    if not include_hidden:
        rules.append(~exists().where(ReplyHide.member_id == viewer_id, ReplyHide.reply_id == Reply.id))
    return rules


@dataclass(frozen=True)
class ReaderFilter:
    """A member's filter words: matched words are collapsed behind "hidden by your filter", or left out."""

    matcher: FilterMatcher
    leave_out: bool


def filter_word(
    reader: ReaderFilter | None, viewer_id: int, author_id: int, forms: Callable[[], TextForms]
) -> str | None:
    """The filter word other members' words contain, if any; a member's own words are never filtered.
    `forms` is called only when there is something to match, so readers with no filters cost nothing."""
    if reader is None or author_id == viewer_id:
        return None
    return reader.matcher.match(forms())


def post_forms(post: Post) -> TextForms:
    return text_forms(post.body, post.content_warning)


def reply_forms(reply: Reply) -> TextForms:
    return text_forms(reply.body)


@dataclass(frozen=True)
class StreamViewer:
    member_id: int
    # Members whose words this viewer does not see: muted or blocked by them, or blocking them.
    excluded_members: frozenset[int]
    hidden_posts: frozenset[int]
    sees_moderation: bool
    hidden_replies: frozenset[int] = frozenset()
    # A suspended moderator hears nothing of the moderators' channel until the suspension ends; the
    # end is checked as events arrive, so it needs nothing to run when the time passes.
    suspended_until: datetime | None = None
    filter: ReaderFilter | None = None

    def watches_moderation(self) -> bool:
        if not self.sees_moderation:
            return False
        return self.suspended_until is None or self.suspended_until <= utcnow()


# Words a moderator must see first: on the wall they vanish for everyone but their author, as pending
# words do; the author's own screen learns the new state from an event addressed to them alone.
HELD_KINDS = frozenset({"post.held", "reply.held"})


def event_visible(event: StreamEvent, viewer: StreamViewer) -> bool:
    if event.audience == WALL:
        return (
            event.author_id not in viewer.excluded_members
            and event.post_author_id not in viewer.excluded_members
            and event.post_id not in viewer.hidden_posts
            and event.reply_id not in viewer.hidden_replies
            and not (event.kind in HELD_KINDS and event.author_id == viewer.member_id)
        )
    if event.audience == MODERATORS:
        return viewer.watches_moderation()
    return event.audience == member_audience(viewer.member_id)


def event_view(event: StreamEvent, viewer: StreamViewer) -> StreamEvent | None:
    """What the viewer's socket gets of an event: nothing, the event, or (filter words, collapse mode) a
    variant marked `filtered`, made once per event and word whoever receives it."""
    if not event_visible(event, viewer):
        return None
    if viewer.filter is None or event.audience != WALL:
        return event
    word = filter_word(viewer.filter, viewer.member_id, event.author_id or 0, lambda: _event_forms(event))
    if word is None:
        return event
    if viewer.filter.leave_out:
        return None
    return _filtered_variant(event, word)


def _event_words(event: StreamEvent) -> tuple[str, dict] | None:
    """The post or reply an event carries, by its key in the payload, or None for events without words."""
    data = json.loads(event.frame)["data"]
    for key in ("post", "reply"):
        if isinstance(data.get(key), dict) and "body" in data[key]:
            return key, data
    return None


def _event_forms(event: StreamEvent) -> TextForms:
    cached = event.views.get("forms")
    if cached is None:
        found = _event_words(event)
        if found is None:
            cached = TextForms(())
        else:
            key, data = found
            cached = text_forms(data[key]["body"], data[key].get("content_warning"))
        event.views["forms"] = cached
    return cached


def _filtered_variant(event: StreamEvent, word: str) -> StreamEvent:
    cached = event.views.get(("filtered", word))
    if cached is None:
        frame = json.loads(event.frame)
        key, _ = _event_words(event) or ("post", None)
        frame["data"][key].update(filtered=True, filter_word=word)
        cached = replace(event, frame=json.dumps(frame, separators=(",", ":"), ensure_ascii=False))
        event.views[("filtered", word)] = cached
    return cached


def candidate_visible(viewer: StreamViewer, *, post_id: int, author_id: int, published: bool) -> bool:
    """The viewer's part of `post_visible`, for a post that passed `wall_candidates`."""
    return (
        (published or author_id == viewer.member_id)
        and author_id not in viewer.excluded_members
        and post_id not in viewer.hidden_posts
    )
