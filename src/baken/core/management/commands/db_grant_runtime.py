from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from baken.core.db_roles import grant_statements, role_problems


class Command(BaseCommand):
    help = (
        "PostgreSQL: gives the runtime role exactly the rights Baken needs (SELECT/INSERT/UPDATE/DELETE on ordinary "
        "tables, SELECT/INSERT on append-only tables, USAGE on sequences; no TRUNCATE, no ownership). Run as the "
        "owner role after every migrate. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the runtime role, e.g. baken_app")
        parser.add_argument("--print", action="store_true", help="print the statements instead of running them")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist on PostgreSQL only; SQLite has no roles to grant.")
        role = options["role"]
        problems = role_problems(role)
        if problems:
            raise CommandError("; ".join(problems))
        statements = grant_statements(role)
        if options["print"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"Granted the runtime rights to {role} ({len(statements)} statements).")
