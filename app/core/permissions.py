"""Roles map to permissions; routes depend on a permission, never on a role.

A suspended or banned member keeps their role but is granted only what SUSPENDED allows: reading,
talking to the moderator team (appeals included), and muting and blocking, which only shape what they
read and keep them safe from others.
"""

from enum import StrEnum


class Role(StrEnum):
    member = "member"
    moderator = "moderator"
    admin = "admin"


class Permission(StrEnum):
    read_wall = "wall.read"
    write_wall = "wall.write"
    manage_relations = "members.mute_block"
    report = "moderation.report"
    # Appeals and messages to the moderator team: open to suspended members too.
    contact_team = "moderation.contact_team"
    # Private messages and welcomes to other members; a suspension withholds them (not the team's inbox).
    message_members = "messages.members"
    # The moderators' live channel on the stream (the review queue's changes).
    watch_moderation = "moderation.watch"
    review = "moderation.review"
    sanction = "moderation.sanction"
    read_audit = "moderation.audit"
    # Escalated items (safeguarding), the figures, house rules, screening checks, settings and roles.
    safeguarding = "admin.safeguarding"
    view_figures = "admin.figures"
    manage_rules = "admin.rules"
    manage_settings = "admin.settings"
    manage_roles = "admin.roles"


_MEMBER = frozenset(
    {
        Permission.read_wall,
        Permission.write_wall,
        Permission.manage_relations,
        Permission.report,
        Permission.contact_team,
        Permission.message_members,
    }
)
_MODERATOR = _MEMBER | {
    Permission.watch_moderation,
    Permission.review,
    Permission.sanction,
    Permission.read_audit,
}
_ADMIN = _MODERATOR | {
    Permission.safeguarding,
    Permission.view_figures,
    Permission.manage_rules,
    Permission.manage_settings,
    Permission.manage_roles,
}
SUSPENDED = frozenset({Permission.read_wall, Permission.contact_team, Permission.manage_relations})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.member: _MEMBER,
    Role.moderator: _MODERATOR,
    Role.admin: _ADMIN,
}


def permissions_of(role: Role, *, suspended: bool = False) -> frozenset[Permission]:
    """What a member may do; a suspension narrows any role to reading and contacting the team."""
    granted = ROLE_PERMISSIONS[role]
    return granted & SUSPENDED if suspended else granted


def has_permission(role: Role, permission: Permission, *, suspended: bool = False) -> bool:
    return permission in permissions_of(role, suspended=suspended)
