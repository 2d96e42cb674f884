"""The admin's date hierarchy without a DISTINCT over the whole table (see `admin.changelists`).

Django lists the years (and the months of a year) that have rows with `SELECT DISTINCT
date_trunc(...)` over every filtered row: 120–200 ms at a million commitments, on every page.
Here the years and months are those between the first and the last date, read with one MIN/MAX
that the date's index answers; a year or month in between without rows shows an empty list.
The days of one month are still read from its rows (a month is a small range of the index).
"""

import datetime

from django import template
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import get_fields_from_path
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


def date_hierarchy(cl):
    """The context of `admin/date_hierarchy.html`, like Django's tag, in one query (none for a day)."""
    if not cl.date_hierarchy:
        return None
    name = cl.date_hierarchy
    if isinstance(get_fields_from_path(cl.model, name)[-1], models.DateTimeField):
        # Date-times are in small tables only (sync conflicts); Django's tag handles time zones.
        return admin_list.date_hierarchy(cl)
    year_field, month_field, day_field = f"{name}__year", f"{name}__month", f"{name}__day"
    year, month, day = (cl.params.get(field) for field in (year_field, month_field, day_field))

    def link(filters):
        return cl.get_query_string(filters, [f"{name}__"])

    def months_of(year, first_month, last_month):
        return [
            {
                "link": link({year_field: year, month_field: number}),
                "title": capfirst(formats.date_format(datetime.date(int(year), number, 1), "YEAR_MONTH_FORMAT")),
            }
            for number in range(first_month, last_month + 1)
        ]

    def days_of(year, month):
        return {
            "show": True,
            "back": {"link": link({year_field: year}), "title": str(year)},
            "choices": [
                {
                    "link": link({year_field: year, month_field: month, day_field: each.day}),
                    "title": capfirst(formats.date_format(each, "MONTH_DAY_FORMAT")),
                }
                for each in cl.queryset.dates(name, "day")
            ],
        }

    if year and month and day:
        chosen = datetime.date(int(year), int(month), int(day))
        return {
            "show": True,
            "back": {
                "link": link({year_field: year, month_field: month}),
                "title": capfirst(formats.date_format(chosen, "YEAR_MONTH_FORMAT")),
            },
            "choices": [{"title": capfirst(formats.date_format(chosen, "MONTH_DAY_FORMAT"))}],
        }
    if year and month:
        return days_of(year, month)
    bounds = cl.queryset.aggregate(first=models.Min(name), last=models.Max(name))
    first, last = bounds["first"], bounds["last"]
    if year:
        months = months_of(year, first.month, last.month) if first else []
        return {"show": True, "back": {"link": link({}), "title": _("All dates")}, "choices": months}
    # The years, even when there is one (Django then drills down itself, one more query).
    years = range(first.year, last.year + 1) if first else []
    return {
        "show": True,
        "back": None,
        "choices": [{"link": link({year_field: str(number)}), "title": str(number)} for number in years],
    }


@register.tag(name="bounded_date_hierarchy")
def date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=date_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
