"""``{% csp_update "directive" "source" ... %}``: add sources to this response's Content-Security-Policy
(slotwatch/security.py), from the template that needs them, so the exception sits next to its reason."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def csp_update(context, directive, *sources):
    request = context.get("request")
    if request is not None:
        additions = getattr(request, "csp_update", None) or {}
        additions.setdefault(directive, [])
        additions[directive] += [source for source in sources if source not in additions[directive]]
        request.csp_update = additions
    return ""
