from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Refreshes the query planner's statistics (ANALYZE), e.g. after a bulk load."

    def handle(self, *args, **options):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
