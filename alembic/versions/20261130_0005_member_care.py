"""Member care: taking a break, notification choices, personal filter words on the member.

Revision ID: 0005
Revises: 0004
Created: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("break_started_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("break_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("notifications_off", sa.Text(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("filter_words", sa.Text(), server_default="[]", nullable=False))
        batch_op.add_column(
            sa.Column(
                "filter_mode",
                sa.Enum(
                    "collapse",
                    "leave_out",
                    name="filter_mode",
                    native_enum=False,
                    length=16,
                    create_constraint=True,
                ),
                server_default="collapse",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        # The enum's check names the column, so it goes first.
        batch_op.drop_constraint(op.f("ck_member_filter_mode"), type_="check")
        batch_op.drop_column("filter_mode")
        batch_op.drop_column("filter_words")
        batch_op.drop_column("notifications_off")
        batch_op.drop_column("break_until")
        batch_op.drop_column("break_started_at")
