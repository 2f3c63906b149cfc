from django import forms

from baken.core.forms import ChooseLabels
from baken.partners.models import Partner
from baken.partners.services import PARTNER_FIELDS


class PartnerForm(ChooseLabels, forms.ModelForm):
    class Meta:
        model = Partner
        fields = list(PARTNER_FIELDS)
        widgets = {"expertise": forms.Textarea(attrs={"rows": 2})}
