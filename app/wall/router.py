"""The wall: posts, replies, I hear you, hides, and the views that list them."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.accounts import filters
from app.accounts.dependencies import PseudonymPath, Viewer, require, require_rules_agreed
from app.accounts.relations import visible_member
from app.accounts.schemas import MemberRef
from app.core.db import driver_of
from app.core.deps import LimiterDep, SettingsDep
from app.core.errors import (
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    PostingPaused,
    RateLimited,
    RulesAgreementRequired,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId, Page, PageRequest, encode_cursor
from app.core.session import DbSession
from app.moderation.deps import ScreenersDep
from app.moderation.intake import ScreeningNudge, ScreeningRefused
from app.wall import repository, service
from app.wall.models import PostKind
from app.wall.newest import NewestPage
from app.wall.page_bytes import OlderPages
from app.wall.repository import PostRow, ReplyRow
from app.wall.schemas import (
    Heard,
    Hearers,
    PostEdit,
    PostIn,
    PostOut,
    PostPage,
    PostWritten,
    ReplyIn,
    ReplyOut,
    ReplyPage,
    ReplyWritten,
    Thread,
)
from app.wall.visibility import ReaderFilter, filter_word, post_forms, reply_forms

router = APIRouter(tags=["wall"])


Reader = Annotated[Viewer, Depends(require(Permission.read_wall), scope="function")]
Hearer = Annotated[Viewer, Depends(require(Permission.write_wall), scope="function")]


async def _writer(viewer: Hearer, session: DbSession) -> Viewer:
    """Posting and replying also need agreement to the current house rules, and no pause on posting."""
    if viewer.member.posting_paused_at is not None:
        raise PostingPaused(
            "Several members reported your recent words while no moderator was on duty, so posting and "
            "replying are paused until a moderator has looked. You can still read and say I hear you."
        )
    return await require_rules_agreed(viewer, session)


Writer = Annotated[Viewer, Depends(_writer, scope="function")]

READ_ERRORS = error_responses(NotAuthenticated, Forbidden, Invalid)
ONE_ERRORS = error_responses(NotAuthenticated, Forbidden, NotFound, Invalid)
WRITE_ERRORS = error_responses(
    NotAuthenticated,
    CsrfFailed,
    Forbidden,
    RulesAgreementRequired,
    PostingPaused,
    NotFound,
    Invalid,
    ScreeningRefused,
    ScreeningNudge,
    RateLimited,
)


def post_page(
    rows: list[PostRow], page: PageRequest, viewer_id: int, reader: ReaderFilter | None
) -> PostPage:
    """Queries fetch one row more than asked, to know whether another page exists. Words left out by the
    reader's filter make a page shorter; the cursor still follows the rows read, so none is skipped."""
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    items = []
    for row in rows:
        word = filter_word(reader, viewer_id, row.post.author_id, lambda post=row.post: post_forms(post))
        if word is None or not reader or not reader.leave_out:
            items.append(PostOut.for_viewer(row, viewer_id, word))
    return PostPage(items=items, next_cursor=encode_cursor(rows[-1].post.id) if more and rows else None)


def reply_page(
    rows: list[ReplyRow], page: PageRequest, viewer_id: int, reader: ReaderFilter | None
) -> ReplyPage:
    more = len(rows) > page.limit
    rows = rows[: page.limit]
    items = []
    for row in rows:
        word = filter_word(reader, viewer_id, row.reply.author_id, lambda reply=row.reply: reply_forms(reply))
        if word is None or not reader or not reader.leave_out:
            items.append(ReplyOut.for_viewer(row, viewer_id, word))
    return ReplyPage(items=items, next_cursor=encode_cursor(rows[-1].reply.id) if more and rows else None)


@router.get("/posts", summary="The wall, newest first", response_model=PostPage, responses=READ_ERRORS)
async def wall(
    request: Request,
    viewer: Reader,
    session: DbSession,
    page: Page,
    kind: Annotated[PostKind | None, Query()] = None,
) -> PostPage | Response:
    if kind is None:
        newest: NewestPage = request.app.state.newest_page
        if page.after is None:
            cached = await newest.page(session, viewer.id, page.limit)
            if cached is not None:
                return Response(cached, media_type="application/json")
        reader = await newest.viewer(session, viewer.id)
        if reader is not None:
            wall_pages: OlderPages = request.app.state.wall_pages
            connection = await session.connection()
            answer = await wall_pages.page(
                await driver_of(connection),
                connection.dialect,
                reader,
                after=page.after,
                limit=page.limit,
                forms=newest.forms_of,
            )
            return Response(answer, media_type="application/json")
    rows = await repository.wall(session, viewer_id=viewer.id, page=page, kind=kind)
    return post_page(rows, page, viewer.id, filters.for_reader(viewer.member))


@router.get(
    "/posts/unheard",
    summary="Not heard yet: recent posts nobody has answered, oldest first",
    response_model=PostPage,
    responses=READ_ERRORS,
)
async def unheard(viewer: Reader, session: DbSession, page: Page, settings: SettingsDep) -> PostPage:
    rows = await repository.unheard(
        session, viewer_id=viewer.id, page=page, window_hours=settings.unheard_window_hours
    )
    return post_page(rows, page, viewer.id, filters.for_reader(viewer.member))


@router.get(
    "/members/{pseudonym}/posts", summary="One member's posts", response_model=PostPage, responses=ONE_ERRORS
)
async def member_posts(pseudonym: PseudonymPath, viewer: Reader, session: DbSession, page: Page) -> PostPage:
    author = await visible_member(session, viewer_id=viewer.id, pseudonym=pseudonym)
    rows = await repository.member_posts(session, viewer_id=viewer.id, author_id=author.id, page=page)
    return post_page(rows, page, viewer.id, filters.for_reader(viewer.member))


@router.get("/me/hidden-posts", summary="Posts I have hidden", response_model=PostPage, responses=READ_ERRORS)
async def hidden_posts(viewer: Reader, session: DbSession, page: Page) -> PostPage:
    rows = await repository.hidden_posts(session, viewer_id=viewer.id, page=page)
    return post_page(rows, page, viewer.id, filters.for_reader(viewer.member))


@router.post(
    "/posts",
    summary="Post on the wall",
    status_code=status.HTTP_201_CREATED,
    response_model=PostWritten,
    responses=WRITE_ERRORS,
)
async def create_post(
    body: PostIn,
    viewer: Writer,
    session: DbSession,
    settings: SettingsDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> PostWritten:
    await service.count_post(limiter, settings, viewer.id)
    row, notice = await service.create_post(
        session,
        author=viewer.member,
        kind=body.kind,
        body=body.body,
        content_warning=body.content_warning,
        screeners=screeners,
        post_anyway=body.post_anyway,
    )
    return PostWritten.for_viewer(row, viewer.id).model_copy(update={"screening": notice})


@router.get(
    "/posts/{post_id}", summary="One post with its replies", response_model=Thread, responses=ONE_ERRORS
)
async def thread(post_id: ItemId, viewer: Reader, session: DbSession, page: Page) -> Thread:
    row = await service.visible_post(session, viewer_id=viewer.id, post_id=post_id)
    replies = await repository.replies(session, viewer_id=viewer.id, post_id=post_id, page=page)
    reader = filters.for_reader(viewer.member)
    # A post opened on its own (from a notification, a link) is collapsed rather than refused, whichever
    # way the reader chose: they asked for it by name.
    word = filter_word(reader, viewer.id, row.post.author_id, lambda: post_forms(row.post))
    return Thread(
        post=PostOut.for_viewer(row, viewer.id, word), replies=reply_page(replies, page, viewer.id, reader)
    )


@router.get(
    "/posts/{post_id}/replies",
    summary="More replies to a post",
    response_model=ReplyPage,
    responses=ONE_ERRORS,
)
async def replies(post_id: ItemId, viewer: Reader, session: DbSession, page: Page) -> ReplyPage:
    await service.visible_post(session, viewer_id=viewer.id, post_id=post_id)
    rows = await repository.replies(session, viewer_id=viewer.id, post_id=post_id, page=page)
    return reply_page(rows, page, viewer.id, filters.for_reader(viewer.member))


@router.patch(
    "/posts/{post_id}",
    summary="Edit my post (within the edit window)",
    response_model=PostWritten,
    responses=WRITE_ERRORS,
)
async def edit_post(
    post_id: ItemId,
    body: PostEdit,
    viewer: Writer,
    session: DbSession,
    settings: SettingsDep,
    screeners: ScreenersDep,
) -> PostWritten:
    row, notice = await service.edit_post(
        session,
        viewer_id=viewer.id,
        post_id=post_id,
        changes=body.model_dump(include=body.model_fields_set - {"post_anyway"}),
        window_minutes=settings.edit_window_minutes,
        screeners=screeners,
        post_anyway=body.post_anyway,
    )
    return PostWritten.for_viewer(row, viewer.id).model_copy(update={"screening": notice})


@router.delete(
    "/posts/{post_id}",
    summary="Delete my post",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def delete_post(post_id: ItemId, viewer: Reader, session: DbSession) -> None:
    await service.delete_post(session, viewer_id=viewer.id, post_id=post_id)


@router.put(
    "/posts/{post_id}/hear", summary="I hear you, on a post", response_model=Heard, responses=WRITE_ERRORS
)
async def hear_post(
    post_id: ItemId, viewer: Hearer, session: DbSession, settings: SettingsDep, limiter: LimiterDep
) -> Heard:
    await limiter.hit("hear", settings.rate_hear, str(viewer.id), what="I hear yous")
    count = await service.set_post_heard(session, viewer_id=viewer.id, post_id=post_id, heard=True)
    return Heard(heard_count=count, heard_by_me=True)


@router.delete(
    "/posts/{post_id}/hear",
    summary="Take back I hear you on a post",
    response_model=Heard,
    responses=WRITE_ERRORS,
)
async def unhear_post(
    post_id: ItemId, viewer: Hearer, session: DbSession, settings: SettingsDep, limiter: LimiterDep
) -> Heard:
    await limiter.hit("hear", settings.rate_hear, str(viewer.id), what="I hear yous")
    count = await service.set_post_heard(session, viewer_id=viewer.id, post_id=post_id, heard=False)
    return Heard(heard_count=count, heard_by_me=False)


@router.get(
    "/posts/{post_id}/hearers",
    summary="Who heard my post (author only)",
    response_model=Hearers,
    responses=ONE_ERRORS,
)
async def post_hearers(post_id: ItemId, viewer: Reader, session: DbSession) -> Hearers:
    members = await service.hearers_of_post(session, viewer_id=viewer.id, post_id=post_id)
    return Hearers(items=[MemberRef(pseudonym=m.pseudonym, avatar=m.avatar) for m in members])


@router.put(
    "/replies/{reply_id}/hear", summary="I hear you, on a reply", response_model=Heard, responses=WRITE_ERRORS
)
async def hear_reply(
    reply_id: ItemId, viewer: Hearer, session: DbSession, settings: SettingsDep, limiter: LimiterDep
) -> Heard:
    await limiter.hit("hear", settings.rate_hear, str(viewer.id), what="I hear yous")
    count = await service.set_reply_heard(session, viewer_id=viewer.id, reply_id=reply_id, heard=True)
    return Heard(heard_count=count, heard_by_me=True)


@router.delete(
    "/replies/{reply_id}/hear",
    summary="Take back I hear you on a reply",
    response_model=Heard,
    responses=WRITE_ERRORS,
)
async def unhear_reply(
    reply_id: ItemId, viewer: Hearer, session: DbSession, settings: SettingsDep, limiter: LimiterDep
) -> Heard:
    await limiter.hit("hear", settings.rate_hear, str(viewer.id), what="I hear yous")
    count = await service.set_reply_heard(session, viewer_id=viewer.id, reply_id=reply_id, heard=False)
    return Heard(heard_count=count, heard_by_me=False)


@router.get(
    "/replies/{reply_id}/hearers",
    summary="Who heard my reply (author only)",
    response_model=Hearers,
    responses=ONE_ERRORS,
)
async def reply_hearers(reply_id: ItemId, viewer: Reader, session: DbSession) -> Hearers:
    members = await service.hearers_of_reply(session, viewer_id=viewer.id, reply_id=reply_id)
    return Hearers(items=[MemberRef(pseudonym=m.pseudonym, avatar=m.avatar) for m in members])


@router.put(
    "/posts/{post_id}/hide",
    summary="Hide a post from my views",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def hide(post_id: ItemId, viewer: Reader, session: DbSession) -> None:
    await service.set_hidden(session, viewer_id=viewer.id, post_id=post_id, hidden=True)


@router.delete(
    "/posts/{post_id}/hide",
    summary="Show a post I hid again",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def unhide(post_id: ItemId, viewer: Reader, session: DbSession) -> None:
    await service.set_hidden(session, viewer_id=viewer.id, post_id=post_id, hidden=False)


@router.post(
    "/posts/{post_id}/replies",
    summary="Reply to a post",
    status_code=status.HTTP_201_CREATED,
    response_model=ReplyWritten,
    responses=WRITE_ERRORS,
)
async def create_reply(
    post_id: ItemId,
    body: ReplyIn,
    viewer: Writer,
    session: DbSession,
    settings: SettingsDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> ReplyWritten:
    await limiter.hit("reply", settings.rate_reply, str(viewer.id), what="replies")
    row, notice = await service.create_reply(
        session,
        author_id=viewer.id,
        post_id=post_id,
        body=body.body,
        screeners=screeners,
        post_anyway=body.post_anyway,
    )
    return ReplyWritten.for_viewer(row, viewer.id).model_copy(update={"screening": notice})


@router.patch(
    "/replies/{reply_id}",
    summary="Edit my reply (within the edit window)",
    response_model=ReplyWritten,
    responses=WRITE_ERRORS,
)
async def edit_reply(
    reply_id: ItemId,
    body: ReplyIn,
    viewer: Writer,
    session: DbSession,
    settings: SettingsDep,
    screeners: ScreenersDep,
) -> ReplyWritten:
    row, notice = await service.edit_reply(
        session,
        viewer_id=viewer.id,
        reply_id=reply_id,
        body=body.body,
        window_minutes=settings.edit_window_minutes,
        screeners=screeners,
        post_anyway=body.post_anyway,
    )
    return ReplyWritten.for_viewer(row, viewer.id).model_copy(update={"screening": notice})


@router.delete(
    "/replies/{reply_id}",
    summary="Delete my reply",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
)
async def delete_reply(reply_id: ItemId, viewer: Reader, session: DbSession) -> None:
    await service.delete_reply(session, viewer_id=viewer.id, reply_id=reply_id)
