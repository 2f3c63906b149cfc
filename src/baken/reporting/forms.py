import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from baken.reporting.figures import Period

#: Longest period on one page: two years of months beside the two years before.
MAX_DAYS = 731


class PeriodForm(forms.Form):
    van = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        default = Period.last_twelve_months(self.today)
        start, end = data.get("van") or default.start, data.get("tot") or default.end
        if start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."), code="order")
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Kies een periode van hoogstens twee jaar."), code="too_long")
        self.period = Period(start, end)
        return data


class AnnualReportForm(forms.Form):
    """Parses only: the year's range and the narrative's length are the service's rules."""

    year = forms.IntegerField(label=_("Jaar"))
    narrative = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Uw toelichting op de cijfers, in platte tekst; hoogstens 10.000 tekens. Komt vooraan in de PDF."),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        strip=False,
    )
