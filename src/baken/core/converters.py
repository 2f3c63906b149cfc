"""Path converters. `id` is an integer primary key that fits a 64-bit database column: a longer
number never reaches the database (where SQLite would overflow into a 500) and simply matches no
route, so it answers 404 like any unknown address."""


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
