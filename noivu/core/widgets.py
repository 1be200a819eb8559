"""Form widgets shared by every app: the searchable tree select (chọn đơn vị trong cây) that a list's
filter uses to offer any node of the user's tree, and the filtered select for a long list of choices.

:class:`TreeSelect` renders a text box with a list of suggestions (the ARIA combobox pattern): typing
asks ``core:tree_choices`` for the nodes of the user's scope whose name matches, with or without
diacritics, each shown with its place in the tree; arrow keys, Enter and Escape work as in a native
select. The value submitted is the node's code, in a hidden input. The tree itself is registered by the
app that owns it (:data:`noivu.core.extensions.tree_choices`), so core imports no app.

:class:`FilteredSelect` keeps a native select (its keyboard, its picker on a phone) and puts a search box
above it: typing part of a name, with or without diacritics, leaves in the select only the choices whose
text holds every word typed, and says how many are left.
"""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from noivu.core.extensions import TreeChoice, tree_choices


class TreeSelect(forms.Widget):
    """A searchable select over a registered tree (``source``); bind the user before rendering so that
    the chosen node's name is read within their scope."""

    template_name = "core/widgets/tree_select.html"

    def __init__(
        self,
        source: str = "organization",
        *,
        label: Any = None,
        empty_label: Any = None,
        allow_empty: bool = True,
        attrs: Any = None,
    ) -> None:
        super().__init__(attrs)
        self.source = source
        self.label = label or _("Đơn vị")
        self.empty_label = empty_label or _("Tất cả đơn vị")
        self.allow_empty = allow_empty
        self.user: Any = None

    def chosen(self, value: Any) -> TreeChoice | None:
        if not value or self.user is None:
            return None
        return tree_choices[self.source].find(self.user, str(value))

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            {
                "url": reverse("core:tree_choices", args=[self.source]),
                "chosen": self.chosen(value),
                "label": self.label,
                "empty_label": self.empty_label,
                "allow_empty": self.allow_empty,
            }
        )
        return context


def tree_field(label: Any, source: str = "organization", **kwargs: Any) -> forms.CharField:
    """A filter's field choosing any node of the user's tree by its code, through :class:`TreeSelect`."""
    return forms.CharField(
        label=label, required=False, max_length=64, widget=TreeSelect(source, label=label, **kwargs)
    )


class FilteredSelect(forms.Select):
    """A select over a long list (hundreds of names), with a search box that narrows its choices as the user
    types; the matching folds diacritics (đ → d) like the server's search."""

    template_name = "core/widgets/filtered_select.html"
    input_type = "filtered-select"

    def __init__(self, *, search_label: Any = None, attrs: Any = None, choices: Any = ()) -> None:
        super().__init__(attrs, choices)
        self.search_label = search_label or _("Tìm theo tên")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        return context
