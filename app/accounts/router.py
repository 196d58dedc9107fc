"""Joining, signing in and out, recovery, the member's own account, profiles, mutes and blocks."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from app.accounts import relations, service
from app.accounts.avatars import AVATARS
from app.accounts.dependencies import (
    CurrentViewer,
    PseudonymPath,
    Viewer,
    clear_session_cookies,
    require,
    set_session_cookies,
)
from app.accounts.models import Member, MemberSession, RelationKind
from app.accounts.pseudonyms import normalise_pseudonym, skeleton
from app.accounts.schemas import (
    AccountOut,
    AvatarList,
    BreakState,
    Joined,
    JoinIn,
    MemberRef,
    PasswordChangeIn,
    ProfileIn,
    ProfileWritten,
    PublicProfile,
    Recovered,
    RecoverIn,
    RulesAgreementIn,
    SessionOut,
    SignedIn,
    SignInIn,
)
from app.core.config import Settings
from app.core.db import utcnow
from app.core.deps import HasherDep, LimiterDep, SettingsDep
from app.core.errors import (
    CsrfFailed,
    Forbidden,
    Invalid,
    NotAuthenticated,
    NotFound,
    RateLimited,
    error_responses,
)
from app.core.permissions import Permission
from app.core.schemas import ItemId
from app.core.session import DbSession
from app.moderation.deps import ScreenersDep
from app.moderation.intake import ScreeningRefused

router = APIRouter(tags=["accounts"])
Relater = Annotated[Viewer, Depends(require(Permission.manage_relations), scope="function")]
# Profile text is words other members read, so changing it is writing, which a suspension withholds.
ProfileWriter = Annotated[Viewer, Depends(require(Permission.write_wall), scope="function")]
SIGNED_IN_ERRORS = error_responses(NotAuthenticated, CsrfFailed)


def account_out(member: Member) -> AccountOut:
    return AccountOut(
        pseudonym=member.pseudonym,
        avatar=member.avatar,
        about_me=member.about_me,
        joined_at=member.joined_at,
        role=member.role,
        rules_version_agreed=member.rules_version_agreed,
        taking_a_break=BreakState.of(member, utcnow()),
    )


def session_out(row: MemberSession, current_id: int | None) -> SessionOut:
    return SessionOut(
        id=row.id,
        device=row.device,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        expires_at=row.expires_at,
        current=row.id == current_id,
    )


async def _signed_in(
    request: Request,
    response: Response,
    session: DbSession,
    settings: Settings,
    member: Member,
    transport: str,
) -> SignedIn:
    row, token = await service.start_session(
        session, member=member, device=request.headers.get("user-agent", ""), settings=settings
    )
    signed = SignedIn(account=account_out(member), session=session_out(row, row.id))
    if transport == "bearer":
        signed.token = token
    else:
        signed.csrf_token = set_session_cookies(response, token=token, settings=settings)
    return signed


@router.post(
    "/auth/join",
    summary="Join under a pseudonym",
    status_code=status.HTTP_201_CREATED,
    response_model=Joined,
    responses=error_responses(Invalid, ScreeningRefused, CsrfFailed, RateLimited),
)
async def join(
    body: JoinIn,
    request: Request,
    response: Response,
    session: DbSession,
    settings: SettingsDep,
    hasher: HasherDep,
    limiter: LimiterDep,
    screeners: ScreenersDep,
) -> Joined:
    await limiter.hit(
        "join", settings.rate_join_per_address, limiter.address_key(request), what="new accounts"
    )
    member, code, notice = await service.create_member(
        session,
        hasher=hasher,
        screeners=screeners,
        pseudonym=body.pseudonym,
        password=body.password,
        agreed_rules_version=body.agreed_rules_version,
    )
    signed = await _signed_in(request, response, session, settings, member, body.transport)
    return Joined(**signed.model_dump(), recovery_code=code, screening=notice)


@router.post(
    "/auth/sign-in",
    summary="Sign in with pseudonym and password",
    response_model=SignedIn,
    responses=error_responses(NotAuthenticated, CsrfFailed, RateLimited, Invalid),
)
async def sign_in(
    body: SignInIn,
    request: Request,
    response: Response,
    session: DbSession,
    settings: SettingsDep,
    hasher: HasherDep,
    limiter: LimiterDep,
) -> SignedIn:
    await limiter.hit(
        "sign-in-address",
        settings.rate_sign_in_per_address,
        limiter.address_key(request),
        what="sign-in attempts",
    )
    await limiter.hit(
        "sign-in-member",
        settings.rate_sign_in_per_member,
        skeleton(normalise_pseudonym(body.pseudonym)),
        what="sign-in attempts for this pseudonym",
    )
    member = await service.sign_in(session, hasher=hasher, pseudonym=body.pseudonym, password=body.password)
    return await _signed_in(request, response, session, settings, member, body.transport)


@router.post(
    "/auth/sign-out",
    summary="End this session",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=SIGNED_IN_ERRORS,
)
async def sign_out(
    viewer: CurrentViewer, session: DbSession, settings: SettingsDep, response: Response
) -> None:
    await service.end_session(session, member=viewer.member, session_id=viewer.session.id)
    clear_session_cookies(response, settings)


@router.post(
    "/auth/recover",
    summary="Set a new password with the recovery code",
    response_model=Recovered,
    responses=error_responses(NotAuthenticated, Invalid, CsrfFailed, RateLimited),
)
async def recover(
    body: RecoverIn,
    request: Request,
    session: DbSession,
    settings: SettingsDep,
    hasher: HasherDep,
    limiter: LimiterDep,
) -> Recovered:
    await limiter.hit(
        "recover", settings.rate_recover_per_address, limiter.address_key(request), what="recovery attempts"
    )
    await limiter.hit(
        "recover-member",
        settings.rate_recover_per_address,
        skeleton(normalise_pseudonym(body.pseudonym)),
        what="recovery attempts for this pseudonym",
    )
    _member, code = await service.recover(
        session,
        hasher=hasher,
        pseudonym=body.pseudonym,
        recovery_code=body.recovery_code,
        new_password=body.new_password,
    )
    return Recovered(recovery_code=code)


@router.get("/me", summary="My account", response_model=AccountOut, responses=SIGNED_IN_ERRORS)
async def me(viewer: CurrentViewer) -> AccountOut:
    return account_out(viewer.member)


@router.patch(
    "/me",
    summary="Change my about me or avatar",
    response_model=ProfileWritten,
    responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, Invalid, ScreeningRefused),
)
async def update_me(
    body: ProfileIn, viewer: ProfileWriter, session: DbSession, screeners: ScreenersDep
) -> ProfileWritten:
    session.add(viewer.member)
    changes = body.model_dump(include=body.model_fields_set)
    notice = await service.update_profile(session, viewer.member, changes=changes, screeners=screeners)
    return ProfileWritten(**account_out(viewer.member).model_dump(), screening=notice)


@router.post(
    "/me/password",
    summary="Change my password (ends my other sessions)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid, RateLimited),
)
async def change_password(
    body: PasswordChangeIn,
    viewer: CurrentViewer,
    session: DbSession,
    settings: SettingsDep,
    hasher: HasherDep,
    limiter: LimiterDep,
) -> None:
    await limiter.hit(
        "sign-in-member",
        settings.rate_sign_in_per_member,
        viewer.member.pseudonym_key,
        what="password attempts",
    )
    await service.change_password(
        session,
        hasher=hasher,
        member=viewer.member,
        current_password=body.current_password,
        new_password=body.new_password,
        keep_session_id=viewer.session.id,
    )
    session.add(viewer.member)


@router.post(
    "/me/rules-agreement",
    summary="Agree to the current house rules",
    response_model=AccountOut,
    responses=error_responses(NotAuthenticated, CsrfFailed, Invalid),
)
async def agree_to_rules(body: RulesAgreementIn, viewer: CurrentViewer, session: DbSession) -> AccountOut:
    await service.agree_to_rules(session, member=viewer.member, version=body.version)
    session.add(viewer.member)
    return account_out(viewer.member)


@router.get(
    "/me/sessions",
    summary="My signed-in sessions",
    response_model=list[SessionOut],
    responses=SIGNED_IN_ERRORS,
)
async def my_sessions(viewer: CurrentViewer, session: DbSession, settings: SettingsDep) -> list[SessionOut]:
    rows = await service.live_sessions(session, member=viewer.member, settings=settings)
    return [session_out(row, viewer.session.id) for row in rows]


@router.delete(
    "/me/sessions/{session_id}",
    summary="End one of my sessions",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, CsrfFailed, NotFound),
)
async def end_my_session(session_id: ItemId, viewer: CurrentViewer, session: DbSession) -> None:
    await service.end_session(session, member=viewer.member, session_id=session_id)


@router.get("/avatars", summary="The avatars a member can choose from", response_model=AvatarList)
async def avatars() -> AvatarList:
    return AvatarList(avatars=list(AVATARS))


@router.get(
    "/members/{pseudonym}",
    summary="A member's public profile",
    response_model=PublicProfile,
    responses=error_responses(NotAuthenticated, NotFound),
)
async def member_profile(
    pseudonym: PseudonymPath, viewer: CurrentViewer, session: DbSession
) -> PublicProfile:
    other = await relations.visible_member(session, viewer_id=viewer.id, pseudonym=pseudonym)
    return PublicProfile(
        pseudonym=other.pseudonym, avatar=other.avatar, about_me=other.about_me, joined_at=other.joined_at
    )


def _relation_routes(kind: RelationKind, noun: str, done: str, effect: str) -> None:
    @router.put(
        f"/members/{{pseudonym}}/{kind.value}",
        summary=f"{noun.capitalize()} a member ({effect})",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound, Invalid),
        operation_id=f"{kind.value}_member",
    )
    async def add(pseudonym: PseudonymPath, viewer: Relater, session: DbSession) -> None:
        other = await relations.visible_member(session, viewer_id=viewer.id, pseudonym=pseudonym)
        await relations.set_relation(session, member=viewer.member, other=other, kind=kind)

    @router.delete(
        f"/members/{{pseudonym}}/{kind.value}",
        summary=f"Un{kind.value} a member",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=error_responses(NotAuthenticated, CsrfFailed, Forbidden, NotFound),
        operation_id=f"un{kind.value}_member",
    )
    async def remove(pseudonym: PseudonymPath, viewer: Relater, session: DbSession) -> None:
        # Idempotent, and the same answer for any name: a 404 here would tell a blocked member that
        # the name exists although its profile answers 404 to them.
        other = await service.find_member(session, pseudonym)
        if other is not None:
            await relations.remove_relation(session, member=viewer.member, other=other, kind=kind)

    @router.get(
        f"/me/{kind.value}s",
        summary=f"Members I have {done}",
        response_model=list[MemberRef],
        responses=SIGNED_IN_ERRORS,
        operation_id=f"my_{kind.value}s",
    )
    async def listed(viewer: CurrentViewer, session: DbSession) -> list[MemberRef]:
        members = await relations.related_members(session, member=viewer.member, kind=kind)
        return [MemberRef(pseudonym=m.pseudonym, avatar=m.avatar) for m in members]


_relation_routes(
    RelationKind.mute, "mute", "muted", "their posts and replies leave your views; they are not told"
)
_relation_routes(
    RelationKind.block, "block", "blocked", "as mute, and neither of you can see or message the other"
)
