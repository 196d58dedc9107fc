"""Moderation: rule versions as published, screening checks, the review queue, sanctions, appeals,
notes, the audit log, settings and notifications.

Revision ID: 0003
Revises: 0002
Created: 2026-11-30
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("actor_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target_type", sa.String(length=16), nullable=True),
        sa.Column("target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("target_member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("rule_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["member.id"], name=op.f("fk_audit_entry_actor_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["house_rule.id"],
            name=op.f("fk_audit_entry_rule_id_house_rule"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["target_member_id"],
            ["member.id"],
            name=op.f("fk_audit_entry_target_member_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_action_id", ["action", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_target_member_id"), ["target_member_id"], unique=False
        )

    op.create_table(
        "moderator_note",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("author_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["member.id"], name=op.f("fk_moderator_note_author_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_moderator_note_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderator_note")),
    )
    with op.batch_alter_table("moderator_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moderator_note_member_id"), ["member_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_notification_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_member_id_id", ["member_id", "id"], unique=False)

    op.create_table(
        "review_item",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "target_type",
            sa.Enum(
                "post",
                "reply",
                "member",
                "message",
                name="target_type",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open", "resolved", name="item_status", native_enum=False, create_constraint=True, length=16
            ),
            nullable=False,
        ),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("auto_hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "resolution",
            sa.Enum(
                "approved",
                "removed",
                "dismissed",
                name="resolution",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(
            ["claimed_by_id"],
            ["member.id"],
            name=op.f("fk_review_item_claimed_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_review_item_member_id_member"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_item")),
        sa.UniqueConstraint("target_type", "target_id", name=op.f("uq_review_item_target_type_target_id")),
    )
    with op.batch_alter_table("review_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_item_member_id"), ["member_id"], unique=False)
        batch_op.create_index("ix_review_item_queue", ["status", "priority", "opened_at"], unique=False)

    op.create_table(
        "screening_check",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("rule_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "phrases",
                "pattern",
                "shouting",
                "contact_details",
                "crisis",
                name="check_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "action",
            sa.Enum(
                "nudge",
                "hold",
                "block",
                "flag",
                name="check_action",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("phrases", sa.Text(), nullable=False),
        sa.Column("pattern", sa.Text(), nullable=True),
        sa.Column("min_letters", sa.Integer(), nullable=False),
        sa.Column("max_capital_share", sa.Float(), nullable=False),
        sa.Column("contact_kinds", sa.Text(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["house_rule.id"],
            name=op.f("fk_screening_check_rule_id_house_rule"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_check")),
    )
    with op.batch_alter_table("screening_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_check_rule_id"), ["rule_id"], unique=False)

    op.create_table(
        "screening_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("change_summary", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["member.id"],
            name=op.f("fk_screening_version_published_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_screening_version")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["member.id"],
            name=op.f("fk_setting_updated_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "decision",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("item_version", sa.Integer(), nullable=False),
        sa.Column("moderator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "approve",
                "remove",
                "dismiss",
                "escalate",
                name="decision_action",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("rule_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["review_item.id"], name=op.f("fk_decision_item_id_review_item"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["moderator_id"], ["member.id"], name=op.f("fk_decision_moderator_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["house_rule.id"], name=op.f("fk_decision_rule_id_house_rule"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_item_id"), ["item_id"], unique=False)

    op.create_table(
        "review_reason",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "report",
                "screening",
                "crisis",
                "new_member",
                name="reason_source",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("reporter_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("rule_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("check_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=True),
        sa.Column("excerpts", sa.Text(), nullable=False),
        sa.Column("spans", sa.Text(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reporter_told_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["screening_check.id"],
            name=op.f("fk_review_reason_check_id_screening_check"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["review_item.id"],
            name=op.f("fk_review_reason_item_id_review_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["member.id"],
            name=op.f("fk_review_reason_reporter_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["house_rule.id"],
            name=op.f("fk_review_reason_rule_id_house_rule"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_reason")),
    )
    with op.batch_alter_table("review_reason", schema=None) as batch_op:
        batch_op.create_index("ix_review_reason_item_id_round", ["item_id", "round"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_reason_reporter_id"), ["reporter_id"], unique=False)
        batch_op.create_index(
            "uq_review_reason_one_report",
            ["item_id", "round", "reporter_id"],
            unique=True,
            sqlite_where=sa.text("reporter_id IS NOT NULL"),
            postgresql_where=sa.text("reporter_id IS NOT NULL"),
        )

    op.create_table(
        "rule_revision",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["house_rule.id"],
            name=op.f("fk_rule_revision_rule_id_house_rule"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version"],
            ["rule_set_version.version"],
            name=op.f("fk_rule_revision_version_rule_set_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version", "rule_id", name=op.f("pk_rule_revision")),
    )
    op.create_table(
        "sanction",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "warning",
                "suspension",
                "ban",
                name="sanction_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("rule_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("moderator_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lifted_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=True),
        sa.Column("overruled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("overruled_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("overrule_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["review_item.id"], name=op.f("fk_sanction_item_id_review_item"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["lifted_by_id"], ["member.id"], name=op.f("fk_sanction_lifted_by_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_sanction_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["moderator_id"], ["member.id"], name=op.f("fk_sanction_moderator_id_member"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["overruled_by_id"],
            ["member.id"],
            name=op.f("fk_sanction_overruled_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["house_rule.id"], name=op.f("fk_sanction_rule_id_house_rule"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sanction")),
    )
    with op.batch_alter_table("sanction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sanction_member_id"), ["member_id"], unique=False)

    op.create_table(
        "appeal",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sanction_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("decision_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "granted",
                "refused",
                name="appeal_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decision.id"], name=op.f("fk_appeal_decision_id_decision"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_appeal_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["member.id"],
            name=op.f("fk_appeal_resolved_by_id_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sanction_id"], ["sanction.id"], name=op.f("fk_appeal_sanction_id_sanction"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal")),
    )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appeal_member_id"), ["member_id"], unique=False)

    op.create_table(
        "reply_hide",
        sa.Column("member_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("reply_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_reply_hide_member_id_member"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"], ["reply.id"], name=op.f("fk_reply_hide_reply_id_reply"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("member_id", "reply_id", name=op.f("pk_reply_hide")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reply_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True)
        )

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspended_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("posting_paused_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("rule_set_version", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("published_by_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_rule_set_version_published_by_id_member"),
            "member",
            ["published_by_id"],
            ["id"],
            ondelete="SET NULL",
        )

    # Every version published so far is kept as it reads today: the rules as they stand.
    op.execute(
        "INSERT INTO rule_revision (version, rule_id, position, title, body, summary) "
        "SELECT v.version, r.id, r.position, r.title, r.body, r.summary "
        "FROM rule_set_version v CROSS JOIN house_rule r WHERE r.retired_at IS NULL"
    )
    now = datetime.now(UTC)
    screening_version = sa.table(
        "screening_version",
        sa.column("version", sa.Integer()),
        sa.column("change_summary", sa.Text()),
        sa.column("published_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        screening_version,
        [{"version": 1, "change_summary": "The starter checks.", "published_at": now}],
    )
    # The starter checks ship as data beside the code; each names its house rule by position.
    starter = json.loads((Path(__file__).parents[2] / "app/moderation/starter_checks.json").read_text("utf-8"))
    rule_ids = dict(
        op.get_bind().execute(sa.text("SELECT position, id FROM house_rule WHERE retired_at IS NULL")).all()
    )
    screening_check = sa.table(
        "screening_check",
        sa.column("rule_id", sa.BigInteger()),
        sa.column("name", sa.String()),
        sa.column("kind", sa.String()),
        sa.column("action", sa.String()),
        sa.column("phrases", sa.Text()),
        sa.column("pattern", sa.Text()),
        sa.column("min_letters", sa.Integer()),
        sa.column("max_capital_share", sa.Float()),
        sa.column("contact_kinds", sa.Text()),
        sa.column("sensitive", sa.Boolean()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        screening_check,
        [
            {
                "rule_id": rule_ids[check["rule_position"]],
                "name": check["description"][:80],
                "kind": check["kind"],
                "action": check["action"],
                "phrases": json.dumps(check.get("phrases", [])),
                "pattern": check.get("pattern"),
                "min_letters": check.get("min_letters", 12),
                "max_capital_share": check.get("max_capital_share", 0.7),
                "contact_kinds": json.dumps(check.get("contact_kinds", [])),
                "sensitive": check.get("sensitive", False),
                "created_at": now,
                "updated_at": now,
            }
            for check in starter
            if check["rule_position"] in rule_ids
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("reply_id")

    op.drop_table("reply_hide")
    with op.batch_alter_table("rule_set_version", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_rule_set_version_published_by_id_member"), type_="foreignkey")
        batch_op.drop_column("published_by_id")

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("posting_paused_at")
        batch_op.drop_column("suspended_until")

    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appeal_member_id"))

    op.drop_table("appeal")
    with op.batch_alter_table("sanction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sanction_member_id"))

    op.drop_table("sanction")
    op.drop_table("rule_revision")
    with op.batch_alter_table("review_reason", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_review_reason_one_report",
            sqlite_where=sa.text("reporter_id IS NOT NULL"),
            postgresql_where=sa.text("reporter_id IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_review_reason_reporter_id"))
        batch_op.drop_index("ix_review_reason_item_id_round")

    op.drop_table("review_reason")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_item_id"))

    op.drop_table("decision")
    op.drop_table("setting")
    op.drop_table("screening_version")
    with op.batch_alter_table("screening_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_check_rule_id"))

    op.drop_table("screening_check")
    with op.batch_alter_table("review_item", schema=None) as batch_op:
        batch_op.drop_index("ix_review_item_queue")
        batch_op.drop_index(batch_op.f("ix_review_item_member_id"))

    op.drop_table("review_item")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_member_id_id")

    op.drop_table("notification")
    with op.batch_alter_table("moderator_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderator_note_member_id"))

    op.drop_table("moderator_note")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_target_member_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))
        batch_op.drop_index("ix_audit_entry_action_id")

    op.drop_table("audit_entry")
