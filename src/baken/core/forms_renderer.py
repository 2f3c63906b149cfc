from django.forms.renderers import TemplatesSetting


class BakenFormRenderer(TemplatesSetting):
    """Renders fields with NL Design System (Utrecht) form-field markup, labels, help texts and
    errors tied to the input with aria-describedby."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
