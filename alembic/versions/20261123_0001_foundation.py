"""The foundation: members, sessions, mutes and blocks, house rules, posts, replies, hears, hides.

Revision ID: 0001
Revises:
Created: 2026-11-23
"""

from collections.abc import Sequence

from datetime import UTC, datetime

import sqlalchemy as sa

from alembic import op

STARTER_RULES = [
    (
        "Be kind",
        "Treat everyone here with kindness and respect. People come here on hard days: answer as you "
        "would want to be answered, and remember there is a person behind every pseudonym.",
        "Answer others as you would want to be answered.",
    ),
    (
        "No graphic detail of self-harm or suicide, and no methods",
        "You can talk about how you feel, including thoughts of self-harm or suicide. Please don't "
        "describe injuries, methods, amounts or places, and don't share pictures of them: details like "
        "these can put someone else who is struggling at risk.",
        "Say how you feel; leave out injuries, methods and pictures.",
    ),
    (
        "No abuse or discrimination",
        "No bullying, threats, harassment or put-downs, and nothing hateful about anyone's race, "
        "religion, gender, sexuality, disability, health or background.",
        "Nobody is put down here, for any reason.",
    ),
    (
        "No bad language or shouting",
        "Keep your language gentle. Writing in capital letters reads as shouting, so please use them "
        "sparingly.",
        "Gentle words, and no shouty capitals.",
    ),
    (
        "Keep contact details private",
        "Don't share phone numbers, email addresses, home or street addresses, social media names or "
        "links, yours or anyone else's. Staying anonymous keeps everyone safe.",
        "No phone numbers, emails, addresses, social media or links.",
    ),
    (
        "This is not a crisis service",
        "Alongside is peer support, not an emergency service, and moderators are not here around the "
        "clock. If you or someone else is in danger now, use \"I need help now\" on any page: in the UK "
        "call 999 in an emergency, Samaritans on 116 123, text SHOUT to 85258, or call NHS 111.",
        "If you are in danger now, use \"I need help now\".",
    ),
]

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    house_rule = op.create_table('house_rule',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house_rule'))
    )
    op.create_table('member',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('pseudonym', sa.String(length=30), nullable=False),
    sa.Column('pseudonym_key', sa.String(length=60), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('recovery_code_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('member', 'moderator', 'admin', name='role', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('about_me', sa.Text(), nullable=True),
    sa.Column('avatar', sa.String(length=40), nullable=False),
    sa.Column('rules_version_agreed', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('pseudonym_key', name=op.f('uq_member_pseudonym_key'))
    )
    rule_set_version = op.create_table('rule_set_version',
    sa.Column('version', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('change_summary', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('version', name=op.f('pk_rule_set_version'))
    )
    op.create_table('member_relation',
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('other_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.Enum('mute', 'block', name='relation_kind', native_enum=False, create_constraint=True, length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_relation_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['member.id'], name=op.f('fk_member_relation_other_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'other_id', 'kind', name=op.f('pk_member_relation'))
    )
    with op.batch_alter_table('member_relation', schema=None) as batch_op:
        batch_op.create_index('ix_member_relation_other', ['other_id', 'kind'], unique=False)

    op.create_table('member_session',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_session_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_member_session_token_hash'))
    )
    with op.batch_alter_table('member_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_session_member_id'), ['member_id'], unique=False)

    op.create_table('post',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('author_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.Enum('looking_for_support', 'saying_hello', 'seeking_suggestions', 'sharing_a_win', name='post_kind', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('content_warning', sa.String(length=100), nullable=True),
    sa.Column('state', sa.Enum('published', 'pending', 'removed', 'deleted', name='content_state', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heard_count', sa.Integer(), nullable=False),
    sa.Column('reply_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['member.id'], name=op.f('fk_post_author_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post'))
    )
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.create_index('ix_post_author_id_id', ['author_id', 'id'], unique=False)
        batch_op.create_index('ix_post_state_id', ['state', 'id'], unique=False)

    op.create_table('post_hear',
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_post_hear_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_post_hear_post_id_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'member_id', name=op.f('pk_post_hear'))
    )
    with op.batch_alter_table('post_hear', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_hear_member_id'), ['member_id'], unique=False)

    op.create_table('post_hide',
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_post_hide_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_post_hide_post_id_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('member_id', 'post_id', name=op.f('pk_post_hide'))
    )
    op.create_table('reply',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('post_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('author_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('published', 'pending', 'removed', 'deleted', name='content_state', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('heard_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['member.id'], name=op.f('fk_reply_author_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_reply_post_id_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply'))
    )
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_reply_post_id_id', ['post_id', 'id'], unique=False)

    op.create_table('reply_hear',
    sa.Column('reply_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('member_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_reply_hear_member_id_member'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reply_id'], ['reply.id'], name=op.f('fk_reply_hear_reply_id_reply'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('reply_id', 'member_id', name=op.f('pk_reply_hear'))
    )
    with op.batch_alter_table('reply_hear', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_hear_member_id'), ['member_id'], unique=False)

    now = datetime.now(UTC)
    op.bulk_insert(
        rule_set_version,
        [{"version": 1, "change_summary": "The first house rules.", "published_at": now}],
    )
    op.bulk_insert(
        house_rule,
        [
            {"position": position, "title": title, "body": body, "summary": summary, "created_at": now}
            for position, (title, body, summary) in enumerate(STARTER_RULES, start=1)
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table('reply_hear', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_hear_member_id'))

    op.drop_table('reply_hear')
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_index('ix_reply_post_id_id')
        batch_op.drop_index(batch_op.f('ix_reply_author_id'))

    op.drop_table('reply')
    op.drop_table('post_hide')
    with op.batch_alter_table('post_hear', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_hear_member_id'))

    op.drop_table('post_hear')
    with op.batch_alter_table('post', schema=None) as batch_op:
        batch_op.drop_index('ix_post_state_id')
        batch_op.drop_index('ix_post_author_id_id')

    op.drop_table('post')
    with op.batch_alter_table('member_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_session_member_id'))

    op.drop_table('member_session')
    with op.batch_alter_table('member_relation', schema=None) as batch_op:
        batch_op.drop_index('ix_member_relation_other')

    op.drop_table('member_relation')
    op.drop_table('rule_set_version')
    op.drop_table('member')
    op.drop_table('house_rule')
