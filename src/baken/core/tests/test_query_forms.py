"""Query parameters are read through form fields: the page number, and what the list views write
to the audit log."""

from django import forms
from django.http import QueryDict

from baken.core.forms import MAX_PAGE, IdMultipleChoiceField, page_number, valid_query
from baken.core.services import list_view_reason


def test_page_number_is_a_whole_number_from_one_to_a_million():
    assert page_number(QueryDict("pagina=3")) == 3
    assert page_number(QueryDict(f"pagina={MAX_PAGE}")) == MAX_PAGE
    for value in ("", "0", "-1", f"{MAX_PAGE + 1}", "9" * 5000, "²", "1.5", "abc"):
        assert page_number(QueryDict(f"pagina={value}")) == 1, value
    assert page_number(QueryDict()) == 1


class _Filter(forms.Form):
    q = forms.CharField(max_length=5, required=False)
    kinds = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    pagina = forms.IntegerField(required=False)


def test_list_view_reason_writes_the_cleaned_values_of_a_form():
    form = _Filter(QueryDict("q=Jan&kinds=a&kinds=b&pagina=2&other=x"))
    assert list_view_reason("lijst", form) == "lijst: kinds=a kinds=b q=Jan"
    refused = _Filter(QueryDict("q=toolong&kinds=z"))
    assert list_view_reason("lijst", refused) == "lijst"
    assert list_view_reason("lijst") == "lijst"


def test_list_view_reason_still_takes_a_raw_query():
    assert list_view_reason("auditlog", QueryDict("actor=jan&pagina=2&leeg=")) == "auditlog: actor=jan"


def test_valid_query_keeps_the_forms_valid_fields_only():
    form = _Filter(QueryDict("q=a b&kinds=z&pagina=2&other=x"))
    assert valid_query(form) == "q=a+b"


def test_an_id_choice_refuses_a_value_that_is_no_database_id_before_the_query(db):
    from baken.signalling.models import ExploitationForm

    field = IdMultipleChoiceField(queryset=ExploitationForm.objects.all())
    for value in ("9" * 20, "²", "١", "-1"):
        try:
            field.clean([value])
        except forms.ValidationError as error:
            assert error.code == "invalid_pk_value"
        else:
            raise AssertionError(value)
