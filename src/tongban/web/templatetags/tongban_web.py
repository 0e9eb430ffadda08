"""Template helpers for the web layouts: `{% load tongban_web %}`."""

from django import template

register = template.Library()


@register.filter
def bs_widget(field):
    """Render a bound field's widget with Bootstrap's classes (and `is-invalid` when it has errors).

    Django itself adds `aria-invalid` and `aria-describedby` (pointing at `<id>_error` / `<id>_helptext`).
    """
    widget_type = field.widget_type
    if widget_type in ("checkbox", "radioselect", "checkboxselectmultiple"):
        css = "form-check-input"
    elif widget_type in ("select", "selectmultiple", "nullbooleanselect"):
        css = "form-select"
    else:
        css = "form-control"
    existing = field.field.widget.attrs.get("class", "")
    classes = " ".join(c for c in (existing, css, "is-invalid" if field.errors else "") if c)
    return field.as_widget(attrs={"class": classes})
