"""ZGW vertrouwelijkheidaanduiding, ordered so that clearance checks are a simple comparison."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidentiality(models.IntegerChoices):
    OPENBAAR = 1, _("openbaar")
    BEPERKT_OPENBAAR = 2, _("beperkt openbaar")
    INTERN = 3, _("intern")
    ZAAKVERTROUWELIJK = 4, _("zaakvertrouwelijk")
    VERTROUWELIJK = 5, _("vertrouwelijk")
    CONFIDENTIEEL = 6, _("confidentieel")
    GEHEIM = 7, _("geheim")
    ZEER_GEHEIM = 8, _("zeer geheim")
