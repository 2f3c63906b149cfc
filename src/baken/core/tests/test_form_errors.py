from django import forms
from django.core.exceptions import ValidationError

from baken.core.form_errors import add_service_errors


class ExampleForm(forms.Form):
    name = forms.CharField()
    exploitation_forms = forms.CharField()


def test_service_errors_land_on_their_fields_or_on_top():
    form = ExampleForm({"name": "x", "exploitation_forms": "y"})
    assert form.is_valid()
    add_service_errors(
        form,
        ValidationError({"name": "Naam fout", "forms": "Vorm fout", "elders": "Algemeen"}),
        field_names={"forms": "exploitation_forms"},
    )
    assert form.errors["name"] == ["Naam fout"]
    assert form.errors["exploitation_forms"] == ["Vorm fout"]
    assert form.non_field_errors() == ["Algemeen"]
    plain = ExampleForm({"name": "x", "exploitation_forms": "y"})
    plain.is_valid()
    add_service_errors(plain, ValidationError("Alles fout"))
    assert plain.non_field_errors() == ["Alles fout"]
