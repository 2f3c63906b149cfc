"""Database functions Django does not ship, written once for both databases Baken runs on."""

from django.db.models import FloatField, Func, IntegerField


class SecondsBetween(Func):
    """The seconds from one datetime expression to another (negative when the second is
    earlier; NULL when either is): a number the database computes, so that a figure over tens of
    thousands of rows never loads their timestamps into Python."""

    arity = 2
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="EXTRACT(EPOCH FROM (%(expressions)s))", arg_joiner=" - ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores datetimes on SQLite as UTC text that julianday() reads.
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def __init__(self, start, end, **extra):
        # Written end first: the SQL is end - start.
        super().__init__(end, start, **extra)


class DaysBetween(Func):
    """The whole days from one date expression to another (negative when the second is earlier;
    NULL when either is), computed by the database like SecondsBetween."""

    arity = 2
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores dates on SQLite as ISO text that julianday() reads.
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def __init__(self, start, end, **extra):
        # Written end first: the SQL is end - start.
        super().__init__(end, start, **extra)
