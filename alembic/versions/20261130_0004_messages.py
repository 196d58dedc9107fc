"""Private messages: conversations between members and with the moderator team, read state, hides by
reporting, welcomes, and each member's messaging preferences.

Revision ID: 0004
Revises: 0003
Created: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "members",
                "team",
                name="conversation_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("pair_key", sa.String(length=48), nullable=False),
        sa.Column("started_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("awaiting_team", sa.Boolean(), nullable=False),
        sa.Column(
            "team_last_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "team_read_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"],
            ["member.id"],
            name=op.f("fk_conversation_started_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation")),
        sa.UniqueConstraint("pair_key", name=op.f("uq_conversation_pair_key")),
    )
    op.create_index(
        "ix_conversation_team_inbox",
        "conversation",
        ["kind", "awaiting_team", "team_last_message_id"],
        unique=False,
    )
    op.create_table(
        "messaging_preference",
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "accept_from",
            sa.Enum(
                "everyone",
                "conversations",
                name="accept_from",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("listed_as_new", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_messaging_preference_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_messaging_preference")),
    )
    op.create_table(
        "conversation_member",
        sa.Column("conversation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("last_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "last_read_message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_member_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_conversation_member_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", "member_id", name=op.f("pk_conversation_member")),
    )
    op.create_index(
        "ix_conversation_member_member_id_last",
        "conversation_member",
        ["member_id", "last_message_id"],
        unique=False,
    )
    op.create_table(
        "welcome",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("welcomer_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("new_member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("conversation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_welcome_conversation_id_conversation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["new_member_id"], ["member.id"], name=op.f("fk_welcome_new_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["welcomer_id"], ["member.id"], name=op.f("fk_welcome_welcomer_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_welcome")),
        sa.UniqueConstraint(
            "welcomer_id", "new_member_id", name=op.f("uq_welcome_welcomer_id_new_member_id")
        ),
    )
    op.create_index("ix_welcome_new_member_id_id", "welcome", ["new_member_id", "id"], unique=False)
    op.create_table(
        "message",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("conversation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("author_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("from_team", sa.Boolean(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "text",
                "welcome",
                "team_welcome",
                "appeal",
                "appeal_decided",
                name="message_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("appeal_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "published",
                "pending",
                "removed",
                "deleted",
                name="message_state",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["appeal_id"], ["appeal.id"], name=op.f("fk_message_appeal_id_appeal"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_message_author_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_message_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    op.create_index(op.f("ix_message_author_id"), "message", ["author_id"], unique=False)
    op.create_index("ix_message_conversation_id_id", "message", ["conversation_id", "id"], unique=False)
    op.create_table(
        "message_hide",
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("message_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_message_hide_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_message_hide_message_id_message"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "message_id", name=op.f("pk_message_hide")),
    )


def downgrade() -> None:
    op.drop_table("message_hide")
    op.drop_table("message")
    op.drop_table("welcome")
    op.drop_table("conversation_member")
    op.drop_table("messaging_preference")
    op.drop_table("conversation")
