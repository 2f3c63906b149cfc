"""The one exception every service raises when the actor may not do what they ask.

Views do not catch it: `core.middleware.NotPermittedMiddleware` answers it with 404, exactly like
a row that does not exist, so a refusal reveals nothing.
"""


class NotPermitted(Exception):
    """The actor may not do this (or may not see the row it concerns)."""
