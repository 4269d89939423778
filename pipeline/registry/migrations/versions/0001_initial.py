"""The first registry schema: rounds, applications, scores, inspections, certifications,
revocations and assessments.

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("year", sa.Integer, nullable=False, unique=True),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("ruleset", sa.String(200), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
        sa.Column("applicant_id", sa.String(400), nullable=False),
        sa.Column("unit_name", sa.String(400)),
        sa.Column("uscc", sa.String(18)),
        sa.Column("platform_name", sa.String(400)),
        sa.Column("city", sa.String(40)),
        sa.Column("county", sa.String(40)),
        sa.Column("functions", sa.JSON, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("figures", sa.JSON, nullable=False),
        sa.Column("result_digest", sa.String(64), nullable=False),
        sa.Column("file_digests", sa.JSON, nullable=False),
        sa.UniqueConstraint("round_id", "applicant_id", name="uq_application_round"),
    )
    op.create_index("ix_applications_uscc", "applications", ["uscc"])
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("expert", sa.String(100), nullable=False),
        sa.Column("conflict", sa.Integer, nullable=False),
        sa.Column("total", sa.Float),
        sa.Column("items", sa.JSON, nullable=False),
        sa.UniqueConstraint("application_id", "expert", name="uq_score_expert"),
    )
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("passed", sa.Integer, nullable=False),
        sa.Column("inspected_on", sa.Date),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "certifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "application_id",
            sa.Integer,
            sa.ForeignKey("applications.id", ondelete="RESTRICT"),
            nullable=False,
            unique=True,
        ),
        sa.Column("certified_on", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=False),
    )
    op.create_table(
        "revocations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "certification_id",
            sa.Integer,
            sa.ForeignKey("certifications.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("revoked_on", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("article", sa.String(100), nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "certification_id", sa.Integer, sa.ForeignKey("certifications.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("grade", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.UniqueConstraint("certification_id", "year", name="uq_assessment_year"),
    )


def downgrade() -> None:
    for table in ("assessments", "revocations", "certifications", "inspections", "scores", "applications", "rounds"):
        op.drop_table(table)
