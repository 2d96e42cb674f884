"""Changelists over big tables: a bounded count, a fixed number of queries, no scan of every row.

At a million commitments Django's defaults cost seconds a page: an exact COUNT of the filtered
rows, a DISTINCT over the table for a "related only" list filter, the date hierarchy's DISTINCT
years, facet counts per filter choice, an OFFSET that fetches and joins every skipped row. The
big changelists (commitments, motions, papers, activities, votes) use:

- `BoundedCountPaginator`: counts at most `bound` rows (a LIMITed subquery). Up to the bound the
  count is exact; past it the list says "more than 10,000" and its pages reach the first 10,000
  rows of the chosen order. Narrowing with the filters, the search or the date hierarchy reaches
  any row; an OFFSET of half a million does not. A page is read as ids first, then its rows.
- `RelatedWithRowsFilter`: the choices come from the lookup table (people, parties), each kept
  when a row refers to it (one index probe per choice, never a scan of the big table).
- `BigTableAdmin`: no facets, and a search that matches few rows runs once a page.

Every changelist also has the date hierarchy of `commitments/templatetags/changelists.py`:
years and months between the first and the last date (one MIN/MAX), days from one month's rows.
"""

import math

from django.contrib import admin
from django.contrib.admin.options import ShowFacets
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property

from ..selectors.pages import COUNT_LIMIT, bounded_count


class BoundedCountPaginator(Paginator):
    """A paginator that counts no further than `bound` rows.

    `count` is exact up to the bound and is the bound past it (`count_is_exact` tells which);
    `num_pages` then covers the first `bound` rows, a higher page number shows the last of those
    pages, and the page links end with an ellipsis.
    """

    bound = COUNT_LIMIT  # the public lists' bound

    @cached_property
    def _rows_up_to_bound(self) -> int:
        """How many rows there are, counting no further than one past the bound (one query)."""
        rows = self.object_list
        if hasattr(rows, "query"):
            return bounded_count(rows, self.bound)
        return len(rows[: self.bound + 1])

    @cached_property
    def count(self) -> int:
        return min(self._rows_up_to_bound, self.bound)

    @property
    def count_is_exact(self) -> bool:
        return self._rows_up_to_bound <= self.bound

    @cached_property
    def num_pages(self) -> int:
        if self.count_is_exact:
            return super().num_pages
        return math.ceil(self.bound / self.per_page)

    def validate_number(self, number):
        try:
            return super().validate_number(number)
        except EmptyPage:
            if self.count_is_exact or int(number) < 1:
                raise
            # More rows than the bound: a page past the ones offered shows the last of them.
            return self.num_pages

    def page(self, number):
        """The page's rows in two steps: their ids (an index-only scan skips the OFFSET), then
        those rows with their joins. In one query every skipped row was fetched and joined: 266 ms
        for the last page (OFFSET 9,950) at a million commitments, against about 2 ms."""
        number = self.validate_number(number)
        rows = self.object_list
        if not hasattr(rows, "query"):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        return self._get_page(rows.filter(pk__in=ids), number, self)

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        yield from super().get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends)
        if not self.count_is_exact:
            yield self.ELLIPSIS


class BoundedChangeList(ChangeList):
    """A changelist whose current page is the one `BoundedCountPaginator` showed."""

    def get_results(self, request):
        super().get_results(request)
        if not isinstance(self.paginator, BoundedCountPaginator):
            return
        if not self.multi_page:
            # One page: read it as every page is read (the same queries at 5 rows as at 500).
            self.result_list = self.paginator.page(1).object_list
        if self.paginator.count_is_exact:
            return
        # More rows than counted: no "show all", and a page number past the bound showed the
        # last page within it (mark that one).
        self.can_show_all = False
        self.page_num = min(max(self.page_num, 1), self.paginator.num_pages)
        if self.show_all:
            self.result_list = self.paginator.page(self.page_num).object_list


class BigTableAdmin:
    """Mixin for the ModelAdmin of a big table (commitments, motions, papers, votes).

    Facets are off: "show counts" runs one COUNT over the table per filter choice. A search that
    matches few rows (most do) is run once, not once for the count, once for the page and once
    for the date hierarchy.
    """

    paginator = BoundedCountPaginator
    show_full_result_count = False
    show_facets = ShowFacets.NEVER

    # A search with at most this many matches runs once a page: its ids are read first, and the
    # count, the page and the date hierarchy look those rows up by primary key.
    search_ids_limit = 1000

    def get_changelist(self, request, **kwargs):
        return BoundedChangeList

    def search_rows(self, request, queryset, search_term):
        """The rows matching `search_term` and whether they may repeat: Django's search over
        `search_fields`, unless the model has its own search (commitments, motions)."""
        return super().get_search_results(request, queryset, search_term)

    def get_search_results(self, request, queryset, search_term):
        matches, may_have_duplicates = self.search_rows(request, queryset, search_term)
        if not search_term:
            return matches, may_have_duplicates
        ids = matches.order_by().values_list("pk", flat=True)
        ids = list((ids.distinct() if may_have_duplicates else ids)[: self.search_ids_limit + 1])
        if len(ids) <= self.search_ids_limit:
            return queryset.filter(pk__in=ids), False
        return matches, may_have_duplicates


class RelatedWithRowsFilter(admin.RelatedFieldListFilter):
    """The related objects that some row refers to, read from their own (small) table.

    What `RelatedOnlyFieldListFilter` shows, without its DISTINCT over every row of the big table:
    each candidate is kept by an EXISTS that the foreign key's index answers.
    """

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        referred = field.model._base_manager.filter(**{field.name: OuterRef("pk")})
        return field.get_choices(include_blank=False, ordering=ordering, limit_choices_to=Q(Exists(referred)))
