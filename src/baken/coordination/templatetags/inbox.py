"""Filters for the inbox and the link lookup (baken/coordination/presentation.py)."""

from django import template

from baken.coordination import presentation

register = template.Library()

register.filter("place", presentation.place)
register.filter("business", presentation.business)
register.filter("excerpt", presentation.excerpt)
register.filter("minor", presentation.minor)
