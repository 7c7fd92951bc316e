from django import template

from compliance.rules.codes import MILESTONE_LABELS

register = template.Library()


@register.filter
def rule_label(code: str) -> str:
    """A milestone code as people read it ("Res. 35 M1 (10 %)"); an unknown code as it is."""
    return MILESTONE_LABELS.get(code, code)
