"""Links to archived records in the admin's forms.

A choice field's queryset comes from the target's default manager, which leaves archived rows
out: a commitment whose source document was archived then showed an empty choice (and lost its
link on save) or "Select a valid choice". Every admin form and inline is built on
`KeepsArchivedTargets`: the record's current targets stay valid (and shown), while archived rows
are still refused as a new choice.
"""

from django import forms
from django.contrib import admin

from ..models.archive import Archivable


class KeepsArchivedTargets(forms.ModelForm):
    """A ModelForm whose choice fields also accept the archived records the instance links to now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is None or not issubclass(model, Archivable):
                continue
            if name in self._many_to_many_names() and self.instance.pk:
                # model_to_dict read these through the default manager, which drops archived ones.
                self.initial[name] = list(getattr(self.instance, name)(manager="all_objects").all())
            current = self._current_values(name, field)
            if current:
                key = field.to_field_name or "pk"
                field.queryset = field.queryset | model.all_objects.filter(**{f"{key}__in": current})

    def _many_to_many_names(self) -> set[str]:
        return {field.name for field in self._meta.model._meta.many_to_many}

    def _current_values(self, name, field) -> list:
        """The values (pk or to_field) the form starts from for `name`, without empties."""
        value = field.prepare_value(self.get_initial_for_field(field, name))
        values = value if isinstance(value, (list, tuple)) else [value]
        return [v for v in values if v not in (None, "")]


class TabularInline(admin.TabularInline):
    """The project's tabular inline: its rows keep their archived targets too."""

    form = KeepsArchivedTargets
