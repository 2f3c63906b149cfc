"""What the database holds, to prove that a refused write changed nothing: one snapshot for the
service tests and the generated security matrix alike."""

from django.apps import apps
from django.db import connection


def all_models() -> list:
    """Every table: all installed models, many-to-many tables included."""
    return [
        model for model in apps.get_models(include_auto_created=True) if model._meta.managed and not model._meta.proxy
    ]


def domain_models() -> list:
    """Every table of Baken's apps (many-to-many tables included), auth groups and permissions
    with their membership tables, and the second-factor devices (Baken's own, in accounts, and
    django-otp's, which stay empty). Not sessions, axes or the password-reset counts: they are a
    request's own bookkeeping, not domain data. Nor the audit chain's heads: they move with every
    audit row (a refusal is logged), and `audit_verify` checks them against the log."""
    return [
        model
        for model in all_models()
        if (
            model.__module__.startswith("baken.")
            and model._meta.label_lower not in {"accounts.passwordresetrequest", "core.auditchainhead"}
        )
        or model._meta.app_label in {"otp_totp", "otp_static"}
        or (model._meta.app_label == "auth" and model._meta.model_name != "user")
    ]


def database_state(models=None) -> dict[str, list[tuple]]:
    """Every row of the given tables (default: all), by model label, in primary-key order.
    Plain SQL rather than the ORM: several times cheaper, and raw column values compare as well."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for model in all_models() if models is None else models:
            meta = model._meta
            # Table and column names come from the models, never from input; both are quoted.
            cursor.execute(f"SELECT * FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")  # noqa: S608
            rows[meta.label_lower] = cursor.fetchall()
    return rows


def row_counts() -> dict[str, int]:
    """The number of rows of every table, by model label."""
    return {label: len(rows) for label, rows in database_state().items()}
