"""Signals that let apps above core react to core's writes without core importing them."""

from django.dispatch import Signal

#: Sent by core.services.organisation_create inside its transaction, with `organisation`: the
#: partner directory adds the national partners, and later apps their defaults.
organisation_created = Signal()
