"""What services need to know about the request without taking the request itself: its id and
the client's address, for the audit log. The middleware sets both; outside a request (jobs,
commands) they stay empty."""

from contextvars import ContextVar

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")
current_client_ip: ContextVar[str | None] = ContextVar("current_client_ip", default=None)
