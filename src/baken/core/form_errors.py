"""Show a service's ValidationError on the form that fed it."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError, *, field_names: dict[str, str] | None = None) -> None:
    """Put each message next to its field (renamed through `field_names` where the service and
    the form name a field differently); messages without a known field go on top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = (field_names or {}).get(field, field)
        form.add_error(target if target in form.fields else None, errors)
