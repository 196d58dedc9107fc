"""Roles map to permissions; routes depend on a permission, never on a role."""

from enum import StrEnum


class Role(StrEnum):
    member = "member"
    moderator = "moderator"
    admin = "admin"


class Permission(StrEnum):
    read_wall = "wall.read"
    write_wall = "wall.write"
    manage_relations = "members.mute_block"
    # The moderators' live channel on the stream (the review queue's changes).
    watch_moderation = "moderation.watch"


_MEMBER = frozenset({Permission.read_wall, Permission.write_wall, Permission.manage_relations})
_MODERATOR = _MEMBER | {Permission.watch_moderation}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.member: _MEMBER,
    Role.moderator: _MODERATOR,
    Role.admin: _MODERATOR,
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]
